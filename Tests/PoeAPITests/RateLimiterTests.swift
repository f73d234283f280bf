import Testing
@testable import PoeAPI

@Suite("Client-side rate limiter")
struct RateLimiterTests {
    @Test func waitsForAFreeSlotOnceTheBudgetIsSpent() async throws {
        let limiter = RequestRateLimiter(limit: 3, window: .milliseconds(400))
        let start = ContinuousClock.now
        for _ in 0..<3 { try await limiter.acquire() }
        let afterBudget = ContinuousClock.now - start
        try await limiter.acquire()
        let afterWait = ContinuousClock.now - start
        // A lower bound only: the fourth request waited for the first to leave the window.
        #expect(afterWait >= .milliseconds(400))
        #expect(afterBudget < afterWait)
    }

    @Test func sameKeySharesOneLimiter() {
        let a = RequestRateLimiter.shared(forKey: "k1", limit: 10)
        let b = RequestRateLimiter.shared(forKey: "k1", limit: 10)
        let c = RequestRateLimiter.shared(forKey: "k2", limit: 10)
        #expect(a === b)
        #expect(a !== c)
    }
}
