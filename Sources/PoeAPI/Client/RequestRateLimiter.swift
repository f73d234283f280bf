import Synchronization

/// Keeps one key's requests under a per-minute budget by making callers wait for a free slot
/// (a sliding window), instead of letting Poe answer 429.
actor RequestRateLimiter {
    private let limit: Int
    private let window: Duration
    private var sent: [ContinuousClock.Instant] = []

    init(limit: Int, window: Duration = .seconds(60)) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// Returns once a request may be sent, and counts it.
    func acquire() async throws {
        while true {
            let now = ContinuousClock.now
            sent.removeAll { now - $0 >= window }
            if sent.count < limit {
                sent.append(now)
                return
            }
            try await Task.sleep(until: sent[0] + window, clock: .continuous)
        }
    }

    private static let registry = Mutex<[String: RequestRateLimiter]>([:])

    /// The limiter shared by every client of this process using `key`, so two clients cannot
    /// together exceed the key's budget.
    static func shared(forKey key: String, limit: Int) -> RequestRateLimiter {
        registry.withLock { limiters in
            let id = "\(limit):\(key)"
            if let limiter = limiters[id] { return limiter }
            let limiter = RequestRateLimiter(limit: limit)
            limiters[id] = limiter
            return limiter
        }
    }
}
