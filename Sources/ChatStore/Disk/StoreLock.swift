#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An advisory `flock(2)` on a file under the store's root.
///
/// `flock` locks belong to the open file description, so two stores in one process (each with
/// its own descriptor) exclude each other exactly as two processes do; tests rely on that.
/// Threads of one store share a descriptor, where a second `LOCK_EX` would succeed at once and
/// its unlock would free the first holder's lock, so a mutex is held around every hold as well.
/// - Important: not re-entrant: a nested `withExclusive` on one thread deadlocks (by design, a
///   nested flock would silently drop the outer hold).
final class StoreLock: Sendable {
    /// The descriptor, -1 once closed; the mutex is held for as long as the flock is.
    private let descriptor: Mutex<Int32>
    let path: String

    init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystem.failure(path, "cannot open lock file") }
        self.path = path
        descriptor = Mutex(fd)
    }

    deinit {
        close()
    }

    /// Runs `body` while holding the lock exclusively, waiting for other holders.
    func withExclusive<T: Sendable>(_ body: () throws -> T) throws -> T {
        try descriptor.withLock { fd throws -> T in
            try Self.lock(fd, LOCK_EX, path: path)
            defer { _ = flock(fd, LOCK_UN) }
            return try body()
        }
    }

    /// Takes the lock exclusively if nobody holds it at all; `false` at once otherwise.
    /// `tryExclusive`, asking again for up to `patience`: a child process between `fork` and
    /// `exec` briefly holds copies of every descriptor, close-on-exec ones included, so a lock
    /// that looks taken for a moment may be no store at all. A store that is really open holds
    /// it for as long as it runs.
    func tryExclusive(patience: Duration) throws -> Bool {
        let deadline = ContinuousClock.now + patience
        while true {
            if try tryExclusive() { return true }
            if ContinuousClock.now >= deadline { return false }
            usleep(5_000)
        }
    }

    func tryExclusive() throws -> Bool {
        try descriptor.withLock { fd in
            do {
                try Self.lock(fd, LOCK_EX | LOCK_NB, path: path)
                return true
            } catch is LockBusy {
                return false
            }
        }
    }

    /// Holds the lock shared (converting an exclusive hold) until `close`.
    func holdShared() throws {
        try descriptor.withLock { fd in try Self.lock(fd, LOCK_SH, path: path) }
    }

    /// Releases the lock and the descriptor; later calls throw `ChatStoreError.closed`.
    func close() {
        descriptor.withLock { fd in
            if fd >= 0 {
                _ = systemClose(fd)
                fd = -1
            }
        }
    }

    private struct LockBusy: Error {}

    private static func lock(_ fd: Int32, _ operation: Int32, path: String) throws {
        guard fd >= 0 else { throw ChatStoreError.closed }
        while flock(fd, operation) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { throw LockBusy() }
            throw FileSystem.failure(path, "cannot lock")
        }
    }
}

/// `close(2)`, out of reach of `StoreLock.close()` by name.
private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
