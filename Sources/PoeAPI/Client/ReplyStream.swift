import Synchronization

/// One bot reply in flight: typed events as they arrive, and an explicit cancel.
///
/// `events` yields the protocol's events in order and finishes after `done`. It throws a
/// `PoeError` when the request fails (HTTP status, network, timeout), when the stream breaks
/// the protocol, when it ends without `done` (`.incomplete`: never reported as success), or
/// `.cancelled` after `cancel()`. An `error` event is yielded, not thrown: the bot answered, and
/// its answer was an error.
///
/// Failures are retried only while nothing but `meta` has been yielded, so no text is ever
/// duplicated, never after an `error` event that says `allow_retry: false`, and never when the
/// query may already have reached the bot (it would spend the points twice; see `ReplyAttempts`).
public final class ReplyStream: Sendable {
    public let events: ReplyEvents
    private let task: Task<Void, Never>

    init(client: PoeClient, bot: String, query: [ProtocolMessage], onRetry: (@Sendable (RetryNotice) -> Void)?) {
        let (batches, continuation) = AsyncThrowingStream<[PoeEvent], any Error>.makeStream()
        let output = ReplyOutput(yield: { continuation.yield($0) }, finish: { continuation.finish(throwing: $0) })
        let run = ReplyAttempts(client: client, bot: bot, query: query, output: output, onRetry: onRetry)
        let task = Task { await run.run() }
        self.task = task
        self.events = ReplyEvents(batches: batches)
        continuation.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
        }
    }

    /// Stops the reply: the transfer is closed at once, idle or not, and `events` throws
    /// `PoeError.cancelled` (events already yielded stay valid).
    public func cancel() {
        task.cancel()
    }
}

/// A reply's events, one at a time.
///
/// Events cross from the curl thread to the consumer in batches (everything one network read
/// produced), because a hand-over per event cost more than parsing it: a 1 MB reply is about
/// 100,000 events.
public struct ReplyEvents: AsyncSequence, Sendable {
    public typealias Element = PoeEvent
    let batches: AsyncThrowingStream<[PoeEvent], any Error>

    public func makeAsyncIterator() -> Iterator {
        Iterator(batches: batches.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var batches: AsyncThrowingStream<[PoeEvent], any Error>.AsyncIterator
        var buffer: [PoeEvent] = []
        var index = 0

        public mutating func next() async throws -> PoeEvent? {
            while index == buffer.count {
                guard let batch = try await batches.next() else { return nil }
                buffer = batch
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

/// Where the attempts put a reply's events: each batch as it is read, then the end (nil after
/// `done`, else the error).
struct ReplyOutput: Sendable {
    let yield: @Sendable ([PoeEvent]) -> Void
    let finish: @Sendable (PoeError?) -> Void
}

/// One bot reply in flight whose events go to a handler, called on the curl thread as each
/// batch is read, rather than to an `AsyncSequence`. Crossing to the consumer's task for every
/// token took a thread wake-up each: at 200 tokens a second that was most of the client's CPU.
///
/// The handler sees the same events, in the same order, as `ReplyStream.events` would yield;
/// `ending()` then says how it ended, as `events` would have thrown.
public final class ReplyRun: Sendable {
    private let task: Task<Void, Never>
    private let ended: Ending

    /// How the reply ended, once it has: the first verdict counts, and whoever waits hears it.
    /// The reply ends at `done`, while the rest of the body may still be read (and dropped) so
    /// the connection can be reused.
    private final class Ending: Sendable {
        private struct State {
            var verdict: PoeError??
            var waiting: [CheckedContinuation<PoeError?, Never>] = []
        }

        private let state = Mutex(State())

        func settle(_ error: PoeError?) {
            let waiting = state.withLock { state -> [CheckedContinuation<PoeError?, Never>] in
                guard state.verdict == nil else { return [] }
                state.verdict = .some(error)
                defer { state.waiting = [] }
                return state.waiting
            }
            for waiter in waiting { waiter.resume(returning: error) }
        }

        func wait() async -> PoeError? {
            await withCheckedContinuation { waiter in
                let known: PoeError?? = state.withLock { state in
                    if let verdict = state.verdict { return .some(verdict) }
                    state.waiting.append(waiter)
                    return nil
                }
                if let known { waiter.resume(returning: known) }
            }
        }
    }

    init(client: PoeClient, bot: String, query: [ProtocolMessage], onRetry: (@Sendable (RetryNotice) -> Void)?,
         handler: @escaping @Sendable ([PoeEvent]) -> Void) {
        let ended = Ending()
        self.ended = ended
        let output = ReplyOutput(yield: handler, finish: { ended.settle($0) })
        let run = ReplyAttempts(client: client, bot: bot, query: query, output: output, onRetry: onRetry)
        task = Task {
            await run.run()
            ended.settle(.incomplete("the reply ended without saying how"))  // only if nothing did
        }
    }

    /// Stops the reply: the transfer is closed at once, and `ending()` gives `.cancelled`,
    /// unless the reply had ended already.
    public func cancel() {
        task.cancel()
    }

    /// Waits for the reply to end: nil as soon as the bot said `done`, else why it stopped.
    public func ending() async -> PoeError? {
        await ended.wait()
    }
}
