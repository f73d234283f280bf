"""fastapi_poe's client vs poe-tui's client, both talking to poe-emulator.

If the emulator speaks the protocol the way a fastapi_poe server does, fastapi_poe's own client
folds each reply into exactly what poe-tui reports; expected values from the emulator's
documented bots keep the comparison from passing when both sides are wrong the same way."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.request
import uuid
from pathlib import Path

import httpx
import pytest

import fastapi_poe as fp
from fastapi_poe.client import _BotContext

from helpers import (API_KEY, CALL_TIMEOUT, Emulator, Folded, ReferenceServer, assert_same_reply,
                     fastapi_poe_upload, fold_fastapi_poe, fold_tui, run_tui, tui_env)


@pytest.fixture
def env(emulator: Emulator, tui_home: Path) -> dict[str, str]:
    return tui_env(emulator.base, tui_home)


@pytest.fixture
def bot_url(emulator: Emulator) -> str:
    return emulator.base + "/bot/"


def param_args(parameters: dict) -> list[str]:
    """`--param` arguments that poe-tui turns back into `parameters` (JSON values as JSON)."""
    args = []
    for key, value in parameters.items():
        text = value if isinstance(value, str) else json.dumps(value)
        args += ["--param", f"{key}={text}"]
    return args


def normalize_file_ids(folded: Folded) -> list[dict]:
    """Artist stores a new copy of its picture per request, so the id in the URL differs."""
    return [dict(f, url=re.sub(r"/files/[0-9a-f]+/", "/files/ID/", f["url"])) for f in folded.files]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=CALL_TIMEOUT) as response:
        return response.read()


STREAM_WORDS = "".join(f"word{n} " for n in range(1, 201))

# bot, parameters, and what the fold must contain.
CASES = [
    ("Echo", {"thinking_budget": 1000, "aspect_ratio": "9:16"},
     dict(text='hello there\nparameters: {"aspect_ratio": "9:16", "thinking_budget": 1000}')),
    ("Stream", {"words": 200, "interval_ms": 0}, dict(text=STREAM_WORDS)),
    ("Markdown", {}, dict(contains=["# Markdown tour", "```swift", "日本語のテキスト", "👍🏽"])),
    ("Suggest", {}, dict(text="Here is a short answer. What next?",
                         suggested=["Tell me more", "Give an example", "Summarize"])),
    ("Replace", {}, dict(text="Final answer.")),
    # Only `: ping` keep-alive comments for a while: both clients skip them.
    ("Slow", {"delay_ms": 300, "ping_ms": 20}, dict(text="Finally here.")),
    ("Artist", {}, dict(text="Here is your picture: ![a small picture][art00001]",
                        files=[{"name": "artist.png", "content_type": "image/png",
                                "inline_ref": "art00001"}])),
]


@pytest.mark.parametrize("bot,parameters,expected", CASES, ids=[c[0] for c in CASES])
def test_reply_folds_the_same(bot: str, parameters: dict, expected: dict, env: dict[str, str],
                              bot_url: str) -> None:
    reference = fold_fastapi_poe("hello there", bot, bot_url, parameters=parameters)
    run = run_tui(env, "--bot", bot, *param_args(parameters), "hello there")
    ours = fold_tui(run)

    assert reference.done and reference.error is None and reference.failure is None, reference
    if "text" in expected:
        assert reference.text == expected["text"]
    for piece in expected.get("contains", []):
        assert piece in reference.text
    assert reference.suggested == expected.get("suggested", [])
    assert [{k: f[k] for k in ("name", "content_type", "inline_ref")} for f in reference.files] \
        == expected.get("files", [])

    assert run.returncode == 0, run.describe()
    assert ours.done and ours.failure is None, run.describe()
    assert ours.text == reference.text, run.describe()
    assert ours.suggested == reference.suggested, run.describe()
    assert normalize_file_ids(ours) == normalize_file_ids(reference), run.describe()
    assert ours.json == reference.json == []
    assert ours.error is None
    # Both files are the same PNG, served at the URL the file event gave.
    for mine, theirs in zip(ours.files, reference.files):
        picture = fetch(theirs["url"])
        assert picture.startswith(b"\x89PNG\r\n\x1a\n") and fetch(mine["url"]) == picture

    plain = run_tui(env, "--bot", bot, *param_args(parameters), "hello there", json_mode=False)
    assert plain.returncode == 0 and plain.stdout == reference.text + "\n", plain.describe()


FAIL_CASES = [
    # parameters, partial text, error event
    ({"words": 3, "allow_retry": False}, "word1 word2 word3 ",
     {"text": "Simulated failure", "allow_retry": False, "error_type": None}),
    ({"words": 0, "allow_retry": False, "error_type": "user_caused_error", "text": "Nope 🙅"}, "",
     {"text": "Nope 🙅", "allow_retry": False, "error_type": "user_caused_error"}),
    ({"words": 2, "allow_retry": True, "text": "Late failure"}, "word1 word2 ",
     {"text": "Late failure", "allow_retry": True, "error_type": None}),
]


@pytest.mark.parametrize("parameters,partial,error", FAIL_CASES,
                         ids=["after-words", "before-output", "retryable-after-words"])
def test_error_event_folds_the_same(parameters: dict, partial: str, error: dict,
                                    env: dict[str, str], bot_url: str) -> None:
    reference = fold_fastapi_poe("fail", "Fail", bot_url, parameters=parameters)
    run = run_tui(env, "--bot", "Fail", *param_args(parameters), "fail")
    ours = fold_tui(run)

    # An error after output is raised at once; allow_retry only picks the exception class.
    assert reference.failure == ("BotError" if error["allow_retry"] else "BotErrorNoRetry")
    assert (reference.text, reference.error) == (partial, error)
    assert run.returncode == 7, run.describe()
    assert ours.done and ours.failure is None, run.describe()
    assert_same_reply(reference, ours, run)


def test_retryable_error_before_output(env: dict[str, str], bot_url: str) -> None:
    """Fail with fail_times=1: the first request per token gets `meta`, then a retryable error
    event. poe-tui retries (meta is not output) and gets the recovered answer. fastapi_poe does
    not retry: it already yielded the MetaResponse, which counts as a response, so it raises the
    bot's error at once (a second call with the same token then recovers, so it made exactly one
    request). The same happens against a fastapi_poe server bot that yields meta first
    (test_client_vs_fastapi_poe.py, FlakyMeta)."""
    token_ref, token_ours = uuid.uuid4().hex, uuid.uuid4().hex
    parameters = {"fail_times": 1, "words": 0}
    reference = fold_fastapi_poe("fail", "Fail", bot_url, parameters=dict(parameters, token=token_ref))
    again = fold_fastapi_poe("fail", "Fail", bot_url, parameters=dict(parameters, token=token_ref))
    run = run_tui(env, "--bot", "Fail", *param_args(dict(parameters, token=token_ours)), "fail")
    ours = fold_tui(run)

    assert reference.failure == "BotError"
    assert reference.error == {"text": "Simulated failure", "allow_retry": True, "error_type": None}
    assert again.done and again.text == "Recovered after 1 failures"
    assert run.returncode == 0, run.describe()
    assert ours.done and ours.error is None and ours.text == again.text, run.describe()


# status: (poe-tui exit code, kind)
HTTP_FAILURES = {
    401: (3, "invalid_key"),
    402: (4, "insufficient_points"),
    404: (7, "unknown_bot"),
    429: (5, "rate_limited"),
}


@pytest.mark.parametrize("status", sorted(HTTP_FAILURES))
def test_http_error_status_fails_both(status: int, env: dict[str, str], bot_url: str) -> None:
    """An HTTP error with a JSON body: fastapi_poe never reads the status; it fails on the
    content type (SSEError), retries once and raises "Error communicating with bot Fail".
    poe-tui reads the status and exits with the documented code."""
    parameters = {"status": status, "retry_after": 0, "text": f"Simulated {status}"}
    reference = fold_fastapi_poe("fail", "Fail", bot_url, parameters=parameters)
    run = run_tui(env, "--bot", "Fail", *param_args(parameters), "fail")
    ours = fold_tui(run)

    assert reference.failure == "Error communicating with bot Fail", reference
    assert reference.text == "" and reference.error is None
    code, kind = HTTP_FAILURES[status]
    assert run.returncode == code, run.describe()
    assert ours.text == "" and not ours.done and ours.error is None, run.describe()
    assert ours.failure["kind"] == kind, run.describe()
    assert f"Simulated {status}" in ours.failure["text"], run.describe()


def test_dropped_stream(env: dict[str, str], bot_url: str) -> None:
    """A body that ends without `done`: fastapi_poe ends the reply normally (it only reports
    "Bot exited without sending 'done' event" back to the server); poe-tui keeps the text it
    got but reports the reply as incomplete, exit 7. The text both saw is the same."""
    parameters = {"words": 2, "drop": True}
    reference = fold_fastapi_poe("fail", "Fail", bot_url, parameters=parameters)
    run = run_tui(env, "--bot", "Fail", *param_args(parameters), "fail")
    ours = fold_tui(run)
    assert reference.done and reference.failure is None and reference.text == "word1 word2 "
    assert run.returncode == 7, run.describe()
    assert ours.text == reference.text and not ours.done, run.describe()
    assert ours.failure["kind"] == "incomplete", run.describe()


def test_client_side_channel_posts_are_accepted(emulator: Emulator,
                                                reference_server: ReferenceServer) -> None:
    """fastapi_poe's client POSTs report_error (and report_feedback) to the bot URL; a fastapi_poe
    server answers 200 {}. The emulator must answer the same bytes the same way."""

    async def send(base: str) -> list[tuple[int, object]]:
        answers: list[tuple[int, object]] = []

        async def keep(response: httpx.Response) -> None:
            await response.aread()
            answers.append((response.status_code, response.json()))

        async with httpx.AsyncClient(timeout=CALL_TIMEOUT, event_hooks={"response": [keep]}) as session:
            context = _BotContext(endpoint=base + "/bot/Echo", session=session, api_key=API_KEY)
            await context.report_error("Unknown event type: data", {"message_id": ""})
            await context.report_error("Bot exited without sending 'done' event", {"message_id": ""})
            await context.report_feedback(message_id="m", user_id="u", conversation_id="c",
                                          feedback_type="like")
        return answers

    from_reference = asyncio.run(send(reference_server.base))
    from_emulator = asyncio.run(send(emulator.base))
    assert from_reference == [(200, {})] * 3
    assert from_emulator == from_reference


def _upload_files(directory: Path) -> list[tuple[Path, str, int]]:
    directory.mkdir(parents=True, exist_ok=True)
    tricky = b"--boundary\r\n\r\n\x00\xff" + bytes(range(256)) * 64 + b"\r\n--"
    files = [("note.txt", "Notes: 日本語 ✓\n".encode() * 100, "text/plain"),
             ("image.png", b"\x89PNG\r\n\x1a\n" + tricky, "image/png"),
             ("report.pdf", b"%PDF-1.4\n" + tricky, "application/pdf"),
             ("data.json", b'{"a": 1}', "application/json"),
             ("blob.poeunknownext", tricky, "application/octet-stream"),
             ("empty.txt", b"", "text/plain"),
             ("résumé \"v2\"; final.txt", b"odd name", "text/plain")]
    out = []
    for name, data, content_type in files:
        path = directory / name
        path.write_bytes(data)
        out.append((path, content_type, len(data)))
    return out


def test_uploads_reach_echo_the_same(env: dict[str, str], bot_url: str, emulator: Emulator,
                                     tmp_path: Path) -> None:
    """fp.upload_file to the emulator's upload endpoint + a query with those attachments, vs
    `poe-tui ask --attach`: Echo reports the same name, content type and stored size."""
    files_ref = _upload_files(tmp_path / "ref")
    files_ours = _upload_files(tmp_path / "ours")
    attachments = [fastapi_poe_upload(path, emulator.base + "/poe_api/") for path, _, _ in files_ref]
    for attachment, (path, content_type, _) in zip(attachments, files_ref):
        assert (attachment.name, attachment.content_type) == (path.name, content_type)
    reference = fold_fastapi_poe("files", "Echo", bot_url, attachments=attachments)
    run = run_tui(env, "--bot", "Echo", *[a for p, _, _ in files_ours for a in ("--attach", str(p))],
                  "files")
    ours = fold_tui(run)

    expected = "\n".join(["files"] + [f"📎 {path.name} ({content_type}, {size} bytes)"
                                      for path, content_type, size in files_ref])
    assert reference.done and reference.text == expected
    assert run.returncode == 0, run.describe()
    assert ours.text == reference.text, run.describe()


TWINS = [
    # emulator bot, reference twin, prompt, parameters
    ("Echo", "TwinEcho", "héllo 日本語 \"quoted\" \\ tab\t end", {"thinking_budget": 1000,
                                                              "aspect_ratio": "9:16", "ü": [1.5, None]}),
    ("Stream", "TwinStream", "go", {"words": 40, "interval_ms": 0}),
    ("Suggest", "TwinSuggest", "hi", {}),
    ("Replace", "TwinReplace", "hi", {}),
    ("Fail", "TwinFail", "hi", {"words": 2, "allow_retry": False, "error_type": "user_caused_error",
                                "text": "Nöpe 🙅 \"q\" \\ \u2028"}),
]


@pytest.mark.parametrize("bot,twin,prompt,parameters", TWINS, ids=[t[0] for t in TWINS])
def test_emulator_bytes_match_fastapi_poe_server(bot: str, twin: str, prompt: str, parameters: dict,
                                                 emulator: Emulator,
                                                 reference_server: ReferenceServer) -> None:
    """The emulator's response to fastapi_poe's exact request body is byte-for-byte what a
    fastapi_poe server bot yielding the same events sends (event framing, CRLF, JSON spacing,
    key order, ASCII escapes), with the same streaming headers."""
    request = fp.QueryRequest(
        query=[fp.ProtocolMessage(role="user", content=prompt, parameters=parameters)],
        user_id="", conversation_id="", message_id="", version=fp.client.PROTOCOL_VERSION,
        type="query")
    headers = {"Authorization": f"Bearer {API_KEY}", "Accept": "text/event-stream"}

    def post(url: str) -> httpx.Response:
        return httpx.post(url, json=request.model_dump(), headers=headers, timeout=CALL_TIMEOUT)

    ours, theirs = post(f"{emulator.base}/bot/{bot}"), post(f"{reference_server.base}/bot/{twin}")
    assert theirs.status_code == ours.status_code == 200
    for name in ("content-type", "cache-control", "x-accel-buffering"):
        assert ours.headers.get(name) == theirs.headers.get(name), name
    assert theirs.content.startswith(b"event: meta\r\n")
    assert ours.content == theirs.content
