import FlyingFox
import FlyingSocks

#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox's socket pool, with Nagle's algorithm turned off on every socket it waits on.
///
/// FlyingFox writes a response's headers and each body chunk separately and exposes no hook for
/// socket options. With Nagle on, a small write behind an unacknowledged one waits for the
/// peer's delayed ACK: streams stalled 20-40 ms at a time (a 1 MB reply took 55 ms instead of
/// 15). Real Poe servers send events as they are produced; so must the emulator. Every
/// connection waits in the pool to read its request before anything is written to it, so the
/// option is set in time.
struct NoDelaySocketPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Setting it again on a socket that has it costs one syscall per wait: cheap next to
        // the wait itself. A listening socket refuses it harmlessly.
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
