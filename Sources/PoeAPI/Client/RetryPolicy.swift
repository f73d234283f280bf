/// When and how long to wait before sending a failed request again.
///
/// Exponential backoff with jitter from 250 ms, as Poe's documentation advises, and the server's
/// `Retry-After` when it gives one. A reply is retried only before any of its output arrived, and
/// only when Poe cannot have run the query (see `ReplyAttempts`).
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt; 0 disables retrying.
    public var maxRetries = 3
    public var initialDelay: Duration = .milliseconds(250)
    public var maxDelay: Duration = .seconds(8)
    /// A `Retry-After` longer than this is not waited for: the error goes to the user instead.
    public var maxRetryAfter: Duration = .seconds(30)

    public init() {}

    /// The wait before retry number `retry` (1-based), or nil when the request should not be
    /// retried. `random` in 0..<1 picks the jitter.
    func delay(beforeRetry retry: Int, retryAfter: Double?, random: Double = Double.random(in: 0..<1)) -> Duration? {
        guard retry <= maxRetries else { return nil }
        if let retryAfter {
            let wait = Duration.milliseconds(Int((retryAfter * 1000).rounded(.up)))
            return wait <= maxRetryAfter ? max(wait, initialDelay) : nil
        }
        let exponential = initialDelay * (1 << min(retry - 1, 20))
        let capped = min(exponential, maxDelay)
        // "Equal jitter": half fixed, half random, so waits never collapse to zero.
        return capped / 2 + (capped / 2) * random
    }
}
