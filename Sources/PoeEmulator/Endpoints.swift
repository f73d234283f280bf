import FlyingFox
import Foundation

/// The emulator's endpoints and what they share: options, state, bots and the base URL.
/// Each endpoint lives in an extension in its own file; this one holds authentication and the
/// small read-only endpoints.
struct Endpoints: Sendable {
    let options: EmulatorOptions
    let state: EmulatorState
    let catalog: BotCatalog
    /// Set once the server listens (the port is unknown before with port 0).
    let address: Locked<String>

    static let avatarFileID = "avatar"
    static let avatarPath = "/files/avatar/artist.png"

    var baseURL: String { address.withLock { $0 } }

    // MARK: Authentication

    /// True for a key the emulator accepts: any non-empty one, or exactly the configured one.
    func accepts(key: String) -> Bool {
        !key.isEmpty && (options.key == nil || key == options.key)
    }

    /// The key from `Authorization: Bearer <key>`, as the bot and usage APIs require.
    /// fastapi_poe's server also insists on exactly the `Bearer` scheme.
    func bearerKey(of request: HTTPRequest) throws(APIError) -> String {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw .invalidKey
        }
        let key = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard accepts(key: key) else { throw .invalidKey }
        return key
    }

    /// Counts a request against `key`'s rate limit, throwing 429 with `Retry-After` when full.
    func admit(key: String) async throws(APIError) {
        if let retryAfter = await state.admit(key: key) {
            throw .rateLimited(retryAfter: retryAfter)
        }
    }

    // MARK: Small endpoints

    /// `GET /v1/models`: no key needed, as Poe documents.
    func models() async -> HTTPResponse {
        var response = HTTPReplies.json(catalog.modelsJSON(baseURL: baseURL, avatarPath: Self.avatarPath))
        response.headers[.contentType] = "application/json; charset=utf-8"
        return response
    }

    /// `GET /files/<id>/<name>`: uploads and bot pictures; the name is decorative.
    func file(id: String) async throws(APIError) -> HTTPResponse {
        guard let file = await state.file(id: id) else { throw .notFound("File '\(id)' does not exist") }
        return HTTPReplies.file(file)
    }

    /// `GET /usage/current_balance` → `{"current_point_balance": N}`.
    func currentBalance(request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let key = try bearerKey(of: request)
        try await admit(key: key)
        return HTTPReplies.json(.object(["current_point_balance": .int(await state.balance)]))
    }

    /// `GET /usage/points_history?limit=L&starting_after=QID`: newest first, 1 ≤ L ≤ 100
    /// (default 20), paged by the last `query_id` seen while `has_more` is true.
    func pointsHistory(request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let key = try bearerKey(of: request)
        try await admit(key: key)
        var limit = 20
        if let text = request.query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw .invalidRequest("limit must be an integer from 1 to 100")
            }
            limit = value
        }
        let startingAfter = request.query["starting_after"].flatMap { $0.isEmpty ? nil : $0 }
        let page = await state.pointsHistory(limit: limit, startingAfter: startingAfter)
        let data = page.entries.map { entry -> JSONValue in
            .object([
                "creation_time": .int(Int(entry.creationTime)),
                "bot_name": .string(entry.botName),
                "query_id": .string(entry.queryID),
                "usage_type": "API",
                "cost_points": .int(entry.costPoints),
            ])
        }
        return HTTPReplies.json(
            .object(["has_more": .bool(page.hasMore), "length": .int(data.count), "data": .array(data)]))
    }
}
