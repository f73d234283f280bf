import Foundation

/// The one way poe-tui talks to Poe: bot replies as typed event streams, uploads, the bot
/// catalog and points, all over the shared curl engine.
///
/// Every request carries `User-Agent: poe-tui/<version>` and, when configured, the leaderboard
/// headers; every request waits its turn in the key's rate limiter.
public actor PoeClient {
    public nonisolated let configuration: PoeConfiguration
    nonisolated let engine: CurlEngine
    nonisolated let limiter: RequestRateLimiter
    nonisolated let redactor: KeyRedactor

    public init(configuration: PoeConfiguration) {
        self.configuration = configuration
        self.engine = .shared
        self.limiter = RequestRateLimiter.shared(forKey: configuration.apiKey, limit: configuration.requestsPerMinute)
        self.redactor = KeyRedactor(key: configuration.apiKey)
    }

    /// Streams a bot's reply to `messages` (the conversation so far, oldest first).
    /// `parameters`, when given, are set on the last user message.
    ///
    /// - Important: Call `cancel()` on the result to stop it; breaking out of a loop over
    ///   `events` alone does not stop the transfer.
    public nonisolated func stream(
        bot: String,
        messages: [ProtocolMessage],
        parameters: [String: JSONValue] = [:],
        onRetry: (@Sendable (RetryNotice) -> Void)? = nil
    ) -> ReplyStream {
        ReplyStream(client: self, bot: bot, query: Self.query(messages, parameters: parameters), onRetry: onRetry)
    }

    /// The same reply as `stream`, with each batch of events handed to `handler` on the
    /// curl thread as it is read (see `ReplyRun`). The handler must be quick: every transfer
    /// waits for it.
    public nonisolated func stream(
        bot: String,
        messages: [ProtocolMessage],
        parameters: [String: JSONValue] = [:],
        onRetry: (@Sendable (RetryNotice) -> Void)? = nil,
        handler: @escaping @Sendable ([PoeEvent]) -> Void
    ) -> ReplyRun {
        ReplyRun(client: self, bot: bot, query: Self.query(messages, parameters: parameters), onRetry: onRetry, handler: handler)
    }

    /// The messages as sent: the parameters go with the last user message.
    private nonisolated static func query(_ messages: [ProtocolMessage], parameters: [String: JSONValue]) -> [ProtocolMessage] {
        var query = messages
        if !parameters.isEmpty, let last = query.lastIndex(where: { $0.role == .user }) {
            query[last].parameters.merge(parameters) { _, new in new }
        }
        return query
    }

    // MARK: Shared request plumbing

    /// The headers every request carries, with the key in the form the endpoint wants.
    nonisolated func headers(authorization: Authorization, accept: String, contentType: String? = nil) -> [HTTPHeader] {
        var headers = [HTTPHeader(name: "User-Agent", value: configuration.userAgent), HTTPHeader(name: "Accept", value: accept)]
        switch authorization {
        case .bearer: headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(configuration.apiKey)"))
        case .rawKey: headers.append(HTTPHeader(name: "Authorization", value: configuration.apiKey))
        }
        if let contentType { headers.append(HTTPHeader(name: "Content-Type", value: contentType)) }
        if let referer = configuration.referer { headers.append(HTTPHeader(name: "HTTP-Referer", value: referer)) }
        if let title = configuration.title { headers.append(HTTPHeader(name: "X-Title", value: title)) }
        return headers
    }

    enum Authorization { case bearer, rawKey }

    /// Performs a request that answers one whole body (catalog, points, upload), retrying
    /// transient failures by the retry policy. Returns the body of a 2xx response.
    nonisolated func perform(
        _ request: HTTPRequest,
        bot: String? = nil,
        onUploadProgress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws -> [UInt8] {
        guard !configuration.apiKey.isEmpty else { throw PoeError.missingKey }
        var retry = 0
        while true {
            do {
                try await limiter.acquire()
                return try await performOnce(request, bot: bot, onUploadProgress: onUploadProgress)
            } catch let error as PoeError {
                retry += 1
                guard error.isTransient,
                      let wait = configuration.retryPolicy.delay(beforeRetry: retry, retryAfter: error.retryAfter) else { throw error }
                try await Task.sleep(for: wait)
            } catch is CancellationError {
                throw PoeError.cancelled
            }
        }
    }

    private nonisolated func performOnce(
        _ request: HTTPRequest,
        bot: String?,
        onUploadProgress: (@Sendable (Int64, Int64) -> Void)?
    ) async throws -> [UInt8] {
        let transfer = engine.start(request)
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        do {
            for try await event in transfer.events {
                switch event {
                case .uploadProgress(let sent, let total): onUploadProgress?(sent, total)
                case .head(let responseHead): head = responseHead
                case .body(let bytes): body.append(contentsOf: bytes)
                }
            }
        } catch let failure as TransportError {
            throw ResponseError.error(for: failure, redactor: redactor)
        }
        try Task.checkCancellation()
        guard let head else { throw PoeError.protocolViolation("the server sent no response") }
        guard head.isSuccess else { throw ResponseError.error(for: head, body: body, bot: bot, redactor: redactor) }
        return body
    }
}

extension PoeClient {
    /// The raw bytes of a bot's reply stream, counted and dropped: the transport's share of
    /// `stream`'s cost, for the benchmark tool.
    public nonisolated func benchmarkRawStreamBytes(bot: String, messages: [ProtocolMessage]) async throws -> Int {
        let request = HTTPRequest(
            method: "POST", url: configuration.botURL(bot),
            headers: headers(authorization: .bearer, accept: "text/event-stream", contentType: "application/json"),
            body: .bytes(try QueryRequest(query: messages).jsonBody())
        )
        var total = 0
        for try await event in engine.start(request).events {
            if case .body(let bytes) = event { total += bytes.count }
        }
        return total
    }
}

/// Told to the caller of `stream` before each retry.
public struct RetryNotice: Sendable {
    public var retry: Int
    public var delay: Duration
    public var reason: PoeError
}

extension PoeError {
    /// The server's `Retry-After`, in seconds.
    var retryAfter: Double? {
        if case .rateLimited(let seconds, _) = self { return seconds }
        return nil
    }
}
