#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The file a download writes into: created new (never an existing file), written in arrival
/// order on a queue of its own, so no disk write blocks the curl engine's thread or one of
/// Swift's two cooperative threads.
final class DownloadFile: Sendable {
    let path: String
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "poe-tui download")
    private let state = Mutex(State())

    private struct State {
        /// The first write error; writes after it are dropped.
        var failure: PoeError?
        var open = true
    }

    /// Creates `path`, which must not exist (`O_EXCL`: an existing file or link is refused).
    init(creating path: String) throws(PoeError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .unwritableFile(path: path, reason: Self.reason(errno)) }
        self.path = path
        self.descriptor = descriptor
    }

    /// Queues `bytes` after what came before; throws the first write error met so far.
    func append(_ bytes: [UInt8]) throws(PoeError) {
        if let failure = state.withLock({ $0.failure }) { throw failure }
        queue.async { self.store(bytes) }
    }

    /// Waits for the queued writes, then closes the file; throws if a write or the close failed.
    func finish() async throws(PoeError) {
        let error = await onQueue { () -> PoeError? in
            let closed = self.closeOnce()
            let failure = self.state.withLock { $0.failure }
            if failure == nil, !closed { return .unwritableFile(path: self.path, reason: Self.reason(errno)) }
            return failure
        }
        if let error { throw error }
    }

    /// Waits for the queued writes, then closes and removes the file: nothing half-written stays.
    func discard() async {
        await onQueue {
            _ = self.closeOnce()
            unlink(self.path)
        }
    }

    /// Closes the descriptor unless closed already (its number may belong to another file
    /// by then); true when it is closed without error.
    private func closeOnce() -> Bool {
        guard state.withLock({ state in defer { state.open = false }; return state.open }) else { return true }
        return close(descriptor) == 0
    }

    private func store(_ bytes: [UInt8]) {
        guard state.withLock({ $0.failure == nil && $0.open }) else { return }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = PoeError.unwritableFile(path: path, reason: Self.reason(errno))
                state.withLock { $0.failure = $0.failure ?? error }
                return
            }
            written += count
        }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// `strerror`, as a person reads it: "No space left on device".
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
