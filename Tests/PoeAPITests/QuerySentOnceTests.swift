import Foundation
import PoeAPI
import PoeEmulator
import Synchronization
import Testing

/// A query spends the user's points: the client sends it again by itself only when Poe cannot
/// have run it (see docs/DECISIONS.md, "A query is sent again only when Poe cannot have run it").
@Suite("Client: a query that may have reached Poe is not sent twice")
struct QuerySentOnceTests {
    @Test func aConnectionThatNeverOpenedIsRetried() async throws {
        let (reply, retries) = await askEcho(at: "http://127.0.0.1:9")
        #expect(isNetworkError(reply.error), "got \(String(describing: reply.error))")
        #expect(retries == RetryPolicy().maxRetries)
    }

    @Test func aConnectionClosedAfterTheQueryIsReportedNotRetried() async throws {
        // The server reads the query, then hangs up without a word: it may have started the bot.
        let server = try ScriptedHTTPServer { _ in .close([]) }
        defer { server.stop() }
        let (reply, retries) = await askEcho(at: server.base)
        #expect(isNetworkError(reply.error), "got \(String(describing: reply.error))")
        #expect(server.requests.map(\.line) == ["POST /bot/Echo HTTP/1.1"])
        #expect(retries == 0)
    }

    @Test func aStreamCutBeforeAnyTextIsReportedNotRetried() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let reply = await ask(harness, bot: "Fail", parameters: ["drop": .bool(true)])
        guard case .incomplete? = reply.error else {
            Issue.record("got \(String(describing: reply.error))")
            return
        }
        #expect(await harness.botRequests().count == 1)
    }

    @Test func aKeepAliveConnectionThatDiesUnderTheNextQueryIsReplacedOnce() async throws {
        // Every connection answers one query and drops the next one unanswered, as a server
        // closing an idle keep-alive connection just as a query arrives. libcurl sends a query
        // whose reused connection died before any byte of the answer once more, on a fresh
        // connection; our own retries stay out of it.
        let events = Array("event: text\r\ndata: {\"text\": \"hi\"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n".utf8)
        let answer = httpResponse("200 OK", headers: ["Content-Type: text/event-stream", "Content-Length: \(events.count)"], body: events)
        let server = try ScriptedHTTPServer { _ in .answerThenDropNext(answer) }
        defer { server.stop() }
        let retries = RetryLog()
        let client = PoeClient(configuration: PoeConfiguration(apiKey: "k-stale", apiBase: server.base))
        let first = await collect(client.stream(bot: "Echo", messages: hello, onRetry: retries.record))
        let second = await collect(client.stream(bot: "Echo", messages: hello, onRetry: retries.record))
        #expect(first.endedWithDone && first.text == "hi")
        #expect(second.endedWithDone && second.text == "hi")
        #expect(server.requests.count == 2)
        // One when the second query went out on the first connection; none when libcurl had
        // already closed that connection (another test's transfers can push it out of the cache).
        #expect(server.droppedRequests.count <= 1)
        #expect(retries.count == 0)
    }

    private let hello = [ProtocolMessage(role: .user, content: "hello")]

    /// Asks Echo at `apiBase`, retrying quickly; returns the reply and the retries announced.
    private func askEcho(at apiBase: String) async -> (reply: CollectedReply, retries: Int) {
        var configuration = PoeConfiguration(apiKey: "k-sent-once", apiBase: apiBase)
        configuration.retryPolicy.initialDelay = .milliseconds(5)
        let retries = RetryLog()
        let reply = await collect(PoeClient(configuration: configuration).stream(bot: "Echo", messages: hello, onRetry: retries.record))
        return (reply, retries.count)
    }

    private func isNetworkError(_ error: PoeError?) -> Bool {
        if case .network? = error { true } else { false }
    }
}

/// Retry notices as the client announced them.
final class RetryLog: Sendable {
    private let notices = Mutex<[RetryNotice]>([])
    var count: Int { notices.withLock { $0.count } }
    var record: @Sendable (RetryNotice) -> Void { { [self] notice in notices.withLock { $0.append(notice) } } }
}
