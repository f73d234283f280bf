import Foundation
import Testing

@testable import PoeEmulator

/// The pure pieces: Python-compatible JSON, timestamps, multipart parsing, PNG, rate limiting.
@Suite struct EncodingTests {
    @Test func stringsAreEscapedLikeJsonDumps() {
        // Expected outputs printed by Python 3.11's json.dumps.
        let text = "a\"b\\c\n\r\t\u{08}\u{0C}\u{00}\u{1F}\u{7F}/é日🙂👍🏽"
        #expect(
            PythonJSON.string(.string(text))
                == #""a\"b\\c\n\r\t\b\f\u0000\u001f\u007f/\u00e9\u65e5\ud83d\ude42\ud83d\udc4d\ud83c\udffd""#)
    }

    @Test func containersUsePythonSeparatorsAndSortKeys() throws {
        let value: JSONValue = .object(["b": [1, .double(2.5), true, nil, .double(1e-05), .double(1e16), .double(100), .double(0.1)],
                                        "a": .object(["y": 1, "x": 2])])
        #expect(PythonJSON.string(value) == #"{"b": [1, 2.5, true, null, 1e-05, 1e+16, 100.0, 0.1], "a": {"y": 1, "x": 2}}"#)
        #expect(PythonJSON.string(value.sortingKeys()) == #"{"a": {"x": 2, "y": 1}, "b": [1, 2.5, true, null, 1e-05, 1e+16, 100.0, 0.1]}"#)
        #expect(PythonJSON.string(.object([:])) == "{}")
        #expect(PythonJSON.string([]) == "[]")
    }

    @Test func parserHandlesEscapesAndRejectsGarbage() throws {
        let parsed = try JSONValue.parse(Array(#"{"s": "\u00e9\ud83d\ude42\n\"", "n": -12, "f": -0.25e1}"#.utf8))
        #expect(parsed.objectValue?["s"] == .string("é🙂\n\""))
        #expect(parsed.objectValue?["n"] == .int(-12))
        #expect(parsed.objectValue?["f"] == .double(-2.5))
        for bad in ["", "{", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "{\"a\": 01x}"] {
            #expect(throws: (any Error).self, "\(bad)") { try JSONValue.parse(Array(bad.utf8)) }
        }
    }

    @Test func eventsAndPingsMatchTheWire() {
        #expect(
            String(decoding: SSEEvent.text("x").bytes, as: UTF8.self) == "event: text\r\ndata: {\"text\": \"x\"}\r\n\r\n")
        var fast: [UInt8] = []
        SSEEvent.appendText("wörd", to: &fast)
        #expect(fast == SSEEvent.text("wörd").bytes)
        var word: [UInt8] = []
        StreamBot.appendWordEvent(1234, to: &word)
        #expect(word == SSEEvent.text("word1234 ").bytes)
        #expect(
            String(decoding: SSEEvent.file(url: "u", contentType: "image/png", name: "a.png", inlineRef: nil).bytes, as: UTF8.self)
                == "event: file\r\ndata: {\"url\": \"u\", \"content_type\": \"image/png\", \"name\": \"a.png\", \"inline_ref\": null}\r\n\r\n")

        let date = Date(timeIntervalSince1970: 1_795_722_533.921212)
        #expect(SSEEvent.pythonUTCTimestamp(date) == "2026-11-26 19:48:53.921212+00:00")
        #expect(SSEEvent.pythonUTCTimestamp(Date(timeIntervalSince1970: 1_795_722_533)) == "2026-11-26 19:48:53+00:00")
        #expect(SSEEvent.ping(at: date) == Array(": ping - 2026-11-26 19:48:53.921212+00:00\r\n\r\n".utf8))
    }

    @Test func multipartParsingIsBinarySafe() throws {
        let content: [UInt8] = Array("x\r\n--BOUNDARY-ish\r\n--BOUNDx\r\n--BOUND \0".utf8) + [0xFF, 0x00, 0x0D, 0x0A]
        var body = Array("preamble\r\n--BOUND\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
        body += Array("--BOUND\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"q\\\".bin\"\r\n".utf8)
        body += Array("Content-Type: application/x-thing\r\n\r\n".utf8) + content
        body += Array("\r\n--BOUND--\r\nepilogue".utf8)
        let form = try MultipartForm.parse(Data(body), boundary: "BOUND")
        #expect(form.parts.count == 2)
        #expect(form.part(named: "note")?.body == Data("hello".utf8))
        let file = try #require(form.part(named: "file"))
        #expect(file.body == Data(content))
        #expect(file.filename == "a \"q\".bin")
        #expect(file.contentType == "application/x-thing")

        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data;boundary=xyz") == "xyz")
        #expect(MultipartForm.boundary(fromContentType: "application/json") == nil)
        #expect(throws: MultipartForm.Failure.self) { try MultipartForm.parse(Data("--B\r\n\r\nno end".utf8), boundary: "B") }
    }

    @Test func pngHasValidChecksums() {
        let png = [UInt8](PNGImage.artistPicture)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        var offset = 8
        var types: [String] = []
        while offset < png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let typeAndBody = Array(png[offset + 4..<offset + 8 + length])
            let crc = png[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGImage.crc32(typeAndBody) == crc)
            types.append(String(decoding: typeAndBody.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(PNGImage.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func rateLimiterSlidesItsWindow() {
        var limiter = RateLimiter(limit: 2)
        let start = ContinuousClock.now
        #expect(limiter.admit(key: "a", now: start) == nil)
        #expect(limiter.admit(key: "a", now: start + .seconds(10)) == nil)
        #expect(limiter.admit(key: "a", now: start + .seconds(20)) == 40)
        #expect(limiter.admit(key: "b", now: start + .seconds(20)) == nil)
        #expect(limiter.admit(key: "a", now: start + .milliseconds(59_500)) == 1)
        #expect(limiter.admit(key: "a", now: start + .seconds(60)) == nil)
        var unlimited = RateLimiter(limit: 0)
        for _ in 0..<10 { #expect(unlimited.admit(key: "a", now: start) == nil) }
    }

    @Test func ledgerPagesNewestFirst() {
        var ledger = PointsLedger(balance: 100)
        let ids = (1...5).map { ledger.charge(bot: "B\($0)", points: $0) }
        #expect(ledger.balance == 85)
        #expect(Set(ids).count == 5)
        #expect(ids.allSatisfy { $0.count == 18 })
        let first = ledger.page(limit: 2, startingAfter: nil)
        #expect(first.entries.map(\.botName) == ["B5", "B4"] && first.hasMore)
        let second = ledger.page(limit: 3, startingAfter: first.entries.last?.queryID)
        #expect(second.entries.map(\.botName) == ["B3", "B2", "B1"] && !second.hasMore)
        #expect(ledger.page(limit: 3, startingAfter: "unknown").entries.isEmpty)
        #expect(BotCatalog.usd(points: 5) == "0.00015")
        #expect(BotCatalog.usd(points: 300) == "0.009")
        #expect(BotCatalog.usd(points: 100_000) == "3")
    }
}
