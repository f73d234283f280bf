/// Per-key request limiting over a sliding 60-second window, as Poe documents it
/// (500 requests a minute per user, then 429 with `Retry-After`).
///
/// A refused request is not counted: Poe says a rate-limited request is not processed.
struct RateLimiter: Sendable {
    /// Requests allowed per key in any 60-second window; 0 or less turns limiting off.
    let limit: Int
    let window: Duration = .seconds(60)
    private var hits: [String: [ContinuousClock.Instant]] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one request for `key` if a slot is free.
    /// - Returns: nil when admitted, else the whole seconds until a slot frees (at least 1),
    ///   the value for `Retry-After`.
    mutating func admit(key: String, now: ContinuousClock.Instant) -> Int? {
        guard limit > 0 else { return nil }
        var times = hits[key, default: []]
        times.removeAll { now - $0 >= window }
        defer { hits[key] = times }
        guard times.count >= limit else {
            times.append(now)
            return nil
        }
        // The oldest hit in the window leaves it first; a slot frees when it does.
        let wait = times[0] + window - now
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        return max(1, Int(seconds.rounded(.up)))
    }
}
