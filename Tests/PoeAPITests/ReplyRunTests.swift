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

    /// The reply ends at `done`, even while the server keeps the body open after it (a proxy
    /// holding the last chunk back): the app must not wait for the body, up to the idle timeout,
    /// to show the reply as finished. (A watchdog stops the reply after 30 s, so a reply that
    /// waits for the body fails the test instead of hanging it.)
    @Test func itEndsAtDoneNotAtTheEndOfTheBody() async throws {
        let head = httpResponse("200 OK", headers: ["Content-Type: text/event-stream", "Connection: close"])
        let events = Array("event: text\r\ndata: {\"text\": \"All here.\"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n".utf8)
        let server = try ScriptedHTTPServer { _ in .hold(head + events) }
        defer { server.stop() }
        var configuration = PoeConfiguration(apiKey: "k-held", apiBase: server.base)
        configuration.idleTimeout = .seconds(600)
        let received = Received()
        let run = PoeClient(configuration: configuration).stream(bot: "Held", messages: [ProtocolMessage(role: .user, content: "go")]) { batch in
            received.events.withLock { $0 += batch }
        }
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(30))
            guard !Task.isCancelled else { return false }
            run.cancel()
            return true
        }
        let ending = await run.ending()
        watchdog.cancel()
        #expect(await watchdog.value == false, "the reply ended only when the watchdog stopped it")
        #expect(ending == nil, "\(String(describing: ending))")
        #expect(received.events.withLock { $0 } == [.text("All here."), .done])
        run.cancel()
    }

    @Test func cancelStopsItAsCancelled() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await Self.run(harness, bot: "Stream", parameters: ["words": .int(100_000), "interval_ms": .int(1)], cancelAfter: 5)
        #expect(reply.error == .cancelled)
        #expect(reply.events.count < 100_000)
    }
}
