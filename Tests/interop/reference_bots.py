"""Reference Poe server bots, written with fastapi_poe itself, for the interop tests.

Run with: python -m uvicorn reference_bots:app --host 127.0.0.1 --port P  (cwd Tests/interop)

Every bot is served at /bot/<Name>, so both `fp.get_bot_response(base_url=".../bot/")` and
poe-tui's `$POE_API_BASE/bot/<Name>` reach it. Besides the bots the app has:

- POST /poe_api/file_upload_3RD_PARTY_POST: a stand-in for Poe's upload endpoint as
  fastapi_poe's `upload_file` uses it (poe-api.md §3): raw key in Authorization, multipart
  part named "file", answers {"attachment_url", "mime_type"}.
- GET /files/<id>/<name>: the uploaded bytes.
- GET /_requests/<Bot>/<token>: every query request a bot received whose last message content
  is <token>, as fastapi_poe parsed it (QueryRequest.model_dump()); lets a test count attempts
  and compare what each client sent.
- GET /_uploads: every upload request received (headers and multipart shape), in order.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import AsyncIterable

import fastapi_poe as fp
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from sse_starlette.event import ServerSentEvent

UPLOAD_KEY = "k"

# What the bots and the upload endpoint saw, for the tests to inspect.
_requests: dict[tuple[str, str], list[dict]] = defaultdict(list)
_uploads: list[dict] = []
_files: dict[str, tuple[str, str, bytes]] = {}  # id -> (name, content type, bytes)


def _record(bot: str, request: fp.QueryRequest) -> int:
    """Records the request under (bot, last message content); returns its attempt number."""
    entries = _requests[(bot, request.query[-1].content)]
    entries.append(request.model_dump(mode="json"))
    return len(entries)


class _Base(fp.PoeBot):
    name = ""

    def __init__(self) -> None:
        super().__init__(path=f"/bot/{self.name}", access_key=None,
                         should_insert_attachment_messages=False)


class EchoBot(_Base):
    """The last user message, a line per attachment (name, type, stored size, sha256 prefix),
    then its parameters as sorted JSON (so 1000 and "1000" and 1000.0 all look different)."""

    name = "Echo"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        message = request.query[-1]
        lines = [message.content]
        for attachment in message.attachments:
            stored = _files.get(_file_id(attachment.url))
            size = (f"{len(stored[2])} bytes, sha256 {hashlib.sha256(stored[2]).hexdigest()[:16]}"
                    if stored else "not uploaded here")
            lines.append(f"📎 {attachment.name} ({attachment.content_type}, {size}, "
                         f"inline_ref={attachment.inline_ref!r})")
        if message.parameters:
            lines.append("parameters: " + json.dumps(message.parameters, sort_keys=True))
        text = "\n".join(lines)
        for start in range(0, len(text), 7):
            yield fp.PartialResponse(text=text[start:start + 7])


# Many small chunks: CJK, emoji (ZWJ sequences, skin tones, flags), combining marks, RTL, tabs,
# CRLF and bare CR, JSON/SSE look-alikes, quotes and backslashes, U+2028, then one large chunk.
STREAM_CHUNKS: list[str] = (
    ["Line one\n", "日本語", "のテキスト", "，中文，", "한국어\n"]
    + ["👍🏽", " ", "👨‍👩‍👧‍👦", " ", "🇯🇵", " ", "é", "e\u0301", " ", "שלום", "\n"]
    + ["\ttab\tseparated\r\n", "bare\rCR\n", "data: not an event\n", "event: done\n\n",
       ": not a comment\n", '{"text": "json-looking"}', " \\ backslash \"quotes\" ",
       "\u2028line-sep\u2029para-sep", "\n"]
    + [f"w{i} " for i in range(300)]
    + ["\n", "x" * 60_000 + "🙂" * 2_000, "\nThe end."]
)


class StreamBot(_Base):
    name = "Stream"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        for chunk in STREAM_CHUNKS:
            yield fp.PartialResponse(text=chunk)


SUGGESTIONS = ["Tell me more", "Give an example 📘", "Summarize in 中文"]


class SuggestBot(_Base):
    name = "Suggest"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        yield fp.MetaResponse(text="", suggested_replies=True)
        yield fp.PartialResponse(text="Here is a short answer. ")
        yield fp.PartialResponse(text="What next?")
        for suggestion in SUGGESTIONS:
            yield fp.PartialResponse(text=suggestion, is_suggested_reply=True)


class ReplaceBot(_Base):
    """Two drafts, a replacement, then more text that must append to the replacement."""

    name = "Replace"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        yield fp.PartialResponse(text="Draft one. ")
        yield fp.PartialResponse(text="Draft two.")
        yield fp.PartialResponse(text="Final", is_replace_response=True)
        yield fp.PartialResponse(text=" answer.")


ARTIST_FILES = [
    fp.Attachment(url="https://pfst.cf2.poecdn.net/base/image/abc.png?w=8&h=8",
                  content_type="image/png", name="picture one.png", inline_ref="abc12345"),
    fp.Attachment(url="https://pfst.cf2.poecdn.net/base/text/notes.txt",
                  content_type="text/plain", name="notes.txt", inline_ref=None),
]


class ArtistBot(_Base):
    """A file with an inline_ref, text referring to it, and a second file without one."""

    name = "Artist"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        yield fp.PartialResponse(text="", attachment=ARTIST_FILES[0])
        yield fp.PartialResponse(text="Here is your picture: ![a picture][abc12345]")
        yield fp.PartialResponse(text="", attachment=ARTIST_FILES[1])
        yield fp.PartialResponse(text=" and some notes.")


DATA_METADATA = ["state=1", '{"step": 2, "name": "日本"}']
JSON_EVENTS = [
    {"choices": [{"delta": {"content": "x"}, "finish_reason": None}]},
    {"nested": {"list": [1, 2.5, True, None, "ü"]}, "empty": {}},
]


class DataBot(_Base):
    """`data` events (DataResponse) and `json` events around text.

    fastapi_poe's server drops `PartialResponse(data=...)` (it sends only a text event for it), so
    the json events are yielded as raw ServerSentEvents, the way the server itself writes them."""

    name = "Data"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        yield fp.DataResponse(metadata=DATA_METADATA[0])
        yield fp.PartialResponse(text="Some ")
        yield ServerSentEvent(data=json.dumps(JSON_EVENTS[0]), event="json")
        yield fp.PartialResponse(text="text.")
        yield ServerSentEvent(data=json.dumps(JSON_EVENTS[1]), event="json")
        yield fp.DataResponse(metadata=DATA_METADATA[1])


class ErrorAfterTextBot(_Base):
    name = "ErrorAfterText"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        yield fp.PartialResponse(text="Partial answer. ")
        yield fp.ErrorResponse(allow_retry=False, text="You asked for something I cannot do.",
                               error_type="user_caused_error")


class ErrorBeforeTextBot(_Base):
    name = "ErrorBeforeText"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        yield fp.ErrorResponse(allow_retry=False, text="Refused before any output.")


class CrashBot(_Base):
    """Raises after some text; fastapi_poe turns it into an error event (allow_retry false)."""

    name = "Crash"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        yield fp.PartialResponse(text="Working on it… ")
        raise RuntimeError("kaboom")


class CrashFirstBot(_Base):
    """Raises before any output."""

    name = "CrashFirst"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        raise ValueError("nothing to say")
        yield fp.PartialResponse(text="unreachable")  # pragma: no cover - makes this a generator


class FlakyBot(_Base):
    """First request per prompt: a retryable error before any output; later ones succeed."""

    name = "Flaky"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        attempt = _record(self.name, request)
        if attempt == 1:
            yield fp.ErrorResponse(allow_retry=True, text="Temporarily overloaded.")
            return
        yield fp.PartialResponse(text=f"Recovered on attempt {attempt}.")


class FlakyMetaBot(_Base):
    """Like Flaky, but yields a meta event first, as the Poe emulator's bots always do."""

    name = "FlakyMeta"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        attempt = _record(self.name, request)
        yield fp.MetaResponse(text="")
        if attempt == 1:
            yield fp.ErrorResponse(allow_retry=True, text="Temporarily overloaded.")
            return
        yield fp.PartialResponse(text=f"Recovered on attempt {attempt}.")


