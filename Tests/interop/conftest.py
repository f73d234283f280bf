"""Fixtures: the fastapi_poe reference server, poe-emulator, and an isolated HOME for poe-tui.
Both servers bind 127.0.0.1 only and are stopped at the end of the session."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator

import pytest

with warnings.catch_warnings():
    # fastapi_poe 0.0.83 itself uses a class-based pydantic config; not ours to fix.
    warnings.filterwarnings("ignore", "Support for class-based `config` is deprecated")
    import fastapi_poe  # noqa: F401

from helpers import Emulator, ReferenceServer, binary


@pytest.fixture(scope="session")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def tui_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME and XDG directories for poe-tui, so no user config or cache leaks in."""
    binary("poe-tui")  # fail early and clearly when the binary is missing
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="session")
def reference_server(logs: Path) -> Iterator[ReferenceServer]:
    server = ReferenceServer(logs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def emulator(logs: Path) -> Iterator[Emulator]:
    server = Emulator(logs)
    server.start()
    try:
        yield server
    finally:
        server.stop()
