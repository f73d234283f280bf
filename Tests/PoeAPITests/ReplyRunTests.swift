import Foundation
import PoeAPI
import PoeEmulator
import Synchronization
import Testing

/// `ReplyRun` hands events to a function on the network task. It must tell exactly what
/// `ReplyStream.events` tells: the same events in the same order, and the same ending.
@Suite struct ReplyRunTests {
    final class Received: Sendable {
        let events = Mutex<[PoeEvent]>([])
    }

    static func run(_ harness: EmulatorHarness, bot: String, parameters: [String: JSONValue] = [:], cancelAfter: Int? = nil) async -> CollectedReply {
        let received = Received()
        let messages = [ProtocolMessage(role: .user, content: "hello")]
        let run = harness.client.stream(bot: bot, messages: messages, parameters: parameters) { batch in
            received.events.withLock { $0 += batch }
        }
        if let cancelAfter {
            _ = await eventually { received.events.withLock { $0.count } >= cancelAfter }
            run.cancel()
        }
        let ending = await run.ending()
        return CollectedReply(events: received.events.withLock { $0 }, error: ending)
    }

    @Test(arguments: ["Echo", "Markdown", "Suggest", "Replace", "Artist", "Stream"])
    func theSameEventsAsTheStream(bot: String) async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let parameters: [String: JSONValue] = bot == "Stream" ? ["words": .int(300), "interval_ms": .int(0)] : [:]
        let streamed = await ask(harness, bot: bot, parameters: parameters)
        let handed = await Self.run(harness, bot: bot, parameters: parameters)
        #expect(handed.endedWithDone, "\(String(describing: handed.error))")
        #expect(handed.text == streamed.text)
        #expect(handed.events.count == streamed.events.count)
        #expect(handed.suggestions == streamed.suggestions)
        #expect(handed.files.count == streamed.files.count)
    }

    @Test func anHTTPErrorEndsItAsTheStreamWouldThrow() async throws {
        var options = EmulatorOptions()
        options.key = "the-right-key-0123456789"
        let harness = try await EmulatorHarness.start(options: options, key: "the-wrong-key-9876543210")
        defer { Task { await harness.stop() } }
        let run = harness.client.stream(bot: "Echo", messages: [ProtocolMessage(role: .user, content: "hi")]) { _ in }
        let ending = await run.ending()
        guard case .invalidKey = ending else {
            Issue.record("expected invalidKey, got \(String(describing: ending))")
            return
        }
    }

    @Test func cancelStopsItAsCancelled() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await Self.run(harness, bot: "Stream", parameters: ["words": .int(100_000), "interval_ms": .int(1)], cancelAfter: 5)
        #expect(reply.error == .cancelled)
        #expect(reply.events.count < 100_000)
    }
}
