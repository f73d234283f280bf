"""poe-tui's client vs fastapi_poe's client, both talking to real fastapi_poe server bots
(reference_bots.py under uvicorn on loopback).

For each bot, fastapi_poe's `get_bot_response` result (folded the way `get_final_response` folds
it, plus suggested replies, attachments, json events and a raised error) must equal what
`poe-tui ask --json` reports, and the bot's own constants say what that result must be, so two
equally wrong folds cannot pass."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

import reference_bots as ref
from helpers import (Folded, ReferenceServer, assert_same_reply, fastapi_poe_upload,
                     fold_fastapi_poe, fold_tui, run_tui, tui_env)


def token(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def env(reference_server: ReferenceServer, tui_home: Path) -> dict[str, str]:
    return tui_env(reference_server.base, tui_home)


@pytest.fixture
def bot_url(reference_server: ReferenceServer) -> str:
    return reference_server.base + "/bot/"


# What each successful bot must produce (text, suggested replies, files, json events).
EXPECTED = {
    "Stream": Folded(text="".join(ref.STREAM_CHUNKS)),
    "Suggest": Folded(text="Here is a short answer. What next?", suggested=ref.SUGGESTIONS),
    "Replace": Folded(text="Final answer."),
    "Artist": Folded(
        text="Here is your picture: ![a picture][abc12345] and some notes.",
        files=[{"url": a.url, "name": a.name, "content_type": a.content_type,
                "inline_ref": a.inline_ref} for a in ref.ARTIST_FILES]),
    "Data": Folded(text="Some text.", json=ref.JSON_EVENTS, data=ref.DATA_METADATA),
}


@pytest.mark.parametrize("bot", sorted(EXPECTED))
def test_reply_folds_the_same(bot: str, env: dict[str, str], bot_url: str) -> None:
    reference = fold_fastapi_poe("hello", bot, bot_url)
    run = run_tui(env, "--bot", bot, "hello")
    ours = fold_tui(run)

    expected = EXPECTED[bot]
    assert reference.done and reference.error is None and reference.failure is None
    assert (reference.text, reference.suggested, reference.files, reference.json) == (
        expected.text, expected.suggested, expected.files, expected.json)
    assert run.returncode == 0, run.describe()
    assert ours.done and ours.failure is None, run.describe()
    assert_same_reply(reference, ours, run)
    # `data` events: fastapi_poe's client drops them (it reports "Unknown event type: data"
    # back to the bot); poe-tui keeps them, exactly as the bot sent them.
    assert reference.data == []
    assert ours.data == expected.data, run.describe()


@pytest.mark.parametrize("bot", sorted(EXPECTED))
def test_plain_stdout_is_the_final_text(bot: str, env: dict[str, str], bot_url: str) -> None:
    reference = fold_fastapi_poe("hello", bot, bot_url)
    run = run_tui(env, "--bot", bot, "hello", json_mode=False)
    assert run.returncode == 0, run.describe()
    assert run.stdout == reference.text + "\n", run.describe()
    for suggestion in reference.suggested:  # extras go to stderr, never stdout
        assert suggestion in run.stderr, run.describe()
    for attachment in reference.files:
        assert attachment["url"] in run.stderr, run.describe()


PARAMETER_CASES = [
    # --param arguments, and the parameters fastapi_poe's caller would put in ProtocolMessage.
    (["thinking_budget=1000", "aspect_ratio=9:16"], {"thinking_budget": 1000, "aspect_ratio": "9:16"}),
    (["web_search=true", "temperature=0.5", "reasoning_effort=high", "quoted=\"1000\"",
      "stops=[\"a\",1]", "nested={\"x\":null}"],
     {"web_search": True, "temperature": 0.5, "reasoning_effort": "high", "quoted": "1000",
      "stops": ["a", 1], "nested": {"x": None}}),
]


@pytest.mark.parametrize("args,parameters", PARAMETER_CASES, ids=["budget-aspect", "json-types"])
def test_parameters_reach_the_bot_typed(args: list[str], parameters: dict, env: dict[str, str],
                                        bot_url: str, reference_server: ReferenceServer) -> None:
    prompt_ref, prompt_ours = token("params"), token("params")
    reference = fold_fastapi_poe(prompt_ref, "Echo", bot_url, parameters=parameters)
    run = run_tui(env, "--bot", "Echo", *[a for arg in args for a in ("--param", arg)], prompt_ours)
    ours = fold_tui(run)
    assert run.returncode == 0, run.describe()

    line = "parameters: " + json.dumps(parameters, sort_keys=True)
    assert reference.text == f"{prompt_ref}\n{line}"
    assert ours.text == f"{prompt_ours}\n{line}", run.describe()

    # The parsed requests agree field by field, parameters included (number stays a number).
    (sent_ref,) = reference_server.requests("Echo", prompt_ref)
    (sent_ours,) = reference_server.requests("Echo", prompt_ours)
    assert sent_ours["query"][-1]["parameters"] == parameters
    assert type(sent_ours["query"][-1]["parameters"].get("thinking_budget", 0)) is int
    sent_ours["query"][-1]["content"] = sent_ref["query"][-1]["content"]
    assert sent_ours == sent_ref


def test_request_body_matches_fastapi_poe(env: dict[str, str], bot_url: str,
                                          reference_server: ReferenceServer) -> None:
    """The whole QueryRequest, as the fastapi_poe server parses it, is the same from both
    clients (apart from the prompt, which carries the test's token)."""
    prompt_ref, prompt_ours = token("body"), token("body")
    fold_fastapi_poe(prompt_ref, "Echo", bot_url)
    run = run_tui(env, "--bot", "Echo", prompt_ours)
    assert run.returncode == 0, run.describe()
    (sent_ref,) = reference_server.requests("Echo", prompt_ref)
    (sent_ours,) = reference_server.requests("Echo", prompt_ours)
    sent_ours["query"][-1]["content"] = sent_ref["query"][-1]["content"]
    assert sent_ours == sent_ref


def _files(directory: Path, prefix: str) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    # Binary bytes that look like multipart framing, to catch a client that does not frame.
    tricky = b"--boundary\r\n\r\n\x00\xff\xfe" + bytes(range(256)) * 40 + b"\r\n--\r\n"
    contents = {
        f"{prefix}-note.txt": "Notes: 日本語 ✓\n".encode() * 50,
        f"{prefix}-image.png": b"\x89PNG\r\n\x1a\n" + tricky,
        f"{prefix}-report.pdf": b"%PDF-1.4\n" + tricky,
        f"{prefix}-data.json": b'{"a": [1, 2, 3]}',
        f"{prefix}-blob.poeunknownext": tricky,
        f"{prefix}-empty.txt": b"",
        f"{prefix}-résumé \"draft\"; 日本語.txt": b"name with a quote, a semicolon and non-ASCII",
    }
    paths = []
    for name, data in contents.items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_attachments_upload_and_reach_the_bot(env: dict[str, str], bot_url: str, tmp_path: Path,
                                              reference_server: ReferenceServer) -> None:
    """Uploads through the Poe-style upload endpoint, then Echo reports each attachment's name,
    content type, stored size and hash: the same from both clients."""
    upload_base = reference_server.base + "/poe_api/"
    prompt_ref, prompt_ours = token("attach"), token("attach")
    files_ref = _files(tmp_path / "ref", "f")
    files_ours = _files(tmp_path / "ours", "f")

    before = len(reference_server.uploads())
    attachments = [fastapi_poe_upload(path, upload_base) for path in files_ref]
    middle = len(reference_server.uploads())
    reference = fold_fastapi_poe(prompt_ref, "Echo", bot_url, attachments=attachments)
    run = run_tui(env, "--bot", "Echo", *[a for p in files_ours for a in ("--attach", str(p))],
                  prompt_ours)
    ours = fold_tui(run)
    uploads = reference_server.uploads()

    assert run.returncode == 0, run.describe()
    lines_ref = reference.text.split("\n")
    lines_ours = ours.text.split("\n")
    assert lines_ref[0] == prompt_ref and lines_ours[0] == prompt_ours, run.describe()
    assert len(lines_ref) == 1 + len(files_ref)
    assert all("bytes, sha256" in line for line in lines_ref[1:]), reference.text
    assert lines_ours[1:] == lines_ref[1:], run.describe()

    # The query requests agree too, attachments included (apart from their upload URLs).
    (sent_ref,) = reference_server.requests("Echo", prompt_ref)
    (sent_ours,) = reference_server.requests("Echo", prompt_ours)
    for sent in (sent_ref, sent_ours):
        sent["query"][-1]["content"] = "PROMPT"
        for attachment in sent["query"][-1]["attachments"]:
            assert attachment["url"].startswith(reference_server.base + "/files/")
            attachment["url"] = "URL"
    assert sent_ours == sent_ref

    # The upload requests themselves look alike: raw key, multipart with one part "file",
    # the file name, the same part Content-Type and size.
    assert middle - before == len(files_ref) and len(uploads) - middle == len(files_ours)
    assert uploads[middle:] == uploads[before:middle]
    assert all(u["authorization"] == "k" and u["part_names"] == ["file"] for u in uploads[before:])


ERROR_CASES = {
    # bot: (partial text, error event)
    "ErrorAfterText": ("Partial answer. ", {"text": "You asked for something I cannot do.",
                                            "allow_retry": False, "error_type": "user_caused_error"}),
    "ErrorBeforeText": ("", {"text": "Refused before any output.", "allow_retry": False,
                             "error_type": None}),
    "Crash": ("Working on it… ", {"text": "The bot encountered an unexpected issue.",
                                  "allow_retry": False, "error_type": None}),
    "CrashFirst": ("", {"text": "The bot encountered an unexpected issue.", "allow_retry": False,
                        "error_type": None}),
}


@pytest.mark.parametrize("bot", sorted(ERROR_CASES))
def test_bot_errors_are_reported_the_same(bot: str, env: dict[str, str], bot_url: str,
                                          reference_server: ReferenceServer) -> None:
    partial, error = ERROR_CASES[bot]
    prompt_ref, prompt_ours = token(bot), token(bot)
    reference = fold_fastapi_poe(prompt_ref, bot, bot_url)
    run = run_tui(env, "--bot", bot, prompt_ours)
    ours = fold_tui(run)

    assert reference.failure == "BotErrorNoRetry"
    assert (reference.text, reference.error) == (partial, error)
    assert run.returncode == 7, run.describe()
    assert_same_reply(reference, ours, run)
    assert ours.failure is None and ours.done, run.describe()  # error event, then done
    # allow_retry false: neither client asks again.
    assert len(reference_server.requests(bot, prompt_ref)) == 1
    assert len(reference_server.requests(bot, prompt_ours)) == 1

    plain = run_tui(env, "--bot", bot, token(bot), json_mode=False)
    assert plain.returncode == 7, plain.describe()
    assert plain.stdout == partial + "\n", plain.describe()
    assert error["text"] in plain.stderr, plain.describe()


def test_retryable_error_before_output_is_retried(env: dict[str, str], bot_url: str,
                                                  reference_server: ReferenceServer) -> None:
    """Flaky fails its first request per prompt with allow_retry true: both clients ask again
    and end with the second answer."""
    prompt_ref, prompt_ours = token("flaky"), token("flaky")
    reference = fold_fastapi_poe(prompt_ref, "Flaky", bot_url)
    run = run_tui(env, "--bot", "Flaky", prompt_ours)
    ours = fold_tui(run)
    assert reference.done and reference.text == "Recovered on attempt 2."
    assert run.returncode == 0, run.describe()
    assert ours.done and ours.error is None, run.describe()
    assert_same_reply(reference, ours, run)
    assert len(reference_server.requests("Flaky", prompt_ref)) == 2
    assert len(reference_server.requests("Flaky", prompt_ours)) == 2


def test_retryable_error_after_meta(env: dict[str, str], bot_url: str,
                                    reference_server: ReferenceServer) -> None:
    """FlakyMeta sends `meta`, then (first request only) a retryable error. fastapi_poe has
    already yielded the MetaResponse, counts that as a response and raises without retrying;
    poe-tui does not count meta as output, retries, and gets the second answer."""
    prompt_ref, prompt_ours = token("flakymeta"), token("flakymeta")
    reference = fold_fastapi_poe(prompt_ref, "FlakyMeta", bot_url)
    run = run_tui(env, "--bot", "FlakyMeta", prompt_ours)
    ours = fold_tui(run)
    assert reference.failure == "BotError"
    assert reference.error == {"text": "Temporarily overloaded.", "allow_retry": True,
                               "error_type": None}
    assert len(reference_server.requests("FlakyMeta", prompt_ref)) == 1
    assert run.returncode == 0, run.describe()
    assert ours.done and ours.error is None and ours.text == "Recovered on attempt 2.", run.describe()
    assert len(reference_server.requests("FlakyMeta", prompt_ours)) == 2


def test_retryable_error_gives_up_with_the_bots_error(env: dict[str, str], bot_url: str,
                                                     reference_server: ReferenceServer) -> None:
    """A retryable error every time: fastapi_poe tries twice and raises BotError; poe-tui tries
    1 + 3 times and reports the same error event, exit 7."""
    prompt_ref, prompt_ours = token("retry"), token("retry")
    reference = fold_fastapi_poe(prompt_ref, "AlwaysRetryable", bot_url)
    run = run_tui(env, "--bot", "AlwaysRetryable", prompt_ours)
    ours = fold_tui(run)
    expected = {"text": "Still overloaded.", "allow_retry": True, "error_type": None}
    assert reference.failure == "BotError" and reference.error == expected
    assert run.returncode == 7, run.describe()
    assert_same_reply(reference, ours, run)
    assert len(reference_server.requests("AlwaysRetryable", prompt_ref)) == 2
    assert len(reference_server.requests("AlwaysRetryable", prompt_ours)) == 4


# Protocol corners (reference_bots.RAW_SCENARIOS) where both clients must agree.
RAW_AGREEING = ["unknown-events", "index-fields", "file-without-inline-ref", "multi-line-data",
                "unicode-escapes", "error-missing-allow-retry", "events-after-done", "empty-texts",
                "data-no-metadata", "error-without-text", "meta-late"]


@pytest.mark.parametrize("scenario", RAW_AGREEING)
def test_protocol_corners_fold_the_same(scenario: str, env: dict[str, str], bot_url: str) -> None:
    reference = fold_fastapi_poe(scenario, "Raw", bot_url)
    run = run_tui(env, "--bot", "Raw", scenario)
    ours = fold_tui(run)
    assert ours.failure is None, run.describe()
    if reference.error is None:
        assert reference.done and ours.done and run.returncode == 0, run.describe()
    else:
        assert run.returncode == 7, run.describe()
        if reference.error["text"] is None:
            # fastapi_poe raises with the raw data; poe-tui shows a generic text instead.
            assert ours.error["text"] == "The bot reported an error.", run.describe()
            ours.error["text"] = None
    assert_same_reply(reference, ours, run)
    assert reference.text != "" or scenario == "file-without-inline-ref"


def test_protocol_corner_non_object_data_fails_both(env: dict[str, str], bot_url: str) -> None:
    """A `data` event whose payload is not a JSON object: fastapi_poe raises BotError ("Expected
    JSON dict"), poe-tui reports a protocol error (exit 7)."""
    reference = fold_fastapi_poe("data-not-object", "Raw", bot_url)
    run = run_tui(env, "--bot", "Raw", "data-not-object")
    ours = fold_tui(run)
    assert reference.failure == "Expected JSON dict in 'data' event" and reference.text == "a"
    assert run.returncode == 7 and ours.failure["kind"] == "protocol_error", run.describe()
    assert ours.text == reference.text, run.describe()


def test_protocol_corner_non_object_json_fails_both(env: dict[str, str], bot_url: str) -> None:
    """A `json` event whose payload is not a JSON object: fastapi_poe raises BotError, poe-tui
    reports a protocol error (exit 7)."""
    reference = fold_fastapi_poe("json-not-object", "Raw", bot_url)
    run = run_tui(env, "--bot", "Raw", "json-not-object")
    ours = fold_tui(run)
    assert reference.failure is not None and "Expected JSON dict" in reference.failure, reference
    assert run.returncode == 7 and ours.failure["kind"] == "protocol_error", run.describe()
    assert ours.text == reference.text == "", run.describe()


def test_events_after_an_error_event_are_ignored(env: dict[str, str], bot_url: str) -> None:
    """A fastapi_poe server bot can keep yielding after ErrorResponse; the server sends those
    events before `done`. fastapi_poe's client raises at the error, so its reply is the text
    before it."""
    reference = fold_fastapi_poe("events-after-error", "Raw", bot_url)
    run = run_tui(env, "--bot", "Raw", "events-after-error")
    ours = fold_tui(run)
    assert reference.text == "a" and reference.error["text"] == "e"
    assert run.returncode == 7, run.describe()
    assert_same_reply(reference, ours, run)
