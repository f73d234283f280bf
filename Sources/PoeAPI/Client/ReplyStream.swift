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

    /// How the attempts ended, once they have.
    private final class Ending: Sendable {
        let error = Mutex<PoeError??>(nil)
    }

    init(client: PoeClient, bot: String, query: [ProtocolMessage], onRetry: (@Sendable (RetryNotice) -> Void)?,
         handler: @escaping @Sendable ([PoeEvent]) -> Void) {
        let ended = Ending()
        self.ended = ended
        let output = ReplyOutput(yield: handler, finish: { error in
            ended.error.withLock { if $0 == nil { $0 = .some(error) } }
        })
        let run = ReplyAttempts(client: client, bot: bot, query: query, output: output, onRetry: onRetry)
        task = Task { await run.run() }
    }

    /// Stops the reply: the transfer is closed at once, and `ending()` gives `.cancelled`.
    public func cancel() {
        task.cancel()
    }

    /// Waits for the reply to end: nil when the bot said `done`, else why it stopped.
    public func ending() async -> PoeError? {
        await task.value
        return ended.error.withLock { $0 } ?? .incomplete("the reply ended without saying how")
    }
}
