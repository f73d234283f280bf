/// Reads one attempt's event stream on the transfer's thread as the bytes arrive: parses,
/// decodes, and passes each network read's events on as one batch.
///
/// Reading here, not on the attempt's task, saves a thread wake-up per read: at 200 tokens a
/// second that hand-over was most of the client's CPU. `@unchecked Sendable`: the transfer's
/// thread uses it while the body arrives; the attempt's task reads `sawDone` and `failure`
/// only after the transfer's events have ended, which orders the two (never after a
/// cancellation, when the transfer's thread may still be reading).
final class ReplyBodyReader: InlineBodyReader, @unchecked Sendable {
    private let output: ReplyOutput
    private let progress: ReplyProgress
    /// Whether a bot error that allows it may be retried (this is not the last attempt).
    private let mayRetry: Bool
    private var parser = SSEParser()
    /// Events this attempt decoded.
    private var count = 0
    /// The bot said `done`: the reply is complete. The rest of the body is read and dropped,
    /// so the connection can be reused.
    private(set) var sawDone = false
    /// Why reading stopped early: a broken stream, or a bot error worth asking again for.
    private(set) var failure: (any Error)?

    init(output: ReplyOutput, progress: ReplyProgress, mayRetry: Bool) {
        self.output = output
        self.progress = progress
        self.mayRetry = mayRetry
    }

    func accepts(_ head: HTTPResponseHead) -> Bool {
        head.isSuccess && (head.header("content-type") ?? "").contains("text/event-stream")
    }

    func read(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !sawDone else { return true }
        do {
            sawDone = try deliver(bytes)
            return true
        } catch {
            failure = error
            return false
        }
    }

    /// The body ended before `done`: what the parser still holds is dropped.
    func finish() {
        _ = parser.finish()
    }

    /// Parses and decodes one read's events and passes them on as one batch; true when the
    /// reply is complete.
    private func deliver(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
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
                throw PoeError.botFailed(botError)
            case .done:
                batch.append(.done)
                output.yield(batch)
                batch = []
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
