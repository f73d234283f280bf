import Foundation
import PoeAPI
import PoeEmulator
import Testing

/// A fresh emulator on loopback and a client configured for it.
struct EmulatorHarness {
    let emulator: PoeEmulator
    let client: PoeClient
    let key: String

    static func start(
        options: EmulatorOptions = EmulatorOptions(),
        key: String = "test-key-\(UUID().uuidString)",
        configure: (inout PoeConfiguration) -> Void = { _ in }
    ) async throws -> EmulatorHarness {
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        var configuration = PoeConfiguration(apiKey: key, apiBase: emulator.baseURL, uploadURL: emulator.uploadURL)
        configuration.retryPolicy.initialDelay = .milliseconds(20)
        configure(&configuration)
        return EmulatorHarness(emulator: emulator, client: PoeClient(configuration: configuration), key: key)
    }

    func stop() async { await emulator.stop() }

    /// Bot queries the emulator has received so far.
    func botRequests() async -> [RecordedRequest] {
        await emulator.recordedRequests().filter { $0.path.hasPrefix("/bot/") }
    }
}

/// Everything a reply stream produced, and how it ended.
struct CollectedReply {
    var events: [PoeEvent] = []
    var error: PoeError?

    /// The final text, as fastapi_poe's `get_final_response` builds it.
    var text: String {
        events.reduce(into: "") { text, event in
            switch event {
            case .text(let piece): text += piece
            case .replaceResponse(let replacement): text = replacement
            default: break
            }
        }
    }

    var suggestions: [String] {
        events.compactMap { if case .suggestedReply(let text) = $0 { return text } else { return nil } }
    }

    var files: [PoeAttachment] {
        events.compactMap { if case .file(let file) = $0 { return file } else { return nil } }
    }

    var botErrors: [BotErrorEvent] {
        events.compactMap { if case .error(let error) = $0 { return error } else { return nil } }
    }

    var endedWithDone: Bool { events.last == .done && error == nil }
}

func collect(_ reply: ReplyStream) async -> CollectedReply {
    var collected = CollectedReply()
    do {
        for try await event in reply.events { collected.events.append(event) }
    } catch let error as PoeError {
        collected.error = error
    } catch {
        Issue.record("unexpected error type: \(error)")
    }
    return collected
}

func ask(_ harness: EmulatorHarness, bot: String, _ text: String = "hello", parameters: [String: JSONValue] = [:]) async -> CollectedReply {
    await collect(harness.client.stream(bot: bot, messages: [ProtocolMessage(role: .user, content: text)], parameters: parameters))
}

/// Polls `condition` until it holds, 1000 times 10 ms apart at most (10 s on a quiet
/// machine); tests wait on state, never on sleeps.
///
/// Counted in polls, not by the clock: in a full `swift test` on a loaded machine, ready tasks
/// waited up to 23 s for one of the cooperative pool's two threads, so a wall-clock deadline ran
/// out before the work awaited had even run. Each poll's wakeup queues behind that work, so
/// the wait stretches with the backlog.
func eventually(polls: Int = 1000, _ condition: () async -> Bool) async -> Bool {
    for _ in 0..<polls {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
