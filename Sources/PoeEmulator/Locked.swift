import Foundation

/// A value behind a lock, for the few pieces of state that synchronous code must reach: the
/// base URL getter, an iterator's `deinit`, and the byte channel between a bot and the socket.
/// Everything else lives in the ``EmulatorState`` actor.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked is safe: `value` is private and only touched inside `withLock`, under `lock`,
    // and Value itself is Sendable, so nothing non-Sendable can escape the critical section.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access. Never suspend or resume continuations inside it:
    /// collect them and act after the lock is released.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
