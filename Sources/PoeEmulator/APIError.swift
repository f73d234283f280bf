/// An error answered as HTTP status plus Poe's JSON error body,
/// `{"error": {"message": ..., "type": ...}}`, the shape documented for `/v1` and `/usage`.
///
/// The real `/bot/<name>` error bodies are undocumented; the emulator uses the same shape there
/// so a client has one error format to parse.
struct APIError: Error, Sendable, Equatable {
    let status: Int
    let type: String
    let message: String
    /// Seconds for a `Retry-After` header (429, 503).
    var retryAfter: Int? = nil

    static func invalidRequest(_ message: String) -> APIError {
        APIError(status: 400, type: "invalid_request_error", message: message)
    }

    static let invalidKey = APIError(status: 401, type: "authentication_error", message: "Invalid API key")

    static func notFound(_ message: String) -> APIError {
        APIError(status: 404, type: "not_found_error", message: message)
    }

    static func rateLimited(retryAfter: Int) -> APIError {
        APIError(status: 429, type: "rate_limit_error", message: "Rate limit exceeded", retryAfter: retryAfter)
    }

    static func tooLarge(_ message: String) -> APIError {
        APIError(status: 413, type: "request_too_large", message: message)
    }

    /// The error type Poe's docs give for a status (errors page), for errors made up by status.
    static func type(forStatus status: Int) -> String {
        switch status {
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 402: "insufficient_credits"
        case 403: "moderation_error"
        case 404: "not_found_error"
        case 408: "timeout_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 500: "provider_error"
        case 502: "upstream_error"
        case 503, 529: "overloaded_error"
        case 400..<500: "invalid_request_error"
        default: "provider_error"
        }
    }

    /// The JSON body, keys in the documented order.
    var body: JSONValue {
        .object(["error": .object(["message": .string(message), "type": .string(type)])])
    }
}
