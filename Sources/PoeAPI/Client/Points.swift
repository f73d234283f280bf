import Foundation

/// One entry of the points history: a query and what it cost.
public struct PointsEntry: Sendable, Equatable, Codable {
    /// When the query ran; Poe sends microseconds since the epoch.
    public var creationTime: Date
    public var botName: String
    public var queryID: String
    public var usageType: String
    public var costPoints: Int
}

/// A page of the points history, newest first.
public struct PointsHistoryPage: Sendable, Equatable {
    public var entries: [PointsEntry]
    public var hasMore: Bool
}

extension PoeClient {
    /// The key owner's current points balance.
    public nonisolated func balance() async throws -> Int {
        struct Balance: Decodable { let current_point_balance: Int }
        let body = try await perform(usageRequest("current_balance"))
        guard let balance = try? JSONDecoder().decode(Balance.self, from: Data(body)) else {
            throw PoeError.protocolViolation("the balance response is not in the expected format")
        }
        return balance.current_point_balance
    }

    /// One page of the points history (at most 30 days back). Pass the last entry's `queryID`
    /// as `startingAfter` to get the next page while `hasMore` is true.
    public nonisolated func pointsHistory(limit: Int = 20, startingAfter: String? = nil) async throws -> PointsHistoryPage {
        var query = "limit=\(min(max(limit, 1), 100))"
        if let startingAfter, let escaped = startingAfter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            query += "&starting_after=\(escaped)"
        }
        let body = try await perform(usageRequest("points_history?\(query)"))
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .array(let rows)? = object["data"] else {
            throw PoeError.protocolViolation("the points history is not in the expected format")
        }
        let entries = rows.compactMap { row -> PointsEntry? in
            guard let queryID = row["query_id"]?.stringValue else { return nil }
            let micros = row["creation_time"]?.doubleValue ?? 0
            return PointsEntry(
                creationTime: Date(timeIntervalSince1970: micros / 1_000_000),
                botName: row["bot_name"]?.stringValue ?? row["app_name"]?.stringValue ?? row["chat_name"]?.stringValue ?? "",
                queryID: queryID,
                usageType: row["usage_type"]?.stringValue ?? "",
                costPoints: row["cost_points"]?.intValue ?? 0
            )
        }
        return PointsHistoryPage(entries: entries, hasMore: object["has_more"]?.boolValue ?? false)
    }

    private nonisolated func usageRequest(_ path: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET",
            url: "\(configuration.trimmedBase)/usage/\(path)",
            headers: headers(authorization: .bearer, accept: "application/json"),
            connectTimeout: configuration.connectTimeout
        )
    }
}
