import Foundation

/// A bot the emulator can answer as, and what `/v1/models` says about it.
///
/// A bot decides everything that changes the HTTP status (bad parameters, Fail's `status`)
/// in ``plan(for:context:)``, before any byte is sent, and only then streams; that mirrors a
/// real server, where the status line is gone once the first event is out.
protocol EmulatedBot: Sendable {
    var info: BotInfo { get }
    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan
}

/// The catalog entry of a bot.
struct BotInfo: Sendable {
    /// Display name; requests match it case-insensitively.
    let name: String
    /// Points charged for each query that ends with `done` and no `error` event.
    let points: Int
    let summary: String
    var inputModalities: [String] = ["text"]
    var outputModalities: [String] = ["text"]
    var parameters: [BotParameterSpec] = []

    /// The description `/v1/models` shows: the summary plus the price, so a human sees both.
    var description: String { "\(summary) Costs \(points) points per message." }
}

/// One custom parameter, as listed in `/v1/models` → `parameters[]`.
struct BotParameterSpec: Sendable {
    enum Kind: String, Sendable { case integer, boolean, string }
    let name: String
    let kind: Kind
    var minimum: Int? = nil
    var maximum: Int? = nil
    var defaultValue: JSONValue = .null
    let description: String

    var json: JSONValue {
        var schema: JSONObject = ["type": .string(kind.rawValue)]
        if let minimum { schema["minimum"] = .int(minimum) }
        if let maximum { schema["maximum"] = .int(maximum) }
        return .object([
            "name": .string(name),
            "schema": .object(schema),
            "default_value": defaultValue,
            "description": .string(description),
        ])
    }
}

/// What a bot needs besides the query.
struct BotContext: Sendable {
    /// `http://127.0.0.1:PORT`, for URLs of files the bot creates.
    let baseURL: String
    let state: EmulatorState
    /// The emulator's default time between pings while a bot waits.
    let pingInterval: Duration
}

/// How a request is answered.
enum BotPlan: Sendable {
    /// An HTTP error with a JSON body instead of a stream (Fail's `status`).
    case httpError(APIError)
    /// A 200 event stream: `meta`, then whatever `run` writes, then `done` unless it dropped.
    case stream(StreamPlan)
}

struct StreamPlan: Sendable {
    /// The `suggested_replies` flag in `meta`.
    var suggestedReplies = false
    /// Time between pings while this stream's bot waits; nil uses the emulator's option.
    var pingInterval: Duration? = nil
    /// Writes the events between `meta` and `done`.
    let run: @Sendable (BotStream) async throws -> StreamOutcome
}

/// How a stream ended, which decides the tail and the charge.
enum StreamOutcome: Sendable {
    /// Answered: `done` follows and the bot's points are charged.
    case completed
    /// An `error` event was sent: `done` follows, nothing is charged.
    case failed
    /// The body just ends, with neither `error` nor `done`; nothing is charged.
    case dropped
}

/// Typed access to a bot's custom parameters, with a 400 for values of the wrong type.
///
/// Clients may send numbers as JSON numbers or as strings (a UI text field), so both are
/// accepted; anything else is rejected by name so the mistake is visible.
struct BotParameters: Sendable {
    let values: JSONObject

    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let value = values[name], !value.isNull else { return fallback }
        let number: Int?
        switch value {
        case .int(let int): number = int
        case .double(let double) where double.rounded() == double && abs(double) < 1e15: number = Int(double)
        case .string(let text): number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number else { throw .invalidRequest("Parameter '\(name)' must be an integer") }
        guard range.contains(number) else {
            throw .invalidRequest(
                "Parameter '\(name)' must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func optionalInt(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = values[name], !value.isNull else { return nil }
        return try int(name, default: 0, in: range)
    }

    func bool(_ name: String, default fallback: Bool) throws(APIError) -> Bool {
        guard let value = values[name], !value.isNull else { return fallback }
        switch value {
        case .bool(let flag): return flag
        case .int(0): return false
        case .int(1): return true
        case .string(let text) where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default: throw .invalidRequest("Parameter '\(name)' must be a boolean")
        }
    }

    func string(_ name: String) throws(APIError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .invalidRequest("Parameter '\(name)' must be a string") }
        return text
    }
}
