import Foundation
import PoeAPI
import PoeEmulator
import Testing

@Suite("Client against the emulator: cancel, uploads, catalog, points, headers")
struct ClientServiceTests {
    @Test func cancelMidStreamStopsTheTransfer() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = harness.client.stream(bot: "Stream", messages: [ProtocolMessage(role: .user, content: "go")],
                                          parameters: ["words": .int(100_000), "interval_ms": .int(5)])
        var texts = 0
        var ended: PoeError?
        do {
            for try await event in reply.events {
                if case .text = event {
                    texts += 1
                    if texts == 3 { reply.cancel() }
                }
            }
        } catch let error as PoeError {
            ended = error
        }
        #expect(ended == .cancelled)
        #expect(texts < 1000)
        #expect(await eventually { await harness.emulator.openStreams() == 0 })
    }

    @Test func cancelOnAnIdleStreamIsImmediate() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = harness.client.stream(bot: "Slow", messages: [ProtocolMessage(role: .user, content: "go")],
                                          parameters: ["delay_ms": .int(60_000), "ping_ms": .int(300)])
        var ended: PoeError?
        do {
            for try await event in reply.events {
                if case .meta = event { reply.cancel() }
            }
        } catch let error as PoeError {
            ended = error
        }
        #expect(ended == .cancelled)
        // The emulator notices the closed connection at its next ping.
        #expect(await eventually { await harness.emulator.openStreams() == 0 })
    }

    @Test func uploadRoundTripKeepsEveryByte() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        var bytes = [UInt8](repeating: 0, count: 300_000)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 7) }
        bytes.replaceSubrange(0..<6, with: Array("\r\n--\0\r".utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString).bin")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let progress = ProgressLog()
        let attachment = try await harness.client.upload(path: file.path) { sent, total in progress.record(sent, total) }
        #expect(attachment.name == file.lastPathComponent)
        #expect(attachment.contentType == "application/octet-stream")
        #expect(await harness.emulator.storedUpload(url: attachment.url) == Data(bytes))
        let last = try #require(progress.last)
        #expect(last.0 == last.1 && last.0 >= Int64(bytes.count))

        // The upload used the raw key, no Bearer.
        let upload = try #require(await harness.emulator.recordedRequests().first { $0.path.contains("file_upload") })
        #expect(upload.headers["authorization"] == harness.key)

        // Echo sees the attachment and its exact size.
        let reply = await collect(harness.client.stream(bot: "Echo", messages: [
            ProtocolMessage(role: .user, content: "what is this?", attachments: [attachment]),
        ]))
        #expect(reply.text.contains("\(bytes.count) bytes"))
    }

    @Test func uploadLimitsAndFailuresAreClear() async throws {
        let harness = try await EmulatorHarness.start { $0.maxUploadBytes = 10 }
        defer { Task { await harness.stop() } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).txt")
        try Data(repeating: 65, count: 11).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        await #expect(throws: PoeError.uploadTooLarge(path: file.path, size: 11, limit: 10)) {
            try await harness.client.upload(path: file.path)
        }
        await #expect(throws: PoeError.unreadableFile(path: "/no/such/file", reason: "no such file")) {
            try await harness.client.upload(path: "/no/such/file")
        }
        try Data("ok".utf8).write(to: file)
        await harness.emulator.setUploadFailure(status: 400)
        do {
            _ = try await harness.client.upload(path: file.path)
            Issue.record("the upload should have failed")
        } catch let error as PoeError {
            guard case .uploadRejected = error else {
                Issue.record("got \(error)")
                return
            }
        }
    }

    @Test func catalogIsFetchedAndCached() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("poe-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let harness = try await EmulatorHarness.start { $0.cacheDirectory = cache }
        let bots = try await harness.client.bots()
        let names = Set(bots.map(\.id))
        #expect(names.isSuperset(of: ["Echo", "Stream", "Markdown", "Suggest", "Replace", "Artist", "Fail", "Slow"]))
        let artist = try #require(bots.first { $0.id == "Artist" })
        #expect(artist.outputModalities.contains("image"))
        let stream = try #require(bots.first { $0.id == "Stream" })
        #expect(stream.parameters.contains { $0.name == "words" })
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("models.json").path))

        // With the server gone, the cached catalog still answers.
        await harness.stop()
        let cached = try await harness.client.bots()
        #expect(cached == bots)
    }

    @Test func balanceDropsAndHistoryPages() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let before = try await harness.client.balance()
        for _ in 0..<3 { _ = await ask(harness, bot: "Echo") }
        let after = try await harness.client.balance()
        #expect(after < before)

        let first = try await harness.client.pointsHistory(limit: 2)
        #expect(first.entries.count == 2)
        #expect(first.hasMore)
        let second = try await harness.client.pointsHistory(limit: 2, startingAfter: first.entries.last?.queryID)
        #expect(second.entries.count == 1)
        #expect(!second.hasMore)
        #expect((first.entries + second.entries).reduce(0) { $0 + $1.costPoints } == before - after)
        #expect(first.entries.allSatisfy { $0.botName.lowercased() == "echo" })
    }

    @Test func everyRequestCarriesUserAgentAndLeaderboardHeaders() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("h-\(UUID().uuidString).txt")
        try Data("hi".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let harness = try await EmulatorHarness.start {
            $0.referer = "https://example.org/poe-tui"
            $0.title = "poe-tui tests"
        }
        defer { Task { await harness.stop() } }
        _ = await ask(harness, bot: "Echo")
        _ = try await harness.client.upload(path: file.path)
        _ = try await harness.client.bots(forceRefresh: true)
        _ = try await harness.client.balance()
        _ = try await harness.client.pointsHistory()
        let requests = await harness.emulator.recordedRequests()
        #expect(requests.count == 5)
        for request in requests {
            #expect(request.headers["user-agent"]?.hasPrefix("poe-tui/") == true, "\(request.path)")
            #expect(request.headers["http-referer"] == "https://example.org/poe-tui", "\(request.path)")
            #expect(request.headers["x-title"] == "poe-tui tests", "\(request.path)")
        }
        let bot = try #require(requests.first { $0.path.hasPrefix("/bot/") })
        #expect(bot.headers["authorization"] == "Bearer \(harness.key)")
        #expect(!String(decoding: bot.body, as: UTF8.self).contains(harness.key))
    }
}

/// Upload progress as reported, for assertions.
final class ProgressLog: Sendable {
    private let entries = Mutex<[(Int64, Int64)]>([])
    func record(_ sent: Int64, _ total: Int64) { entries.withLock { $0.append((sent, total)) } }
    var last: (Int64, Int64)? { entries.withLock { $0.last } }
}

import Synchronization
