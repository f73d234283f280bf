/// The byte pipe between a bot task (the writer) and FlyingFox's socket loop (the reader).
///
/// Why not `AsyncStream`: the emulator must notice a vanished client promptly, and breaking out
/// of an `AsyncStream` does not fire `onTermination` while the stream is still referenced. Here
/// the reader side is held by a lease whose `deinit` cancels the channel, and FlyingFox drops
/// the iterator as soon as a socket write fails, so a disconnect stops the bot at the next write.
///
/// Writes are bounded: once `highWater` bytes wait unread, the writer suspends until the
/// socket catches up, so a bot streaming at full speed never buffers a whole reply in memory.
final class EventChannel: Sendable {
    private struct State: Sendable {
        var buffer: [UInt8] = []
        var finished = false
        var cancelled = false
        var reader: CheckedContinuation<[UInt8]?, Never>?
        var readerLimit = Int.max
        var blockedWriters: [CheckedContinuation<Void, Never>] = []
        var onCancel: (@Sendable () -> Void)?
    }

    /// Bytes that may wait unread before a writer is suspended.
    let highWater: Int
    private let state = Locked(State())

    init(highWater: Int = 64 * 1024) {
        self.highWater = highWater
    }

    /// True once the reader is gone (client disconnected or server stopping).
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `handler` when the channel is cancelled, at once if it already is.
    func setOnCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.onCancel = handler
            return false
        }
        if runNow { handler() }
    }

    /// Queues `bytes` for the socket; suspends while the unread backlog is over `highWater`.
    /// - Returns: false if the reader is gone, so the caller should stop producing.
    @discardableResult
    func write(_ bytes: [UInt8]) async -> Bool {
        guard !bytes.isEmpty else { return !isCancelled }
        enum Step { case closed, handedOver(CheckedContinuation<[UInt8]?, Never>, [UInt8]), queued(Bool) }
        let step = state.withLock { state -> Step in
            if state.cancelled || state.finished { return .closed }
            if let reader = state.reader {
                state.reader = nil
                guard bytes.count > state.readerLimit else { return .handedOver(reader, bytes) }
                state.buffer.append(contentsOf: bytes[state.readerLimit...])
                return .handedOver(reader, Array(bytes[..<state.readerLimit]))
            }
            state.buffer.append(contentsOf: bytes)
            return .queued(state.buffer.count > highWater)
        }
        switch step {
        case .closed:
            return false
        case .handedOver(let reader, let chunk):
            reader.resume(returning: chunk)
            return true
        case .queued(let mustWait):
            if mustWait {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.cancelled || state.buffer.count <= highWater { return true }
                        state.blockedWriters.append(continuation)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            return !isCancelled
        }
    }

    /// Marks the end of the body; the reader gets the remaining bytes, then nil.
    func finish() {
        let reader = state.withLock { state -> CheckedContinuation<[UInt8]?, Never>? in
            state.finished = true
            defer { state.reader = nil }
            return state.buffer.isEmpty ? state.reader : nil
        }
        reader?.resume(returning: nil)
    }

    /// Tears the channel down from the reader's side: wakes everyone and runs the cancel handler.
    func cancel() {
        typealias Wakeups = (
            reader: CheckedContinuation<[UInt8]?, Never>?, writers: [CheckedContinuation<Void, Never>],
            handler: (@Sendable () -> Void)?
        )
        let wakeups = state.withLock { state -> Wakeups in
            if state.cancelled { return (nil, [], nil) }
            state.cancelled = true
            state.buffer = []
            defer {
                state.reader = nil
                state.blockedWriters = []
                state.onCancel = nil
            }
            return (state.reader, state.blockedWriters, state.onCancel)
        }
        wakeups.reader?.resume(returning: nil)
        for writer in wakeups.writers { writer.resume() }
        wakeups.handler?()
    }

    /// Waits for the next bytes: everything queued, up to `limit`. Nil at the end of the body.
    /// Cancelling the calling task cancels the channel.
    func read(limit: Int) async -> [UInt8]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8]?, Never>) in
                enum Step { case give([UInt8]?, [CheckedContinuation<Void, Never>]), wait }
                let step = state.withLock { state -> Step in
                    if state.cancelled { return .give(nil, []) }
                    if !state.buffer.isEmpty {
                        let chunk: [UInt8]
                        if state.buffer.count <= limit {
                            chunk = state.buffer
                            state.buffer = []
                        } else {
                            chunk = Array(state.buffer[..<limit])
                            state.buffer.removeFirst(limit)
                        }
                        var writers: [CheckedContinuation<Void, Never>] = []
                        if state.buffer.count <= highWater {
                            writers = state.blockedWriters
                            state.blockedWriters = []
                        }
                        return .give(chunk, writers)
                    }
                    if state.finished { return .give(nil, []) }
                    state.reader = continuation
                    state.readerLimit = max(1, limit)
                    return .wait
                }
                if case .give(let chunk, let writers) = step {
                    continuation.resume(returning: chunk)
                    for writer in writers { writer.resume() }
                }
            }
        } onCancel: {
            cancel()
        }
    }
}
