import Foundation
import Testing

@testable import PoeEmulator

/// Each bot's bytes on the wire, compared whole where they are fixed.
@Suite struct BotWireTests {
    @Test func echoIsByteExact() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Echo", "hi")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/event-stream; charset=utf-8")
        #expect(response.headers["cache-control"] == "no-store")
        #expect(response.headers["x-accel-buffering"] == "no")
        #expect(response.headers["transfer-encoding"] == "chunked")
        #expect(response.text == metaLine + "event: text\r\ndata: {\"text\": \"hi\"}\r\n\r\n" + doneLine)
    }

    @Test func echoSplitsTextEscapesLikePythonAndPrintsSortedParameters() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let content = "héllo \"wörld\" 日本 🙂 and a longer tail"
        let response = try await harness.query("echo", content, parameters: #"{"z": 1, "a": [1.5, true, null]}"#)
        let events = parseEvents(response.text)
        #expect(events.first?.name == "meta")
        #expect(events.last == WireEvent(name: "done", data: "{}"))
        #expect(events.filter { $0.name == "text" }.count > 2)
        #expect(events[1].data == #"{"text": "h\u00e9llo \"w\u00f6rld\" \u65e5\u672c"}"#)
        #expect(events[2].data == #"{"text": " \ud83d\ude42 and a longer "}"#)
        #expect(try replyText(events) == content + "\nparameters: {\"a\": [1.5, true, null], \"z\": 1}")
        #expect(response.body.allSatisfy { $0 < 0x80 }, "ensure_ascii output is pure ASCII")
    }

    @Test func streamSendsNumberedWords() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Stream", parameters: #"{"words": 3, "interval_ms": 0}"#)
        let words = (1...3).map { "event: text\r\ndata: {\"text\": \"word\($0) \"}\r\n\r\n" }.joined()
        #expect(response.text == metaLine + words + doneLine)

        let paced = try await harness.query("Stream", parameters: #"{"words": 2, "interval_ms": 5}"#)
        #expect(paced.text == metaLine + (1...2).map { "event: text\r\ndata: {\"text\": \"word\($0) \"}\r\n\r\n" }.joined() + doneLine)
    }

    @Test func streamMegabyteArrivesWhole() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Stream", parameters: #"{"words": 100000, "interval_ms": 0}"#)
        let events = parseEvents(response.text)
        #expect(events.count == 100_002)
        #expect(events[1].data == #"{"text": "word1 "}"#)
        #expect(events[100_000].data == #"{"text": "word100000 "}"#)
        #expect(events.last?.name == "done")
    }

    @Test func markdownStreamsTheFixedReplyInPieces() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("MARKDOWN")
        let events = parseEvents(response.text)
        #expect(response.text.hasPrefix(metaLine))
        #expect(response.text.hasSuffix(doneLine))
        #expect(events.count > 50)
        let text = try replyText(events)
        #expect(text == MarkdownBot.reply)
        for needle in ["# ", "**", "```swift", "```python", "| Swift", "> ", "日本語のテキスト", "🙂", "👍🏽", "](https://"] {
            #expect(text.contains(needle), "\(needle)")
        }
    }

    @Test func suggestIsByteExact() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Suggest")
        let expected =
            "event: meta\r\ndata: {\"content_type\": \"text/markdown\", \"refetch_settings\": false, \"linkify\": true, \"suggested_replies\": true}\r\n\r\n"
            + "event: text\r\ndata: {\"text\": \"Here is a short \"}\r\n\r\n"
            + "event: text\r\ndata: {\"text\": \"answer. What nex\"}\r\n\r\n"
            + "event: text\r\ndata: {\"text\": \"t?\"}\r\n\r\n"
            + "event: suggested_reply\r\ndata: {\"text\": \"Tell me more\"}\r\n\r\n"
            + "event: suggested_reply\r\ndata: {\"text\": \"Give an example\"}\r\n\r\n"
            + "event: suggested_reply\r\ndata: {\"text\": \"Summarize\"}\r\n\r\n" + doneLine
        #expect(response.text == expected)
    }

    @Test func replaceIsByteExact() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Replace")
        #expect(
            response.text == metaLine
                + "event: text\r\ndata: {\"text\": \"Draft one. \"}\r\n\r\n"
                + "event: text\r\ndata: {\"text\": \"Draft two.\"}\r\n\r\n"
                + "event: replace_response\r\ndata: {\"text\": \"Final answer.\"}\r\n\r\n" + doneLine)
    }

    @Test func artistSendsAFileEventAndServesARealPNG() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Artist")
        let events = parseEvents(response.text)
        #expect(events.map(\.name) == ["meta", "file", "text", "text", "done"])
        let file = try #require(try JSONValue.parse(Array(events[1].data.utf8)).objectValue)
        let url = try #require(file["url"]?.stringValue)
        #expect(url.hasPrefix(harness.base + "/files/") && url.hasSuffix("/artist.png"))
        #expect(
            events[1].data
                == "{\"url\": \"\(url)\", \"content_type\": \"image/png\", \"name\": \"artist.png\", \"inline_ref\": \"art00001\"}")
        #expect(events[2].data == #"{"text": ""}"#)
        #expect(events[3].data == #"{"text": "Here is your picture: ![a small picture][art00001]"}"#)

        let image = try await Curl.run([url])
        #expect(image.status == 200)
        #expect(image.headers["content-type"] == "image/png")
        #expect(image.body == PNGImage.artistPicture)
        #expect(image.body.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test func artistSendsAnyFileNameAsItIsAndSeveralFiles() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        for name in ["../../x", "/abs/path", "\u{1B}[31mred\u{1B}[0m.png", "", "..", "日本語 名前.png"] {
            let parameters = "{\"file_name\": \(PythonJSON.string(.string(name))), \"files\": 2}"
            let events = parseEvents(try await harness.query("Artist", parameters: parameters).text)
            #expect(events.map(\.name) == ["meta", "file", "text", "file", "text", "text", "done"], "\(name)")
            let files = try events.filter { $0.name == "file" }.map { try #require(try JSONValue.parse(Array($0.data.utf8)).objectValue) }
            #expect(files.map { $0["name"]?.stringValue } == [name, name])
            #expect(files.map { $0["inline_ref"]?.stringValue } == ["art00001", "art00002"])
            let urls = files.compactMap { $0["url"]?.stringValue }
            #expect(Set(urls).count == 2)
            for url in urls {
                let image = try await Curl.run([url])
                #expect(image.status == 200 && image.body == PNGImage.artistPicture, "\(name): \(url)")
            }
        }
        for bad in [#"{"files": 0}"#, #"{"files": 11}"#, #"{"file_name": 5}"#] {
            #expect(try await harness.query("Artist", parameters: bad).status == 400, "\(bad)")
        }
    }

    @Test func failSendsAnErrorEventThenDone() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let plain = try await harness.query("Fail")
        #expect(plain.status == 200)
        #expect(
            plain.text == metaLine
                + "event: error\r\ndata: {\"allow_retry\": true, \"text\": \"Simulated failure\"}\r\n\r\n" + doneLine)

        let detailed = try await harness.query(
            "Fail", parameters: #"{"words": 2, "allow_retry": false, "error_type": "user_caused_error", "text": "boom"}"#)
        #expect(
            detailed.text == metaLine
                + "event: text\r\ndata: {\"text\": \"word1 \"}\r\n\r\n"
                + "event: text\r\ndata: {\"text\": \"word2 \"}\r\n\r\n"
                + "event: error\r\ndata: {\"allow_retry\": false, \"text\": \"boom\", \"error_type\": \"user_caused_error\"}\r\n\r\n"
                + doneLine)
    }

    @Test func failDropEndsTheBodyWithoutDone() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let dropped = try await harness.query("Fail", parameters: #"{"words": 1, "drop": true}"#)
        #expect(dropped.status == 200)
        #expect(dropped.text == metaLine + "event: text\r\ndata: {\"text\": \"word1 \"}\r\n\r\n")
    }

    @Test func failStatusAnswersJSONErrors() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let expectations: [(Int, String)] = [
            (401, "authentication_error"), (402, "insufficient_credits"), (404, "not_found_error"),
            (429, "rate_limit_error"), (500, "provider_error"), (503, "overloaded_error"),
        ]
        for (status, type) in expectations {
            let response = try await harness.query("Fail", parameters: "{\"status\": \(status), \"retry_after\": 7}")
            #expect(response.status == status)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.text == "{\"error\": {\"message\": \"Simulated failure\", \"type\": \"\(type)\"}}")
            #expect(response.headers["retry-after"] == (status == 429 || status == 503 ? "7" : nil))
        }
        let balance = await harness.emulator.pointBalance()
        #expect(balance == 1_000_000, "failed queries cost nothing")
    }

    @Test func failTimesRecoversPerToken() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let parameters = #"{"fail_times": 2, "token": "abc", "status": 500}"#
        #expect(try await harness.query("Fail", parameters: parameters).status == 500)
        #expect(try await harness.query("Fail", parameters: parameters).status == 500)
        let third = try await harness.query("Fail", parameters: parameters)
        #expect(third.status == 200)
        #expect(third.text == metaLine + "event: text\r\ndata: {\"text\": \"Recovered after 2 failures\"}\r\n\r\n" + doneLine)
        // Another token has its own counter; the error-event form fails too.
        let other = try await harness.query("Fail", parameters: #"{"fail_times": 1, "token": "xyz"}"#)
        #expect(parseEvents(other.text).map(\.name) == ["meta", "error", "done"])
        let otherAgain = try await harness.query("Fail", parameters: #"{"fail_times": 1, "token": "xyz"}"#)
        #expect(try replyText(parseEvents(otherAgain.text)) == "Recovered after 1 failures")
    }

    @Test func slowSendsPingsWhileIdle() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Slow", parameters: #"{"delay_ms": 400, "ping_ms": 50}"#)
        let events = parseEvents(response.text)
        #expect(events.first?.name == "meta")
        #expect(Array(events.suffix(2).map(\.name)) == ["text", "done"])
        let pings = events.filter { $0.name == "comment" }
        // One ping per whole 50 ms step of the 400 ms wait that ends before it: 50, 100 ... 350.
        // Counted in steps, not by the clock, so a loaded machine sends the same 7.
        #expect(pings.count == 7)
        #expect(events.dropFirst().dropLast(2).allSatisfy { $0.name == "comment" })
        let pattern = /: ping - \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00/
        for ping in pings { #expect(ping.data.wholeMatch(of: pattern) != nil, "\(ping.data)") }
        #expect(response.text.contains("\r\n\r\n: ping - "))
        #expect(try replyText(events) == "Finally here.")
    }

    @Test func pingIntervalOptionAppliesToEveryBot() async throws {
        let harness = try await Harness.start { $0.pingInterval = .milliseconds(40) }
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.query("Stream", parameters: #"{"words": 2, "interval_ms": 300}"#)
        let names = parseEvents(response.text).map(\.name)
        // The 300 ms between the two words holds a ping at 40, 80 ... 280 ms.
        #expect(names == ["meta", "text"] + Array(repeating: "comment", count: 7) + ["text", "done"])
    }
}