class AlwaysRetryableBot(_Base):
    """A retryable error before any output, every time."""

    name = "AlwaysRetryable"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        _record(self.name, request)
        yield fp.ErrorResponse(allow_retry=True, text="Still overloaded.", error_type=None)


# Raw event sequences for protocol corners; the prompt picks one. Each item is
# (event name, data string) or ("", comment text) for a comment line. The server adds `done`.
# "meta-late" and "json-not-object" are known, accepted divergences kept for reproduction:
# fastapi_poe ignores a meta that is not first (poe-tui reports it), and raises BotError for a
# json event that is not an object (poe-tui passes it through). See README.md.
RAW_SCENARIOS: dict[str, list[tuple[str, str]]] = {
    "unknown-events": [("text", '{"text": "a"}'), ("x-custom", '{"foo": 1}'),
                       ("text", '{"text": "b"}'), ("", "ping - keep-alive"),
                       ("ping", "{}"), ("message", '{"text": "not a text event"}'),
                       ("text", '{"text": "c"}')],
    "index-fields": [("text", '{"text": "a", "index": 0}'),
                     ("suggested_reply", '{"text": "s", "index": 0}'),
                     ("text", '{"text": "b", "index": 0, "extra": [1, {"x": null}]}')],
    "file-without-inline-ref": [("file", '{"url": "https://e.com/f.bin", '
                                         '"content_type": "application/octet-stream", '
                                         '"name": "f.bin"}'),
                                ("text", '{"text": "see file"}')],
    "json-not-object": [("json", "[1, 2, 3]"), ("json", '"s"'), ("json", "null"),
                        ("text", '{"text": "ok"}')],
    "multi-line-data": [("text", '{"text":\n "two data lines"}'),
                        ("text", '{\r\n"text": " and CRLF"\r\n}')],
    "unicode-escapes": [("text", '{"text": "\\ud83d\\ude00 \\u65e5 \\n \\" \\/ \\t"}')],
    "error-missing-allow-retry": [("text", '{"text": "x"}'), ("error", '{"text": "e"}')],
    "meta-late": [("text", '{"text": "a"}'),
                  ("meta", '{"content_type": "text/plain", "linkify": false, '
                           '"suggested_replies": true}'),
                  ("text", '{"text": "b"}')],
    "data-not-object": [("text", '{"text": "a"}'), ("data", '"just a string"'),
                        ("text", '{"text": "b"}')],
    "data-no-metadata": [("text", '{"text": "a"}'), ("data", '{}'), ("text", '{"text": "b"}')],
    "error-without-text": [("text", '{"text": "a"}'), ("error", '{"allow_retry": false}')],
    "events-after-error": [("text", '{"text": "a"}'),
                           ("error", '{"allow_retry": false, "text": "e"}'),
                           ("text", '{"text": "zzz"}')],
    "events-after-done": [("text", '{"text": "a"}'), ("done", "{}"), ("text", '{"text": "zzz"}')],
    "empty-texts": [("text", '{"text": ""}')] * 50 + [("text", '{"text": "end"}')],
}


