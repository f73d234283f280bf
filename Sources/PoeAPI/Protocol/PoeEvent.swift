import Foundation

/// What a bot's first event says about the reply.
public struct ReplyMeta: Sendable, Equatable, Codable {
    public var contentType: String
    public var linkify: Bool
    public var suggestedReplies: Bool

    public init(contentType: String = "text/markdown", linkify: Bool = true, suggestedReplies: Bool = false) {
        self.contentType = contentType
        self.linkify = linkify
        self.suggestedReplies = suggestedReplies
    }
}

/// An `error` event: the bot failed while answering.
public struct BotErrorEvent: Sendable, Equatable {
    public var text: String
    /// fastapi_poe treats a missing `allow_retry` as true.
    public var allowRetry: Bool
    /// e.g. `user_message_too_long`, `insufficient_fund`, `user_caused_error`.
    public var errorType: String?

    public init(text: String, allowRetry: Bool = true, errorType: String? = nil) {
        self.text = text
        self.allowRetry = allowRetry
        self.errorType = errorType
    }
}

/// One typed event of a bot's reply stream.
public enum PoeEvent: Sendable, Equatable {
    case meta(ReplyMeta)
    /// A piece of text to append to the reply.
    case text(String)
    /// The whole reply so far is replaced by this text.
    case replaceResponse(String)
    case suggestedReply(String)
    /// A file the bot sent back.
    case file(PoeAttachment)
    /// A JSON object (OpenAI-style deltas, tool calls); anything but an object is a protocol error.
    case json(JSONValue)
    /// Bot metadata (`data` events), which fastapi_poe drops and we keep.
    case data(String)
    case error(BotErrorEvent)
    case done
}

extension PoeEvent {
    /// Decodes one server-sent event. Returns `nil` for events a client ignores (pings, unknown
    /// names, an unnamed `message`), and throws `PoeError.protocolViolation` for payloads
    /// fastapi_poe would reject (invalid JSON, a non-object, a non-string `text`).
    static func decode(_ event: SSEEvent) throws -> PoeEvent? {
        switch event.name {
        case "text": return .text(try stringField("text", of: event))
        case "replace_response": return .replaceResponse(try stringField("text", of: event))
        case "suggested_reply": return .suggestedReply(try stringField("text", of: event))
        case "done": return .done
        case "meta":
            let object = try jsonObject(event)
            return .meta(ReplyMeta(
                contentType: object["content_type"]?.stringValue ?? "text/markdown",
                linkify: object["linkify"]?.boolValue ?? true,
                suggestedReplies: object["suggested_replies"]?.boolValue ?? false
            ))
        case "file":
            let object = try jsonObject(event)
            return .file(PoeAttachment(
                url: try string(object, "url", event),
                contentType: try string(object, "content_type", event),
                name: try string(object, "name", event),
                inlineRef: object["inline_ref"]?.stringValue
            ))
        case "json":
            return .json(.object(try jsonObject(event)))
        case "data":
            let object = try jsonObject(event)
            return .data(object["metadata"]?.stringValue ?? "")
        case "error":
            let object = try jsonObject(event)
            return .error(BotErrorEvent(
                text: object["text"]?.stringValue ?? "The bot reported an error.",
                allowRetry: object["allow_retry"]?.boolValue ?? true,
                errorType: object["error_type"]?.stringValue
            ))
        default:
            return nil
        }
    }

    /// `decode`, exposed for the benchmark tool.
    public static func decodeForBenchmark(_ event: SSEEvent) throws -> PoeEvent? { try decode(event) }

    private static func json(_ event: SSEEvent) throws -> JSONValue {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(event.data.utf8)) else {
            throw PoeError.protocolViolation("the \(event.name) event is not valid JSON")
        }
        return value
    }

    private static func jsonObject(_ event: SSEEvent) throws -> [String: JSONValue] {
        guard case .object(let object) = try json(event) else {
            throw PoeError.protocolViolation("the \(event.name) event is not a JSON object")
        }
        return object
    }

    private static func string(_ object: [String: JSONValue], _ key: String, _ event: SSEEvent) throws -> String {
        guard let value = object[key]?.stringValue else {
            throw PoeError.protocolViolation("the \(event.name) event has no string \"\(key)\"")
        }
        return value
    }

    /// `text`, `replace_response` and `suggested_reply` are most of a stream's events. The
    /// common shape, `{"text": "..."}` with no escapes inside the string, is read directly
    /// (such a string's JSON text is its value); anything else goes through `JSONDecoder`.
    private static func stringField(_ key: String, of event: SSEEvent) throws -> String {
        if let text = plainTextValue(event.data) { return text }
        struct TextPayload: Decodable { let text: String }
        do {
            return try JSONDecoder().decode(TextPayload.self, from: Data(event.data.utf8)).text
        } catch {
            throw PoeError.protocolViolation("the \(event.name) event has no string \"\(key)\"")
        }
    }

    private static let textPrefixes: [[UInt8]] = [Array(#"{"text": ""#.utf8), Array(#"{"text":""#.utf8)]

    private static func plainTextValue(_ data: String) -> String? {
        var copy = data
        return copy.withUTF8 { bytes -> String? in
            guard let prefix = textPrefixes.first(where: { bytes.starts(with: $0) }),
                  bytes.count >= prefix.count + 2,
                  bytes[bytes.count - 2] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return nil }
            let value = UnsafeBufferPointer(rebasing: bytes[prefix.count..<(bytes.count - 2)])
            for byte in value where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                return nil
            }
            return String(decoding: value, as: UTF8.self)
        }
    }
}
