import Foundation

/// The point balance and the history of charged queries, shared by every key.
///
/// Poe charges a query when the bot finishes it; the usage API lists charges newest first and
/// pages with `starting_after=<query_id>`. The emulator keeps one balance for all keys, which is
/// what a single-user client sees.
struct PointsLedger: Sendable {
    struct Entry: Sendable, Equatable {
        /// Microseconds since the epoch, like Poe's `creation_time`.
        let creationTime: Int64
        let botName: String
        let queryID: String
        let costPoints: Int
    }

    private(set) var balance: Int
    /// Oldest first.
    private(set) var entries: [Entry] = []
    private var issued = 0

    init(balance: Int) {
        self.balance = balance
    }

    /// Deducts `points` for a finished query and records it.
    /// - Returns: the new query's id.
    @discardableResult
    mutating func charge(bot: String, points: Int, at date: Date = Date()) -> String {
        issued += 1
        let queryID = Self.queryID(issued)
        var micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        // Keep creation times strictly increasing so newest-first order is unambiguous.
        if let last = entries.last, micros <= last.creationTime { micros = last.creationTime + 1 }
        balance -= points
        entries.append(Entry(creationTime: micros, botName: bot, queryID: queryID, costPoints: points))
        return queryID
    }

    /// One page of history, newest first: up to `limit` entries older than `startingAfter`
    /// (or from the newest when nil). An unknown `startingAfter` gives an empty last page.
    func page(limit: Int, startingAfter: String?) -> (entries: [Entry], hasMore: Bool) {
        let newestFirst = Array(entries.reversed())
        var start = 0
        if let startingAfter {
            guard let index = newestFirst.firstIndex(where: { $0.queryID == startingAfter }) else {
                return ([], false)
            }
            start = index + 1
        }
        let end = min(newestFirst.count, start + limit)
        return (Array(newestFirst[start..<end]), end < newestFirst.count)
    }

    /// Ids shaped like Poe's (`ltol8bhnkya9ak3twt`: 18 lowercase letters and digits), made from a
    /// counter so that runs are reproducible.
    static func queryID(_ number: Int) -> String {
        let digits = String(number, radix: 36)
        return "emu" + String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }
}
