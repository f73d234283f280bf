import Foundation
import PoeAPI
import PoeEmulator
import Testing

@Suite("Client against the emulator: errors and retries")
struct ClientErrorTests {
    @Test func httpStatusesBecomeTypedErrors() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let cases: [(Int, (PoeError) -> Bool)] = [
            (401, { if case .invalidKey = $0 { true } else { false } }),
            (402, { if case .insufficientPoints = $0 { true } else { false } }),
        ]
        for (status, matches) in cases {
            let reply = await ask(harness, bot: "Fail", parameters: ["status": .int(status)])
            let error = try #require(reply.error, "status \(status)")
            #expect(matches(error), "status \(status) gave \(error)")
        }
        // Neither is retried.
        #expect(await harness.botRequests().count == 2)
    }

    @Test func unknownBotIsNotRetried() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "NoSuchBot")
        guard case .unknownBot(let name, _)? = reply.error else {
            Issue.record("got \(String(describing: reply.error))")
            return
        }
        #expect(name == "NoSuchBot")
        #expect(await harness.botRequests().count == 1)
    }

    @Test func wrongKeyIsInvalidAndNeverEchoed() async throws {
        var options = EmulatorOptions()
        options.key = "the-right-key-0123456789"
        let harness = try await EmulatorHarness.start(options: options, key: "the-wrong-key-9876543210")
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Echo")
        guard case .invalidKey? = reply.error else {
            Issue.record("got \(String(describing: reply.error))")
            return
        }
        #expect(!(reply.error?.description.contains(harness.key) ?? true))
        await #expect(throws: PoeError.self) { try await harness.client.balance() }
    }

    @Test func rateLimitIsRetriedAfterRetryAfter() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let started = ContinuousClock.now
        let reply = await ask(harness, bot: "Fail", parameters: ["status": .int(429), "retry_after": .int(1), "fail_times": .int(1), "token": "rl"])
        let elapsed = ContinuousClock.now - started
        #expect(reply.endedWithDone)
        #expect(reply.text.contains("Recovered"))
        #expect(elapsed >= .seconds(1), "waited only \(elapsed)")
        #expect(await harness.botRequests().count == 2)
    }

    @Test func longRetryAfterIsReportedNotWaited() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["status": .int(429), "retry_after": .int(600)])
        #expect(reply.error == .rateLimited(retryAfter: 600, message: reply.error.map { if case .rateLimited(_, let m) = $0 { m } else { "" } } ?? ""))
        #expect(await harness.botRequests().count == 1)
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["status": .int(500), "fail_times": .int(2), "token": "s5"])
        #expect(reply.endedWithDone)
        #expect(await harness.botRequests().count == 3)

        let hopeless = await ask(harness, bot: "Fail", parameters: ["status": .int(500)])
        guard case .server(500, _)? = hopeless.error else {
            Issue.record("got \(String(describing: hopeless.error))")
            return
        }
        #expect(await harness.botRequests().count == 3 + 4)  // one try and three retries
    }

    @Test func errorEventBeforeOutputIsRetriedWhenAllowed() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["fail_times": .int(1), "token": "ev"])
        #expect(reply.endedWithDone)
        #expect(reply.botErrors.isEmpty)
        #expect(reply.text.contains("Recovered"))
        #expect(await harness.botRequests().count == 2)
        // The consumer hears meta once, though two attempts sent it.
        #expect(reply.events.filter { if case .meta = $0 { true } else { false } }.count == 1)
    }

    @Test func errorEventWithoutRetryIsDeliveredOnce() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["allow_retry": .bool(false), "error_type": "user_caused_error", "text": "nope"])
        #expect(reply.botErrors == [BotErrorEvent(text: "nope", allowRetry: false, errorType: "user_caused_error")])
        #expect(reply.events.last == .done)
        #expect(await harness.botRequests().count == 1)
    }

    @Test func errorAfterOutputIsNeverRetried() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["words": .int(3)])
        #expect(!reply.text.isEmpty)
        #expect(reply.botErrors.count == 1)
        #expect(await harness.botRequests().count == 1)
    }

    @Test func streamWithoutDoneIsIncompleteAndNotDuplicated() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["drop": .bool(true), "words": .int(3)])
        guard case .incomplete? = reply.error else {
            Issue.record("got \(String(describing: reply.error))")
            return
        }
        #expect(!reply.text.isEmpty)
        #expect(!reply.events.contains(.done))
        #expect(await harness.botRequests().count == 1)
    }

    @Test func missingKeyFailsBeforeAnyRequest() async {
        let client = PoeClient(configuration: PoeConfiguration(apiKey: "", apiBase: "http://127.0.0.1:9"))
        let reply = await collect(client.stream(bot: "Echo", messages: [ProtocolMessage(role: .user, content: "hi")]))
        #expect(reply.error == .missingKey)
    }
}
