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

    @Test func pingsKeepAQuietStreamPastTheIdleTimeout() async throws {
        // Time is this test's subject: 3 s with nothing but `: ping` comments, 50 ms apart,
        // under a 2 s idle timeout (without the pings it must time out: silentStreamTimesOut).
        // The stream comes from a thread of its own, not from the in-process emulator: with
        // parallel tests on a loaded 2-core machine, the emulator's tasks waited up to 0.8 s
        // for the CPU before their first byte (measured at load 10) and past 2 s at load 16;
        // that is the machine being busy, not what is tested here. A 2 s timeout against 50 ms
        // pings leaves a 40-fold margin for two dedicated threads (this server's, curl's).
        let ping = Array(": ping - 2026-01-01 00:00:00.000000+00:00\r\n\r\n".utf8)
        let head = httpResponse("200 OK", headers: ["Content-Type: text/event-stream", "Connection: close"])
        let meta = Array("event: meta\r\ndata: {\"content_type\": \"text/markdown\"}\r\n\r\n".utf8)
        let answer = Array("event: text\r\ndata: {\"text\": \"Finally here.\"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n".utf8)
        let server = try ScriptedHTTPServer { _ in
            .paced([head + meta] + Array(repeating: ping, count: 60) + [answer], interval: .milliseconds(50))
        }
        defer { server.stop() }
        var configuration = PoeConfiguration(apiKey: "k-pings", apiBase: server.base)
        configuration.idleTimeout = .seconds(2)
        let started = ContinuousClock.now
        let reply = await collect(PoeClient(configuration: configuration).stream(bot: "Slow", messages: [ProtocolMessage(role: .user, content: "go")]))
        #expect(reply.endedWithDone, "\(String(describing: reply.error))")
        #expect(reply.text == "Finally here.")
        #expect(ContinuousClock.now - started >= .seconds(3), "the stream was not quiet longer than the timeout")
    }

    @Test func silentStreamTimesOut() async throws {
        let harness = try await EmulatorHarness.start { $0.idleTimeout = .milliseconds(300) }
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Slow", parameters: ["delay_ms": .int(30000), "ping_ms": .int(20000)])
        guard case .timeout? = reply.error else {
            Issue.record("expected a timeout, got \(String(describing: reply.error))")
            return
        }
        // The bot may have had the query: asking again could spend its points twice. (Under
        // load the client can give up before the emulator records it, hence the wait.)
        #expect(await eventually { await harness.botRequests().count >= 1 })
        #expect(await harness.botRequests().count == 1)
    }
}
