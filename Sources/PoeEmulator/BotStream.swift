/// What a bot writes its events to.
///
/// Every write goes through one ``EventChannel`` as a whole event. A write after the client has
/// gone throws `CancellationError`, which unwinds the bot at once; that is how a disconnect
/// stops work.
///
/// Keep-alive pings come from the bot's own waits (``pause(_:)``), the only time an emulated bot
/// is silent, rather than from a timer racing the bot: so a stream's events, pings included,
/// are the same on a busy machine as on an idle one.
final class BotStream: Sendable {
    private let channel: EventChannel
    /// Time between pings while the bot waits; `.zero` or less disables pings.
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
        guard await channel.write(bytes) else { throw CancellationError() }
    }

    /// Sends `text` as `text` events of at most `size` characters each. Splitting by Character
    /// keeps emoji and CJK whole within an event while still spreading a reply over several.
    func sendText(_ text: String, piecesOf size: Int) async throws {
        for piece in Self.pieces(of: text, size: size) {
            try await send(.text(piece))
        }
    }

    /// Waits `duration`, sending a `: ping` comment at every ``pingInterval`` within it, as a
    /// server keeps a thinking bot's stream alive; wakes with `CancellationError` when the
    /// client goes away.
    ///
    /// The pings are counted in steps of the wait, against deadlines from its start: one for
    /// each whole interval that ends before the wait does (400 ms at 50 ms sends 7), however
    /// late the machine's load wakes the task. A late step sends its ping late, never twice.
    func pause(_ duration: Duration) async throws {
        guard duration > .zero else { return }
        let start = ContinuousClock.now
        if pingInterval > .zero {
            var step = pingInterval
            while step < duration {
                try await Task.sleep(until: start + step, clock: .continuous)
                try await send(bytes: SSEEvent.ping())
                step += pingInterval
            }
        }
        try await Task.sleep(until: start + duration, clock: .continuous)
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