class RawBot(_Base):
    name = "Raw"

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        for event, data in RAW_SCENARIOS[request.query[-1].content]:
            if event:
                yield ServerSentEvent(data=data, event=event)
            else:
                yield ServerSentEvent(comment=data)


# --- Twins of poe-emulator bots: the same events through fastapi_poe's server, so a test can
# compare the emulator's bytes with fastapi_poe's. The emulator always sends `meta` first.

def _pieces(text: str, size: int) -> list[str]:
    """The emulator splits by Swift Character; equal for text without multi-scalar graphemes."""
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class _Twin(_Base):
    suggested_replies = False

    async def get_response(self, request: fp.QueryRequest) -> AsyncIterable[fp.PartialResponse]:
        yield fp.MetaResponse(text="", suggested_replies=self.suggested_replies)
        for event in self.events(request.query[-1]):
            yield event

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        raise NotImplementedError


class TwinEcho(_Twin):
    name = "TwinEcho"

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        lines = [message.content]  # (no attachments in these requests)
        if message.parameters:
            lines.append("parameters: " + json.dumps(message.parameters, sort_keys=True))
        return [fp.PartialResponse(text=p) for p in _pieces("\n".join(lines), 16)]


class TwinStream(_Twin):
    name = "TwinStream"

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        words = int(message.parameters.get("words", 50))
        return [fp.PartialResponse(text=f"word{n} ") for n in range(1, words + 1)]


class TwinSuggest(_Twin):
    name = "TwinSuggest"
    suggested_replies = True

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        return ([fp.PartialResponse(text=p) for p in _pieces("Here is a short answer. What next?", 16)]
                + [fp.PartialResponse(text=s, is_suggested_reply=True)
                   for s in ["Tell me more", "Give an example", "Summarize"]])


class TwinReplace(_Twin):
    name = "TwinReplace"

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        return [fp.PartialResponse(text="Draft one. "), fp.PartialResponse(text="Draft two."),
                fp.PartialResponse(text="Final answer.", is_replace_response=True)]


class TwinFail(_Twin):
    """Fail's error-event path (no status, no drop)."""
    name = "TwinFail"

    def events(self, message: fp.ProtocolMessage) -> list[fp.PartialResponse]:
        p = message.parameters
        return ([fp.PartialResponse(text=f"word{n} ") for n in range(1, int(p.get("words", 0)) + 1)]
                + [fp.ErrorResponse(allow_retry=p.get("allow_retry", True),
                                    text=p.get("text", "Simulated failure"),
                                    error_type=p.get("error_type"))])


