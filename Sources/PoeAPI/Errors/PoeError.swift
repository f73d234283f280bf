import Foundation

/// Everything that can go wrong talking to Poe, typed so callers can decide (retry, exit code,
/// status line) and worded so a person can read `description` as it is.
///
/// - Important: No case ever carries the API key; server-provided text is redacted before it is
///   stored here (see `KeyRedactor`).
public enum PoeError: Error, Sendable, Equatable {
    /// 401: the key is wrong, expired or missing.
    case invalidKey(String)
    /// 402: the key owner has no points left.
    case insufficientPoints(String)
    /// 404: no bot by that name (or a wrong endpoint).
    case unknownBot(name: String, message: String)
    /// 429: too many requests; `retryAfter` in seconds when the server said.
    case rateLimited(retryAfter: Double?, message: String)
    /// 5xx: Poe or the model provider failed.
    case server(status: Int, message: String)
    /// Any other non-success HTTP status.
    case http(status: Int, message: String)
    /// Could not connect or the connection broke.
    case network(String)
    /// No connection in time, or the stream went quiet for too long.
    case timeout(String)
    /// The server sent something the protocol does not allow.
    case protocolViolation(String)
    /// The stream ended without a `done` event: the reply may be cut short.
    case incomplete(String)
    /// The caller cancelled the request.
    case cancelled
    /// A file is larger than the upload cap.
    case uploadTooLarge(path: String, size: Int64, limit: Int64)
    /// A file to upload cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The upload endpoint refused the file or answered something unusable.
    case uploadRejected(String)
    /// A file a bot sent could not be fetched: an error status, or an address that is not http(s).
    case downloadFailed(String)
    /// A local file cannot be created or written (a download's destination).
    case unwritableFile(path: String, reason: String)
    /// No API key was configured.
    case missingKey
    /// The bot answered with an `error` event.
    case botFailed(BotErrorEvent)
}

extension PoeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidKey(let message):
            return "Invalid API key: \(message). Check POE_API_KEY (keys are at poe.com/api_key)."
        case .insufficientPoints(let message):
            return "Not enough points: \(message)."
        case .unknownBot(let name, let message):
            return "Unknown bot \"\(name)\": \(message)."
        case .rateLimited(let retryAfter, let message):
            if let retryAfter { return "Rate limited: \(message). Try again in \(Self.seconds(retryAfter))." }
            return "Rate limited: \(message)."
        case .server(let status, let message):
            return "Poe server error (HTTP \(status)): \(message)."
        case .http(let status, let message):
            return "Request failed (HTTP \(status)): \(message)."
        case .network(let message):
            return "Network error: \(message)."
        case .timeout(let message):
            return "Timed out: \(message)."
        case .protocolViolation(let message):
            return "Protocol error: \(message)."
        case .incomplete(let message):
            return "Incomplete reply: \(message)."
        case .cancelled:
            return "Cancelled."
        case .uploadTooLarge(let path, let size, let limit):
            return "\(path) is \(ByteSize.format(size)), over the upload limit of \(ByteSize.format(limit))."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason)."
        case .uploadRejected(let message):
            return "Upload failed: \(message)."
        case .downloadFailed(let message):
            return "Download failed: \(message)."
        case .unwritableFile(let path, let reason):
            return "Cannot write \(path): \(reason)."
        case .botFailed(let event):
            return "The bot reported an error: \(event.text)"
        case .missingKey:
            return "No API key: set POE_API_KEY, or api_key or api_key_command in config.toml (keys are at poe.com/api_key); or try the offline demo with --demo."
        }
    }

    /// Whether sending the same request again may succeed.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .network, .timeout: return true
        case .server(let status, _): return [500, 502, 503, 504, 529].contains(status)
        default: return false
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(String(format: "%.1f", value)) s"
    }
}
