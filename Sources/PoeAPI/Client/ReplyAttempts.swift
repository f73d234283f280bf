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

    /// What the consumer has been given so far, across attempts.
    private final class Progress: @unchecked Sendable {
        // @unchecked: touched only by the one task that runs the attempts, one at a time.
        /// Set once anything but `meta` was yielded; from then on, no retry.
        var outputBegan = false
        var metaYielded = false
        /// After an `error` event the reply has failed: like fastapi_poe, whatever the bot sends
        /// after it (but `done`) is not part of the reply.
        var botFailed = false
        var finished = false
    }

    /// A failure after which the query must not be sent again, whatever its kind.
    private struct MayHaveRun: Error {
        let error: PoeError
    }

    func run() async {
        let progress = Progress()
        let configuration = client.configuration
        guard !configuration.apiKey.isEmpty else { return finish(.missingKey, progress) }
        let body: [UInt8]
        do {
            body = try QueryRequest(query: query).jsonBody()
        } catch {
            return finish(.protocolViolation("cannot encode the query: \(error)"), progress)
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
                return finish(Task.isCancelled ? .cancelled : failure.error, progress)
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
        output.finish(error)
    }

    /// One HTTP request; returns normally once `done` arrived, throws to end or retry.
    private func attempt(_ request: HTTPRequest, progress: Progress, mayRetry: Bool) async throws {
        let transfer = client.engine.start(request)
        var parser = SSEParser()
        var errorHead: HTTPResponseHead?
        var errorBody: [UInt8] = []
        var sawDone = false
        var eventsThisAttempt = 0
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
                    } else if !sawDone {
                        // After `done` the consumer is finished; the rest of the body is
                        // drained so the connection can be reused.
                        sawDone = try deliver(bytes, parser: &parser, progress: progress, transfer: transfer, mayRetry: mayRetry, count: &eventsThisAttempt)
                    }
                }
            }
        } catch let failure as TransportError {
            let error = ResponseError.error(for: failure, redactor: client.redactor)
            guard failure.requestNeverSent || failure == .cancelled else { throw MayHaveRun(error: error) }
            throw error
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
            // The bot had started (its stream was open): even with nothing shown, asking again
            // could charge twice.
            throw MayHaveRun(error: .incomplete("the stream ended before the bot said it was done"))
        }
    }

    /// Parses and decodes one network read's events and passes them on as one batch; returns
    /// true when the reply is complete. `count` is the number of events this attempt decoded.
    private func deliver(
        _ bytes: [UInt8], parser: inout SSEParser, progress: Progress, transfer: HTTPTransfer, mayRetry: Bool, count: inout Int
    ) throws -> Bool {
        var batch: [PoeEvent] = []
        var complete = false
        defer { if !batch.isEmpty { output.yield(batch) } }
        try parser.feed(bytes) { name, data in
            guard !complete, let event = try PoeEvent.decode(name: name, data: data) else { return }
            count += 1
            if progress.botFailed, event != .done { return }
            switch event {
            case .meta:
                // Meaningful only as an attempt's first event (as fastapi_poe reads it); every
                // attempt sends it, and the consumer hears it once.
                guard count == 1, !progress.metaYielded else { return }
                progress.metaYielded = true
                batch.append(event)
            case .error(let botError) where mayRetry && !progress.outputBegan && botError.allowRetry:
                // Nothing shown yet and the bot allows it: try again rather than fail.
                transfer.cancel()
                throw PoeError.botFailed(botError)
            case .done:
                batch.append(.done)
                output.yield(batch)
                batch = []
                progress.finished = true
                output.finish(nil)
                complete = true
            case .error:
                progress.outputBegan = true
                progress.botFailed = true
                batch.append(event)
            default:
                progress.outputBegan = true
                batch.append(event)
            }
        }
        return complete
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
