import Foundation
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
/// duplicated, and never after an `error` event that says `allow_retry: false`.
public final class ReplyStream: Sendable {
    public let events: AsyncThrowingStream<PoeEvent, any Error>
    private let task: Mutex<Task<Void, Never>?>

    init(client: PoeClient, bot: String, query: [ProtocolMessage], onRetry: (@Sendable (RetryNotice) -> Void)?) {
        let (events, continuation) = AsyncThrowingStream<PoeEvent, any Error>.makeStream()
        self.events = events
        let run = ReplyRun(client: client, bot: bot, query: query, continuation: continuation, onRetry: onRetry)
        let task = Task { await run.run() }
        self.task = Mutex(task)
        continuation.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
        }
    }

    /// Stops the reply: the transfer is closed at once, idle or not, and `events` throws
    /// `PoeError.cancelled` (events already yielded stay valid).
    public func cancel() {
        task.withLock { $0?.cancel() }
    }
}

/// The attempt loop behind a `ReplyStream`.
private struct ReplyRun: Sendable {
    let client: PoeClient
    let bot: String
    let query: [ProtocolMessage]
    let continuation: AsyncThrowingStream<PoeEvent, any Error>.Continuation
    let onRetry: (@Sendable (RetryNotice) -> Void)?

    /// Set once the reply has shown something other than `meta`; from then on, no retry.
    private final class Progress: @unchecked Sendable {
        // @unchecked: touched only by the one task that runs the attempts, one at a time.
        var outputBegan = false
        var metaYielded = false
        var finished = false
    }

    func run() async {
        let progress = Progress()
        let configuration = client.configuration
        guard !configuration.apiKey.isEmpty else {
            continuation.finish(throwing: PoeError.missingKey)
            return
        }
        let body: [UInt8]
        do {
            body = try QueryRequest(query: query).jsonBody()
        } catch {
            continuation.finish(throwing: PoeError.protocolViolation("cannot encode the query: \(error)"))
            return
        }
        let request = HTTPRequest(
            method: "POST",
            url: configuration.botURL(bot),
            headers: client.headers(authorization: .bearer, accept: "text/event-stream", contentType: "application/json"),
            body: .bytes(body),
            connectTimeout: configuration.connectTimeout,
            idleTimeout: configuration.idleTimeout
        )
        var retry = 0
        while true {
            do {
                try await client.limiter.acquire()
                try await attempt(request, progress: progress, mayRetry: retry < configuration.retryPolicy.maxRetries)
                return
            } catch let error as PoeError {
                if error == .cancelled || Task.isCancelled { return finish(.cancelled, progress) }
                retry += 1
                guard error.isRetryableBeforeOutput, !progress.outputBegan,
                      let wait = configuration.retryPolicy.delay(beforeRetry: retry, retryAfter: error.retryAfter) else {
                    return finish(error, progress)
                }
                onRetry?(RetryNotice(retry: retry, delay: wait, reason: error))
                do { try await Task.sleep(for: wait) } catch { return finish(.cancelled, progress) }
            } catch {
                return finish(Task.isCancelled ? .cancelled : .network("\(error)"), progress)
            }
        }
    }

    private func finish(_ error: PoeError, _ progress: Progress) {
        guard !progress.finished else { return }
        progress.finished = true
        continuation.finish(throwing: error)
    }

    /// One HTTP request; returns normally once `done` arrived, throws to end or retry.
    private func attempt(_ request: HTTPRequest, progress: Progress, mayRetry: Bool) async throws {
        let transfer = client.engine.start(request)
        var parser = SSEParser()
        var errorHead: HTTPResponseHead?
        var errorBody: [UInt8] = []
        var sawDone = false
        do {
            for try await event in transfer.events {
                switch event {
                case .uploadProgress:
                    break
                case .head(let head):
                    if !head.isSuccess || !(head.header("content-type") ?? "").contains("text/event-stream") {
                        errorHead = head
                    }
                case .body(let bytes):
                    if errorHead != nil {
                        if errorBody.count < 64 * 1024 { errorBody.append(contentsOf: bytes) }
                        continue
                    }
                    // After `done` the consumer is finished; the rest of the body is drained
                    // so the connection can be reused.
                    guard !sawDone else { continue }
                    for sse in parser.feed(bytes) {
                        guard let poeEvent = try PoeEvent.decode(sse) else { continue }
                        if try deliver(poeEvent, progress: progress, transfer: transfer, mayRetry: mayRetry) {
                            sawDone = true
                            break
                        }
                    }
                }
            }
        } catch let failure as TransportError {
            throw ResponseError.error(for: failure, redactor: client.redactor)
        }
        if Task.isCancelled { throw PoeError.cancelled }
        if let errorHead {
            if errorHead.isSuccess {
                // A 2xx that is not an event stream: show what it said.
                let message = ResponseError.readableMessage(from: errorBody, status: errorHead.status)
                throw PoeError.protocolViolation("expected an event stream, got \(errorHead.header("content-type") ?? "no content type"): \(client.redactor.redact(message))")
            }
            throw ResponseError.error(for: errorHead, body: errorBody, bot: bot, redactor: client.redactor)
        }
        if !sawDone {
            _ = parser.finish()
            throw PoeError.incomplete("the stream ended before the bot said it was done")
        }
    }

    /// Passes one event to the consumer; returns true when the reply is complete.
    private func deliver(_ event: PoeEvent, progress: Progress, transfer: HTTPTransfer, mayRetry: Bool) throws -> Bool {
        switch event {
        case .meta:
            // Sent first by every attempt; the consumer hears it once.
            guard !progress.metaYielded else { return false }
            progress.metaYielded = true
            continuation.yield(event)
        case .error(let botError) where mayRetry && !progress.outputBegan && botError.allowRetry:
            // Nothing shown yet and the bot allows it: try again rather than fail.
            transfer.cancel()
            throw PoeError.botFailed(botError)
        case .done:
            progress.finished = true
            continuation.yield(.done)
            continuation.finish()
            return true
        default:
            progress.outputBegan = true
            continuation.yield(event)
        }
        return false
    }
}

extension PoeError {
    /// Whether a reply that failed this way may be asked again, provided nothing was shown.
    var isRetryableBeforeOutput: Bool {
        switch self {
        case .incomplete, .botFailed: return true
        default: return isTransient
        }
    }
}