BOTS = [EchoBot(), StreamBot(), SuggestBot(), ReplaceBot(), ArtistBot(), DataBot(),
        ErrorAfterTextBot(), ErrorBeforeTextBot(), CrashBot(), CrashFirstBot(), FlakyBot(),
        FlakyMetaBot(), AlwaysRetryableBot(), RawBot(), TwinEcho(), TwinStream(), TwinSuggest(),
        TwinReplace(), TwinFail()]

app = fp.make_app(BOTS, allow_without_key=True)


# --- A stand-in for Poe's upload endpoint (poe-api.md §3) --------------------------------------

def _file_id(url: str) -> str:
    marker = "/files/"
    if marker not in url:
        return ""
    return url.split(marker, 1)[1].split("/", 1)[0]


def _disposition_parameters(value: str) -> dict[str, str]:
    """`form-data; name="file"; filename="a;b.txt"` -> {"name": "file", "filename": "a;b.txt"}.
    Quoted values are taken verbatim up to the closing quote (browsers and httpx write `"` as
    %22, so a quote never appears inside one)."""
    parameters: dict[str, str] = {}
    rest = value.partition(";")[2]
    while rest.strip():
        key, _, rest = rest.strip().partition("=")
        if rest.startswith('"'):
            end = rest.find('"', 1)
            end = len(rest) if end < 0 else end
            parameters[key.strip().lower()] = rest[1:end]
            rest = rest[end + 1:].partition(";")[2]
        else:
            item, _, rest = rest.partition(";")
            parameters[key.strip().lower()] = item.strip()
    return parameters


def _parse_multipart(body: bytes, content_type: str) -> list[dict]:
    boundary = None
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        raise ValueError(f"no boundary in {content_type!r}")
    delimiter = b"--" + boundary.encode()
    parts = []
    sections = body.split(delimiter)
    if len(sections) < 3 or not sections[-1].startswith(b"--"):
        raise ValueError("multipart body is not closed by the final boundary")
    for section in sections[1:-1]:
        if not section.startswith(b"\r\n") or not section.endswith(b"\r\n"):
            raise ValueError("multipart part is not framed by CRLF")
        head, sep, data = section[2:-2].partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("multipart part has no header/body separator")
        headers = {}
        for line in head.decode("utf-8").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = _disposition_parameters(headers.get("content-disposition", ""))
        parts.append({"headers": headers, "name": disposition.get("name"),
                      "filename": disposition.get("filename"), "data": data})
    return parts


@app.post("/poe_api/file_upload_3RD_PARTY_POST")
async def upload(request: Request) -> Response:
    body = await request.body()
    authorization = request.headers.get("authorization")
    content_type = request.headers.get("content-type", "")
    try:
        parts = _parse_multipart(body, content_type)
    except ValueError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    files = [part for part in parts if part["name"] == "file"]
    record = {"authorization": authorization, "content_type": content_type.split(";")[0],
              "part_names": [part["name"] for part in parts],
              "filename": files[0]["filename"] if files else None,
              "disposition": files[0]["headers"].get("content-disposition") if files else None,
              "part_content_type": files[0]["headers"].get("content-type") if files else None,
              "size": len(files[0]["data"]) if files else None}
    _uploads.append(record)
    if authorization != UPLOAD_KEY:
        return JSONResponse({"error": "bad key"}, status_code=401)
    if len(files) != 1 or not files[0]["filename"]:
        return JSONResponse({"error": "need exactly one part named file, with a filename"},
                            status_code=400)
    part = files[0]
    file_id = f"{len(_files) + 1:08x}"
    mime = part["headers"].get("content-type", "application/octet-stream")
    _files[file_id] = (part["filename"], mime, part["data"])
    base = str(request.base_url).rstrip("/")
    return JSONResponse({"attachment_url": f"{base}/files/{file_id}/upload",
                         "mime_type": mime})


@app.get("/files/{file_id}/{name}")
async def file(file_id: str, name: str) -> Response:
    if file_id not in _files:
        return JSONResponse({"error": "no such file"}, status_code=404)
    _, mime, data = _files[file_id]
    return Response(content=data, media_type=mime)


@app.get("/_requests/{bot}/{token}")
async def recorded_requests(bot: str, token: str) -> Response:
    return JSONResponse(_requests.get((bot, token), []))


@app.get("/_uploads")
async def recorded_uploads() -> Response:
    return JSONResponse(_uploads)


@app.get("/_ready")
async def ready() -> Response:
    return JSONResponse({"bots": [bot.name for bot in BOTS]})
