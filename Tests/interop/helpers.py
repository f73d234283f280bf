"""Shared machinery of the interop tests: servers on loopback, running poe-tui, and folding
both clients' output into the same comparable shape."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import fastapi_poe as fp

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
API_KEY = "k"
STARTUP_TIMEOUT = 60.0  # generous: a loaded 2-core machine may take a while to import fastapi
CALL_TIMEOUT = 60.0

# In-process httpx (fastapi_poe's client) must never go through a proxy to reach loopback.
for _name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(_name, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


def binary(name: str) -> Path:
    directory = Path(os.environ.get("POE_TUI_BIN") or REPO / ".build" / "debug")
    path = directory / name
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} is missing: build first (swift build) or set POE_TUI_BIN")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get_json(url: str, timeout: float = 10.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


# --- Servers -------------------------------------------------------------------------------------

class ReferenceServer:
    """reference_bots.py under uvicorn on 127.0.0.1 (a free port; retried if it was taken)."""

    def __init__(self, log_dir: Path) -> None:
        self.process: Optional[subprocess.Popen] = None
        self.log_path = log_dir / "reference_server.log"
        self.base = ""

    def start(self) -> None:
        for _ in range(3):
            port = free_port()
            log = open(self.log_path, "ab")
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "reference_bots:app", "--host", "127.0.0.1",
                 "--port", str(port), "--log-level", "warning", "--no-access-log"],
                cwd=HERE, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    http_get_json(base + "/_ready", timeout=2)
                    self.base = base
                    return
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(0.05)  # polling interval, not a wait for something to happen
            stop_process(self.process)  # it died (port taken?) or never became ready
        raise RuntimeError(f"reference server did not start; log:\n{self.log_path.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)

    def requests(self, bot: str, token: str) -> list[dict]:
        return http_get_json(f"{self.base}/_requests/{bot}/{token}")

    def uploads(self) -> list[dict]:
        return http_get_json(f"{self.base}/_uploads")


class Emulator:
    """poe-emulator on a port it picks; its first stdout line is the base URL."""

    def __init__(self, log_dir: Path) -> None:
        self.process: Optional[subprocess.Popen] = None
        self.log_path = log_dir / "poe_emulator.log"
        self.base = ""

    def start(self) -> None:
        log = open(self.log_path, "ab")
        # No rate limit: the suite makes many quick requests with one key.
        self.process = subprocess.Popen(
            [str(binary("poe-emulator")), "--port", "0", "--rate-limit", "0"],
            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()), daemon=True).start()
        try:
            first = lines.get(timeout=STARTUP_TIMEOUT).decode().strip()
        except queue.Empty:
            first = ""
        if not first.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"poe-emulator printed {first!r}; log:\n{self.log_path.read_text()[-4000:]}")
        self.base = first

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            if self.process.stdout:
                self.process.stdout.close()


# --- The folded result of one reply --------------------------------------------------------------

@dataclass
class Folded:
    """A reply reduced to what a user of either client ends up with."""
    text: str = ""
    suggested: list[str] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    json: list[Any] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    # A bot `error` event: {"text", "allow_retry", "error_type"}.
    error: Optional[dict] = None
    # A failure outside the protocol: fastapi_poe's non-JSON BotError text, or poe-tui's
    # {"text", "kind", ...} line.
    failure: Any = None
    done: bool = False


def _attachment(url: str, name: str, content_type: str, inline_ref: Optional[str]) -> dict:
    return {"url": url, "name": name, "content_type": content_type, "inline_ref": inline_ref}


async def _fold_fastapi_poe(messages: list[fp.ProtocolMessage], bot: str, base_url: str) -> Folded:
    folded = Folded()
    try:
        async for message in fp.get_bot_response(messages, bot_name=bot, api_key=API_KEY,
                                                 base_url=base_url):
            if isinstance(message, fp.MetaResponse):
                continue
            if message.is_suggested_reply:
                folded.suggested.append(message.text)
                continue
            if message.attachment is not None:
                a = message.attachment
                folded.files.append(_attachment(a.url, a.name, a.content_type, a.inline_ref))
            if message.data is not None:
                folded.json.append(message.data)
            if message.is_replace_response:
                folded.text = message.text
            else:
                folded.text += message.text
        folded.done = True
    except fp.BotError as error:  # BotErrorNoRetry is a subclass
        # An `error` event is raised with the event's raw data as the message.
        try:
            data = json.loads(str(error))
        except ValueError:
            data = None
        if isinstance(data, dict):
            folded.error = {"text": data.get("text"), "allow_retry": data.get("allow_retry", True),
                            "error_type": data.get("error_type")}
            folded.failure = type(error).__name__
        else:
            folded.failure = str(error)
    return folded


def fold_fastapi_poe(prompt: str, bot: str, base_url: str, *, parameters: Optional[dict] = None,
                     attachments: Optional[list[fp.Attachment]] = None) -> Folded:
    message = fp.ProtocolMessage(role="user", content=prompt, parameters=parameters or {},
                                 attachments=attachments or [])
    return asyncio.run(asyncio.wait_for(_fold_fastapi_poe([message], bot, base_url), CALL_TIMEOUT))


def fastapi_poe_upload(path: Path, upload_base: str) -> fp.Attachment:
    async def run() -> fp.Attachment:
        return await fp.upload_file(file=path.read_bytes(), file_name=path.name, api_key=API_KEY,
                                    base_url=upload_base)
    return asyncio.run(asyncio.wait_for(run(), CALL_TIMEOUT))


# --- poe-tui -------------------------------------------------------------------------------------

@dataclass
class TuiRun:
    returncode: int
    stdout: str
    stderr: str
    events: list[dict]

    def describe(self) -> str:
        return f"exit {self.returncode}\nstdout:\n{self.stdout[:3000]}\nstderr:\n{self.stderr[:3000]}"


def tui_env(base: str, home: Path, upload_url: Optional[str] = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POE_")}
    env.update({
        "POE_API_BASE": base, "POE_API_KEY": API_KEY,
        "POE_UPLOAD_URL": upload_url or base + "/poe_api/file_upload_3RD_PARTY_POST",
        "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
    })
    return env


def run_tui(env: dict[str, str], *args: str, json_mode: bool = True) -> TuiRun:
    argv = [str(binary("poe-tui")), "ask", *(["--json"] if json_mode else []), *args]
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=CALL_TIMEOUT)
    stdout = done.stdout.decode("utf-8")
    stderr = done.stderr.decode("utf-8", errors="replace")
    events = []
    if json_mode:
        assert stdout == "" or stdout.endswith("\n"), stdout[-200:]
        # Split on "\n" only: str.splitlines() would also split inside a line at an unescaped
        # U+2028/U+2029, which JSON allows in strings.
        for line in stdout[:-1].split("\n") if stdout else []:
            value = json.loads(line)
            assert isinstance(value, dict) and "type" in value, line
            events.append(value)
    return TuiRun(done.returncode, stdout, stderr, events)


EVENT_KEYS = {
    "meta": {"type", "content_type", "linkify", "suggested_replies"},
    "text": {"type", "text"},
    "replace_response": {"type", "text"},
    "suggested_reply": {"type", "text"},
    "file": {"type", "url", "name", "content_type", "inline_ref"},
    "json": {"type", "data"},
    "data": {"type", "metadata"},
    "error": {"type", "text", "allow_retry", "error_type"},
    "done": {"type"},
}


def fold_tui(run: TuiRun) -> Folded:
    """Folds `poe-tui ask --json` lines, checking the documented shape on the way: `meta` only
    first, nothing after `done`, a non-protocol failure only as the last line."""
    folded = Folded()
    for position, event in enumerate(run.events):
        kind = event["type"]
        assert not folded.done, f"line after done: {event}\n{run.describe()}"
        assert folded.failure is None, f"line after a failure line: {event}\n{run.describe()}"
        if kind == "error" and "kind" in event:
            folded.failure = event
            continue
        assert kind in EVENT_KEYS, f"unknown event type {kind!r}\n{run.describe()}"
        assert set(event) == EVENT_KEYS[kind], f"keys of {event}\n{run.describe()}"
        if kind == "meta":
            assert position == 0, f"meta not first\n{run.describe()}"
        elif kind == "text":
            folded.text += event["text"]
        elif kind == "replace_response":
            folded.text = event["text"]
        elif kind == "suggested_reply":
            folded.suggested.append(event["text"])
        elif kind == "file":
            folded.files.append(_attachment(event["url"], event["name"], event["content_type"],
                                            event["inline_ref"]))
        elif kind == "json":
            folded.json.append(event["data"])
        elif kind == "data":
            folded.data.append(event["metadata"])
        elif kind == "error":
            assert folded.error is None, f"two error events\n{run.describe()}"
            folded.error = {k: event[k] for k in ("text", "allow_retry", "error_type")}
        elif kind == "done":
            folded.done = True
    return folded


def assert_same_reply(reference: Folded, ours: Folded, run: TuiRun) -> None:
    """The parts of a reply both clients expose: text, suggested replies, files, json events and
    the bot's error event (text, allow_retry, error_type)."""
    context = run.describe()
    assert ours.text == reference.text, context
    assert ours.suggested == reference.suggested, context
    assert ours.files == reference.files, context
    assert ours.json == reference.json, context
    assert ours.error == reference.error, context
