/// The attempt loop behind a `ReplyStream`: sends the query, parses and checks the stream,
/// retries while nothing has been shown, and hands events to the consumer in batches.
///
/// A query spends the user's points, so it is sent again only when Poe cannot have run it:
/// the connection never opened, Poe refused it with a status that asks for a retry (429, 5xx),
/// or the bot said so (`allow_retry`). A query that may have reached a bot (the connection
/// broke after sending, the server went silent, the stream ended without `done`) is not
/// repeated: the user sees the error and decides.
struct ReplyAttempts: Sendable {
    let client: PoeClient
    let bot: String
    let query: [ProtocolMessage]
    let output: ReplyOutput
    let onRetry: (@Sendable (RetryNotice) -> Void)?

    /// A failure after which the query must not be sent again, whatever its kind.
    private struct MayHaveRun: Error {
        let error: PoeError
    }

    func run() async {
        let progress = ReplyProgress()
        let configuration = client.configuration
        guard !configuration.apiKey.isEmpty else { return finish(.missingKey) }
        let body: [UInt8]
        do {
            body = try QueryRequest(query: query).jsonBody()
        } catch {
            return finish(.protocolViolation("cannot encode the query: \(error)"))
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
            } catch let failure as MayHaveRun {
                return finish(Task.isCancelled ? .cancelled : failure.error)
            } catch let error as PoeError {
                if error == .cancelled || Task.isCancelled { return finish(.cancelled) }
                retry += 1
                guard error.isRetryableBeforeOutput, !progress.outputBegan,
                      let wait = configuration.retryPolicy.delay(beforeRetry: retry, retryAfter: error.retryAfter) else {
                    return finish(error)
                }
                onRetry?(RetryNotice(retry: retry, delay: wait, reason: error))
                do { try await Task.sleep(for: wait) } catch { return finish(.cancelled) }
            } catch {
                return finish(Task.isCancelled ? .cancelled : .network("\(error)"))
            }
        }
    }

    /// Ends the reply with `error`, unless it ended already (at `done`): both kinds of output
    /// keep the first ending.
    private func finish(_ error: PoeError) {
        output.finish(error)
    }

    /// One request. Its event stream is read on the transfer's thread (`ReplyBodyReader`);
    /// anything else (an HTTP error, another content type) comes here to be reported.
    private func attempt(_ request: HTTPRequest, progress: ReplyProgress, mayRetry: Bool) async throws {
        var request = request
        let reader = ReplyBodyReader(output: output, progress: progress, mayRetry: mayRetry)
        request.bodyReader = reader
        let transfer = client.engine.start(request)
        var errorHead: HTTPResponseHead?
        var errorBody: [UInt8] = []
        do {
            for try await event in transfer.events {
                switch event {
                case .uploadProgress:
                    break
                case .head(let head):
                    if !reader.accepts(head) { errorHead = head }
                case .body(let bytes):
                    // Only a body the reader did not take: an error's.
                    if errorBody.count < 64 * 1024 { errorBody.append(contentsOf: bytes) }
                }
            }
        } catch let failure as TransportError {
            // Cancelled, the transfer's thread may still be in the reader: leave it alone.
            if Task.isCancelled { throw PoeError.cancelled }
            // The reader stopped the transfer itself: its reason is the failure.
            if let stopped = reader.failure { throw stopped }
            let error = ResponseError.error(for: failure, redactor: client.redactor)
            guard failure.requestNeverSent || failure == .cancelled else { throw MayHaveRun(error: error) }
            throw error
        }
        if Task.isCancelled { throw PoeError.cancelled }
        if let stopped = reader.failure { throw stopped }
        if let errorHead {
            if errorHead.isSuccess {
                // A 2xx that is not an event stream: show what it said.
                let message = ResponseError.readableMessage(from: errorBody, status: errorHead.status)
                throw PoeError.protocolViolation("expected an event stream, got \(errorHead.header("content-type") ?? "no content type"): \(client.redactor.redact(message))")
            }
            throw ResponseError.error(for: errorHead, body: errorBody, bot: bot, redactor: client.redactor)
        }
        if !reader.sawDone {
            reader.finish()
            // The bot had started (its stream was open): even with nothing shown, asking again
            // could charge twice.
            throw MayHaveRun(error: .incomplete("the stream ended before the bot said it was done"))
        }
    }
}

extension PoeError {
    /// Whether a reply that failed this way may be asked again, provided nothing was shown and
    /// the query cannot have run (see `ReplyAttempts`).
    var isRetryableBeforeOutput: Bool {
        switch self {
        case .botFailed: return true
        default: return isTransient
        }
    }
}

/// What the consumer has been given so far, across attempts.
final class ReplyProgress: @unchecked Sendable {
    // @unchecked: touched by one attempt at a time, in turn by its transfer's thread (the body
    // reader, while the body arrives) and by the task that runs the attempts (after the
    // transfer's events ended; once cancelled, the task no longer reads it).
    /// Set once anything but `meta` was yielded; from then on, no retry.
    var outputBegan = false
    var metaYielded = false
    /// After an `error` event the reply has failed: like fastapi_poe, whatever the bot sends
    /// after it (but `done`) is not part of the reply.
    var botFailed = false
}
