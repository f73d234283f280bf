import Testing
@testable import PoeAPI

@Suite("SSE parser")
struct SSEParserTests {
    /// A stream as a fastapi_poe server sends it (CRLF, pings), plus the awkward cases: LF and
    /// lone CR line ends, multi-line data, an unnamed event, a space-less colon, and multi-byte
    /// characters (CJK, emoji with modifiers) that any chunking may split.
    static let stream = Array((
        "event: meta\r\ndata: {\"content_type\": \"text/markdown\", \"linkify\": true}\r\n\r\n"
        + ": ping - 2026-11-26 19:48:53.921212+00:00\r\n\r\n"
        + "event: text\r\ndata: {\"text\": \"日本語 🙂 👍🏽\"}\r\n\r\n"
        + "event: text\ndata: {\"text\": \"lf\"}\n\n"
        + "event: text\rdata: {\"text\": \"cr\"}\r\r"
        + "event: json\ndata: {\"a\":\ndata: 1}\n\n"
        + "data:unnamed\n\n"
        + ":comment without space\r\n"
        + "event: done\r\ndata: {}\r\n\r\n"
    ).utf8)

    static let expected = [
        SSEEvent(name: "meta", data: "{\"content_type\": \"text/markdown\", \"linkify\": true}"),
        SSEEvent(name: "text", data: "{\"text\": \"日本語 🙂 👍🏽\"}"),
        SSEEvent(name: "text", data: "{\"text\": \"lf\"}"),
        SSEEvent(name: "text", data: "{\"text\": \"cr\"}"),
        SSEEvent(name: "json", data: "{\"a\":\n1}"),
        SSEEvent(name: "message", data: "unnamed"),
        SSEEvent(name: "done", data: "{}"),
    ]

    @Test func parsesWholeStream() {
        var parser = SSEParser()
        #expect(parser.feed(Self.stream) == Self.expected)
        #expect(parser.commentCount == 2)
    }

    @Test func everySplitPointGivesTheSameEvents() {
        for offset in 0...Self.stream.count {
            var parser = SSEParser()
            let events = parser.feed(Self.stream[..<offset]) + parser.feed(Self.stream[offset...])
            #expect(events == Self.expected, "split at byte \(offset)")
        }
    }

    @Test func everyTwoSplitPointsGiveTheSameEvents() {
        let bytes = Self.stream
        for first in stride(from: 0, through: bytes.count, by: 3) {
            for second in first...bytes.count {
                var parser = SSEParser()
                let events = parser.feed(bytes[..<first]) + parser.feed(bytes[first..<second]) + parser.feed(bytes[second...])
                #expect(events == Self.expected, "split at \(first) and \(second)")
                if events != Self.expected { return }
            }
        }
    }

    @Test func byteAtATime() {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in Self.stream { events += parser.feed([byte]) }
        #expect(events == Self.expected)
    }

    @Test func unterminatedEventIsDiscardedAtEnd() {
        var parser = SSEParser()
        let events = parser.feed(Array("event: text\r\ndata: {\"text\": \"cut\"}\r\n".utf8))
        #expect(events.isEmpty)
        #expect(parser.finish().isEmpty)
    }

    @Test func strayLineFeedAfterCRAcrossChunksIsOneLineEnd() {
        var parser = SSEParser()
        var events = parser.feed(Array("data: a\r".utf8))
        events += parser.feed(Array("\n\r".utf8))
        events += parser.feed(Array("\n".utf8))
        #expect(events == [SSEEvent(name: "message", data: "a")])
    }
}

@Suite("Event decoding")
struct PoeEventDecodingTests {
    @Test func decodesEveryEventType() throws {
        let cases: [(SSEEvent, PoeEvent?)] = [
            (SSEEvent(name: "meta", data: #"{"content_type": "text/plain", "linkify": false, "suggested_replies": true}"#),
             .meta(ReplyMeta(contentType: "text/plain", linkify: false, suggestedReplies: true))),
            (SSEEvent(name: "text", data: #"{"text": "Hi \u00e9"}"#), .text("Hi é")),
            (SSEEvent(name: "replace_response", data: #"{"text": "R"}"#), .replaceResponse("R")),
            (SSEEvent(name: "suggested_reply", data: #"{"text": "More?"}"#), .suggestedReply("More?")),
            (SSEEvent(name: "file", data: #"{"url": "u", "content_type": "image/png", "name": "a.png", "inline_ref": "abc"}"#),
             .file(PoeAttachment(url: "u", contentType: "image/png", name: "a.png", inlineRef: "abc"))),
            (SSEEvent(name: "json", data: #"{"choices": [1, 2.5, null]}"#),
             .json(.object(["choices": .array([.int(1), .double(2.5), .null])]))),
            (SSEEvent(name: "data", data: #"{"metadata": "state=1"}"#), .data("state=1")),
            (SSEEvent(name: "error", data: #"{"allow_retry": false, "text": "boom", "error_type": "user_caused_error"}"#),
             .error(BotErrorEvent(text: "boom", allowRetry: false, errorType: "user_caused_error"))),
            (SSEEvent(name: "error", data: #"{"text": "x"}"#), .error(BotErrorEvent(text: "x", allowRetry: true))),
            (SSEEvent(name: "done", data: "{}"), .done),
            (SSEEvent(name: "ping", data: ""), nil),
            (SSEEvent(name: "something_new", data: "{}"), nil),
        ]
        for (sse, expected) in cases {
            #expect(try PoeEvent.decode(sse) == expected, "\(sse.name)")
        }
    }

    @Test func rejectsWhatFastapiPoeRejects() {
        let bad = [
            SSEEvent(name: "text", data: "not json"),
            SSEEvent(name: "text", data: #"{"text": 5}"#),
            SSEEvent(name: "meta", data: "[1]"),
            SSEEvent(name: "file", data: #"{"url": "u"}"#),
        ]
        for sse in bad {
            #expect(throws: PoeError.self) { try PoeEvent.decode(sse) }
        }
    }
}
