import Foundation
import PoeAPI
import PoeEmulator
import Testing

@Suite("Client against the emulator: bots")
struct ClientBotTests {
    @Test func echoRepeatsTheMessageAndParameters() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Echo", "Hello, 世界 🙂", parameters: ["thinking_budget": .int(1000), "aspect_ratio": "9:16"])
        #expect(reply.endedWithDone)
        #expect(reply.text.hasPrefix("Hello, 世界 🙂"))
        #expect(reply.text.contains(#""thinking_budget": 1000"#) || reply.text.contains(#""thinking_budget":1000"#))
        #expect(reply.text.contains("9:16"))
        guard case .meta = reply.events.first else {
            Issue.record("meta is not first: \(reply.events.prefix(2))")
            return
        }
    }

    @Test func streamDeliversEveryWordInOrder() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Stream", parameters: ["words": .int(40), "interval_ms": .int(0)])
        #expect(reply.endedWithDone)
        #expect(reply.text == (1...40).map { "word\($0) " }.joined())
    }

    @Test func markdownSuggestReplaceAndArtist() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }

        let markdown = await ask(harness, bot: "Markdown")
        #expect(markdown.endedWithDone)
        #expect(markdown.text.contains("```"))
        #expect(markdown.text.contains("日本語"))

        let suggest = await ask(harness, bot: "Suggest")
        #expect(suggest.endedWithDone)
        #expect(suggest.suggestions.count == 3)

        let replace = await ask(harness, bot: "Replace")
        #expect(replace.endedWithDone)
        #expect(replace.text == "Final answer.")

        let artist = await ask(harness, bot: "artist")  // bot names are case-insensitive
        #expect(artist.endedWithDone)
        let file = try #require(artist.files.first)
        #expect(file.contentType == "image/png")
        #expect(file.url.hasPrefix(harness.emulator.baseURL))
        #expect(artist.text.contains("[\(file.inlineRef ?? "-")]"))
    }

    @Test func slowBotWithPingsOutlivesAShortIdleTimeout() async throws {
        let harness = try await EmulatorHarness.start { $0.idleTimeout = .milliseconds(600) }
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Slow", parameters: ["delay_ms": .int(1500), "ping_ms": .int(100)])
        #expect(reply.endedWithDone)
        #expect(reply.text == "Finally here.")
    }

    @Test func silentStreamTimesOut() async throws {
        let harness = try await EmulatorHarness.start { $0.idleTimeout = .milliseconds(300) }
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Slow", parameters: ["delay_ms": .int(30000), "ping_ms": .int(20000)])
        guard case .timeout? = reply.error else {
            Issue.record("expected a timeout, got \(String(describing: reply.error))")
            return
        }
    }
}
