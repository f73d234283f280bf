import Foundation
import Testing

@testable import PoeEmulator

/// Authentication, routing, uploads, limits, usage and models, over loopback HTTP.
@Suite struct EndpointTests {
    @Test func botQueriesNeedABearerKey() async throws {
        let harness = try await Harness.start { $0.key = "right" }
        defer { Task { await harness.emulator.stop() } }
        let unauthorized = #"{"error": {"message": "Invalid API key", "type": "authentication_error"}}"#
        for authorization in ["Bearer wrong", "right", "bearer right", "Bearer ", "Basic right"] {
            let response = try await harness.query("Echo", authorization: authorization)
            #expect(response.status == 401, "\(authorization)")
            #expect(response.text == unauthorized)
        }
        let missing = try await Curl.run(["-X", "POST", "\(harness.base)/bot/Echo", "--data-binary", Harness.queryBody()])
        #expect(missing.status == 401)
        #expect(try await harness.query("Echo", authorization: "Bearer right").status == 200)
    }

    @Test func unknownBotsAndPathsAre404AndNamesIgnoreCase() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let unknown = try await harness.query("Nope")
        #expect(unknown.status == 404)
        #expect(unknown.text == #"{"error": {"message": "Bot 'Nope' does not exist", "type": "not_found_error"}}"#)
        for name in ["echo", "ECHO", "eChO"] {
            #expect(try await harness.query(name).status == 200)
        }
        let path = try await harness.get("/nothing/here")
        #expect(path.status == 404)
        #expect(path.text.contains("not_found_error"))
    }

    @Test func malformedBodiesAre400() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        for body in ["not json", "[]", #"{"version": "1.2", "type": "query"}"#, #"{"query": []}"#, #"{"query": [{"content": "x"}]}"#] {
            let response = try await Curl.run([
                "-X", "POST", "\(harness.base)/bot/Echo", "-H", "Authorization: Bearer k", "--data-binary", body,
            ])
            #expect(response.status == 400, "\(body)")
            #expect(response.text.contains("invalid_request_error"))
        }
        let badParameter = try await harness.query("Stream", parameters: #"{"words": "many"}"#)
        #expect(badParameter.status == 400)
    }

    @Test func requestsAreRecordedInOrder() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        _ = try await harness.query("Echo", "first")
        _ = try await harness.get("/usage/current_balance?x=1", bearer: "k")
        let recorded = await harness.emulator.recordedRequests()
        #expect(recorded.map(\.method) == ["POST", "GET"])
        #expect(recorded.map(\.path) == ["/bot/Echo", "/usage/current_balance?x=1"])
        #expect(recorded[0].headers["authorization"] == "Bearer test-key")
        #expect(recorded[0].headers["content-type"] == "application/json")
        #expect(String(decoding: recorded[0].body, as: UTF8.self) == Harness.queryBody("first"))
    }

    @Test func uploadRoundTripIsBinarySafe() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        var bytes: [UInt8] = Array("line\r\n\0--boundary-ish\r\n--\r\n\r\n".utf8)
        bytes += (0...255).map { UInt8($0) } + [0, 0, 0x0D, 0x0A]
        let file = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: file) }

        let response = try await harness.upload(file: file, name: "data file.bin", type: "application/x-test")
        #expect(response.status == 200)
        let json = try #require(try JSONValue.parse(response.body).objectValue)
        let url = try #require(json["attachment_url"]?.stringValue)
        #expect(json["mime_type"] == .string("application/x-test"))
        #expect(url.hasPrefix(harness.base + "/files/") && url.hasSuffix("/data%20file.bin"))
        #expect(await harness.emulator.storedUpload(url: url) == Data(bytes))

        let fetched = try await Curl.run([url])
        #expect(fetched.body == Data(bytes))
        #expect(fetched.headers["content-type"] == "application/x-test")

        let attachments = "[{\"url\": \"\(url)\", \"content_type\": \"application/x-test\", \"name\": \"data file.bin\", \"inline_ref\": null, \"parsed_content\": null}, "
            + "{\"url\": \"https://example.com/x.png\", \"content_type\": \"image/png\", \"name\": \"x.png\"}]"
        let echo = try await harness.query("Echo", "see files", attachments: attachments)
        #expect(
            try replyText(parseEvents(echo.text))
                == "see files\n📎 data file.bin (application/x-test, \(bytes.count) bytes)\n📎 x.png (image/png, size unknown)")
    }

    @Test func uploadAuthUsesTheRawKey() async throws {
        let harness = try await Harness.start { $0.key = "secret" }
        defer { Task { await harness.emulator.stop() } }
        let file = try temporaryFile([1, 2, 3])
        defer { try? FileManager.default.removeItem(at: file) }
        for authorization in ["Bearer secret", "wrong"] {
            let response = try await harness.upload(file: file, name: "a.bin", type: "application/octet-stream", authorization: authorization)
            #expect(response.status == 401)
            #expect(response.text.contains("authentication_error"))
        }
        let ok = try await harness.upload(file: file, name: "a.bin", type: "application/octet-stream", authorization: "secret")
        #expect(ok.status == 200)
    }

    @Test func oversizedAndForcedUploadFailures() async throws {
        let harness = try await Harness.start { $0.maxUploadBytes = 1000 }
        defer { Task { await harness.emulator.stop() } }
        let big = try temporaryFile([UInt8](repeating: 7, count: 2000))
        let small = try temporaryFile([UInt8](repeating: 7, count: 10))
        defer {
            try? FileManager.default.removeItem(at: big)
            try? FileManager.default.removeItem(at: small)
        }
        let tooBig = try await harness.upload(file: big, name: "big.bin", type: "application/octet-stream")
        #expect(tooBig.status == 413)
        #expect(tooBig.text.contains("request_too_large"))

        await harness.emulator.setUploadFailure(status: 503)
        let forced = try await harness.upload(file: small, name: "s.bin", type: "application/octet-stream")
        #expect(forced.status == 503)
        #expect(forced.headers["content-type"] == "application/json")
        await harness.emulator.setUploadFailure(status: nil)
        #expect(try await harness.upload(file: small, name: "s.bin", type: "application/octet-stream").status == 200)

        let byURL = try await Curl.run([
            "-X", "POST", harness.emulator.uploadURL, "-H", "Authorization: k", "--data", "download_url=https://example.com/a.png",
        ])
        #expect(byURL.status == 400)
        #expect(byURL.text.contains("download_url is not supported by the emulator"))
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let harness = try await Harness.start { $0.rateLimitPerMinute = 3 }
        defer { Task { await harness.emulator.stop() } }
        #expect(try await harness.query("Echo").status == 200)
        #expect(try await harness.get("/usage/current_balance", bearer: harness.key).status == 200)
        #expect(try await harness.query("Echo").status == 200)
        let limited = try await harness.query("Echo")
        #expect(limited.status == 429)
        #expect(limited.text == #"{"error": {"message": "Rate limit exceeded", "type": "rate_limit_error"}}"#)
        let retryAfter = try #require(limited.headers["retry-after"].flatMap { Int($0) })
        #expect((1...60).contains(retryAfter))
        #expect(try await harness.get("/usage/current_balance", bearer: harness.key).status == 429)
        // Per key, and /v1/models is not limited.
        #expect(try await harness.query("Echo", authorization: "Bearer other").status == 200)
        #expect(try await harness.get("/v1/models").status == 200)
    }

    @Test func balanceDropsByTheBotsPoints() async throws {
        let harness = try await Harness.start { $0.startingBalance = 1000 }
        defer { Task { await harness.emulator.stop() } }
        let before = try await harness.get("/usage/current_balance", bearer: "k")
        #expect(before.text == #"{"current_point_balance": 1000}"#)
        _ = try await harness.query("Echo")
        _ = try await harness.query("Markdown")
        let after = try await harness.get("/usage/current_balance", bearer: "k")
        #expect(after.text == #"{"current_point_balance": 975}"#)
        #expect(try await harness.get("/usage/current_balance").status == 401)

        let poor = try await Harness.start { $0.startingBalance = 100 }
        defer { Task { await poor.emulator.stop() } }
        let refused = try await poor.query("Artist")
        #expect(refused.status == 402)
        #expect(refused.text.contains("insufficient_credits"))
    }

    @Test func pointsHistoryPagesNewestFirst() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        for bot in ["Echo", "Replace", "Suggest", "Markdown", "Stream"] {
            _ = try await harness.query(bot, parameters: bot == "Stream" ? #"{"words": 1, "interval_ms": 0}"# : "{}")
        }
        _ = try await harness.query("Fail")  // an error event: not charged

        var rawPages: [[UInt8]] = []
        func page(_ query: String) async throws -> JSONObject {
            let response = try await harness.get("/usage/points_history\(query)", bearer: "k")
            #expect(response.status == 200)
            rawPages.append(Array(response.body))
            return try #require(try JSONValue.parse(response.body).objectValue)
        }
        let first = try await page("?limit=2")
        #expect(first["has_more"] == .bool(true))
        #expect(first["length"] == .int(2))
        let firstEntries = try #require(first["data"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(firstEntries.map { $0["bot_name"] } == [.string("Stream"), .string("Markdown")])
        #expect(firstEntries.map { $0["cost_points"] } == [.int(10), .int(20)])
        #expect(keysAppearInOrder(rawPages[0], ["creation_time", "bot_name", "query_id", "usage_type", "cost_points"]))
        #expect(firstEntries[0]["usage_type"] == .string("API"))
        let last = try #require(firstEntries.last?["query_id"]?.stringValue)

        let second = try await page("?limit=2&starting_after=\(last)")
        let secondNames = second["data"]?.arrayValue?.compactMap { $0.objectValue?["bot_name"] }
        #expect(secondNames == [.string("Suggest"), .string("Replace")])
        #expect(second["has_more"] == .bool(true))
        let lastOfSecond = try #require(second["data"]?.arrayValue?.last?.objectValue?["query_id"]?.stringValue)
        let third = try await page("?limit=2&starting_after=\(lastOfSecond)")
        #expect(third["length"] == .int(1))
        #expect(third["has_more"] == .bool(false))

        let everything = try await page("")
        #expect(everything["length"] == .int(5))
        #expect(try await harness.get("/usage/points_history?limit=0", bearer: "k").status == 400)
        #expect(try await harness.get("/usage/points_history?limit=101", bearer: "k").status == 400)
    }

    @Test func modelsDescribeEveryBot() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let response = try await harness.get("/v1/models")
        #expect(response.status == 200)
        let root = try #require(try JSONValue.parse(response.body).objectValue)
        #expect(root["object"] == .string("list"))
        let models = try #require(root["data"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(models.compactMap { $0["id"]?.stringValue } == ["Echo", "Stream", "Markdown", "Suggest", "Replace", "Artist", "Fail", "Slow"])
        let keys = [
            "id", "object", "created", "description", "owned_by", "root", "architecture", "supported_features",
            "supported_endpoints", "pricing", "context_window", "context_length", "metadata", "reasoning", "parameters",
        ]
        for model in models { #expect(Set(model.keys) == Set(keys)) }
        #expect(keysAppearInOrder(Array(response.body), keys))
        let echo = models[0]
        #expect(echo["architecture"]?.objectValue?["input_modalities"] == ["text", "image", "file"])
        let artist = models[5]
        #expect(artist["architecture"]?.objectValue?["output_modalities"] == ["image"])
        let stream = models[1]
        let parameterNames = stream["parameters"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue }
        #expect(parameterNames == ["words", "interval_ms"])
        let avatar = try #require(artist["metadata"]?.objectValue?["image"]?.objectValue?["url"]?.stringValue)
        #expect(try await Curl.run([avatar]).body == PNGImage.artistPicture)
    }

    @Test func clientDisconnectStopsTheStream() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.emulator.stop() } }
        let curl = try Curl.start([
            "-X", "POST", "\(harness.base)/bot/Stream", "-H", "Authorization: Bearer k",
            "--data-binary", Harness.queryBody(parameters: #"{"words": 100000, "interval_ms": 20}"#),
        ])
        #expect(await eventually { await harness.emulator.openStreams() == 1 })
        // SIGKILL: a child spawned from a pool thread inherits its blocked-signal mask, so
        // Process.terminate()'s SIGTERM may never arrive.
        kill(curl.processIdentifier, SIGKILL)
        #expect(await eventually { await harness.emulator.openStreams() == 0 })
        #expect(await harness.emulator.pointBalance() == 1_000_000, "an interrupted reply is not charged")
    }

    @Test func stopEndsOpenStreams() async throws {
        let harness = try await Harness.start()
        let curl = try Curl.start([
            "-X", "POST", "\(harness.base)/bot/Slow", "-H", "Authorization: Bearer k",
            "--data-binary", Harness.queryBody(parameters: #"{"delay_ms": 60000}"#),
        ])
        defer { kill(curl.processIdentifier, SIGKILL) }
        #expect(await eventually { await harness.emulator.openStreams() == 1 })
        await harness.emulator.stop()
        #expect(await eventually { await harness.emulator.openStreams() == 0 })
    }
}

/// Whether `keys` first appear in `body` as JSON object keys in this order: the wire order
/// Python's dicts give, which parsing (into sorted keys) cannot show.
func keysAppearInOrder(_ body: [UInt8], _ keys: [String]) -> Bool {
    let text = String(decoding: body, as: UTF8.self)
    var position = text.startIndex
    for key in keys {
        guard let range = text.range(of: "\"\(key)\": ", range: position..<text.endIndex) else { return false }
        position = range.upperBound
    }
    return true
}
