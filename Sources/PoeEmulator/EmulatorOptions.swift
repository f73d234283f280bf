/// How a ``PoeEmulator`` behaves. The defaults match what Poe documents for the live service.
public struct EmulatorOptions: Sendable {
    /// TCP port on 127.0.0.1; 0 picks any free port (read it back from ``PoeEmulator/baseURL``).
    public var port: UInt16 = 0
    /// The one API key accepted; nil accepts any non-empty key.
    public var key: String? = nil
    /// Requests per key in any 60 s window (bot queries, uploads, usage calls); 0 turns it off.
    public var rateLimitPerMinute: Int = 500
    /// Time between `: ping` comments while a bot waits (Slow's delay, Stream's interval);
    /// `.zero` sends none.
    public var pingInterval: Duration = .seconds(15)
    /// Points available before the first query; queries are refused with 402 below their cost.
    public var startingBalance: Int = 1_000_000
    /// Largest uploaded file accepted; a larger one is answered 413.
    public var maxUploadBytes: Int = 50 * 1024 * 1024

    public init() {}
}
