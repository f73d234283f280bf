/// What a bot writes its events to.
///
/// Every write goes through one ``EventChannel`` as a whole event, so the keep-alive pinger and
/// the bot never interleave bytes. A write after the client has gone throws
/// `CancellationError`, which unwinds the bot at once; that is how a disconnect stops work.
final class BotStream: Sendable {
    private let channel: EventChannel
    private let lastWrite = Locked(ContinuousClock.now)
    /// Idle time before a ping; `.zero` or less disables pings.
    let pingInterval: Duration

    init(channel: EventChannel, pingInterval: Duration) {
        self.channel = channel
        self.pingInterval = pingInterval
    }

    func send(_ event: SSEEvent) async throws {
        try await send(bytes: event.bytes)
    }

    /// Sends several events in one write, so they reach the socket together.
    func send(_ events: [SSEEvent]) async throws {
        var bytes: [UInt8] = []
        for event in events { event.append(to: &bytes) }
        try await send(bytes: bytes)
    }

    /// Sends pre-encoded event bytes (see ``SSEEvent/appendText(_:to:)``).
    func send(bytes: [UInt8]) async throws {
        try Task.checkCancellation()
        lastWrite.withLock { $0 = .now }
        guard await channel.write(bytes) else { throw CancellationError() }
        lastWrite.withLock { $0 = .now }
    }

    /// Sends `text` as `text` events of at most `size` characters each. Splitting by Character
    /// keeps emoji and CJK whole within an event while still spreading a reply over several.
    func sendText(_ text: String, piecesOf size: Int) async throws {
        for piece in Self.pieces(of: text, size: size) {
            try await send(.text(piece))
        }
    }

    /// Sleeps, but wakes with `CancellationError` when the client goes away.
    func pause(_ duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }

    /// Sends a `: ping` comment whenever nothing was written for ``pingInterval``.
    /// Runs until its task is cancelled.
    func keepAlive() async {
        guard pingInterval > .zero else { return }
        while !Task.isCancelled {
            let deadline = lastWrite.withLock { $0 } + pingInterval
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                return
            }
            let idle = ContinuousClock.now - lastWrite.withLock { $0 }
            if idle >= pingInterval {
                guard !Task.isCancelled, await channel.write(SSEEvent.ping()) else { return }
                lastWrite.withLock { $0 = .now }
            }
        }
    }

    static func pieces(of text: String, size: Int) -> [String] {
        guard !text.isEmpty else { return [""] }
        var pieces: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
            pieces.append(String(text[index..<end]))
            index = end
        }
        return pieces
    }
}
