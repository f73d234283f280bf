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
///
/// The rare, large payloads are `indirect` so the common `text` case stays small: a reply is
/// tens of thousands of these, passed in batches.
public enum PoeEvent: Sendable, Equatable {
    indirect case meta(ReplyMeta)
    /// A piece of text to append to the reply.
    case text(String)
    /// The whole reply so far is replaced by this text.
    case replaceResponse(String)
    case suggestedReply(String)
    /// A file the bot sent back.
    indirect case file(PoeAttachment)
    /// A JSON object (OpenAI-style deltas, tool calls); anything but an object is a protocol error.
    indirect case json(JSONValue)
    /// Bot metadata (`data` events), which fastapi_poe drops and we keep.
    case data(String)
    indirect case error(BotErrorEvent)
    case done
}

extension PoeEvent {
    /// Decodes one server-sent event. Returns `nil` for events a client ignores (pings, unknown
    /// names, an unnamed `message`), and throws `PoeError.protocolViolation` for payloads
    /// fastapi_poe would reject (invalid JSON, a non-object, a non-string `text`).
    static func decode(_ event: SSEEvent) throws -> PoeEvent? {
        try Array(event.data.utf8).withUnsafeBufferPointer { try decode(name: event.name, data: $0) }
    }

    /// `decode` on an event's bytes as the parser hands them over, without an intermediate string.
    static func decode(name: String, data: UnsafeBufferPointer<UInt8>) throws -> PoeEvent? {
        let event = RawEvent(name: name, data: data)
        switch name {
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
    public static func decodeForBenchmark(name: String, data: UnsafeBufferPointer<UInt8>) throws -> PoeEvent? {
        try decode(name: name, data: data)
    }

    private static func json(_ event: RawEvent) throws -> JSONValue {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(event.data)) else {
            throw PoeError.protocolViolation("the \(event.name) event is not valid JSON")
        }
        return value
    }

    private static func jsonObject(_ event: RawEvent) throws -> [String: JSONValue] {
        guard case .object(let object) = try json(event) else {
            throw PoeError.protocolViolation("the \(event.name) event is not a JSON object")
        }
        return object
    }

    private static func string(_ object: [String: JSONValue], _ key: String, _ event: RawEvent) throws -> String {
        guard let value = object[key]?.stringValue else {
            throw PoeError.protocolViolation("the \(event.name) event has no string \"\(key)\"")
        }
        return value
    }

    /// `text`, `replace_response` and `suggested_reply` are most of a stream's events. The
    /// common shape, `{"text": "..."}` with no escapes inside the string, is read directly
    /// (such a string's JSON text is its value); anything else goes through `JSONDecoder`.
    private static func stringField(_ key: String, of event: RawEvent) throws -> String {
        if let text = plainTextValue(event.data) { return text }
        struct TextPayload: Decodable { let text: String }
        do {
            return try JSONDecoder().decode(TextPayload.self, from: Data(event.data)).text
        } catch {
            throw PoeError.protocolViolation("the \(event.name) event has no string \"\(key)\"")
        }
    }

    private static func plainTextValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // `{"text": "` (fastapi_poe, json.dumps) or `{"text":"` (compact JSON), then `"}`.
        guard bytes.count >= 11, bytes[0] == 0x7B, bytes[1] == 0x22, bytes[2] == 0x74, bytes[3] == 0x65,
              bytes[4] == 0x78, bytes[5] == 0x74, bytes[6] == 0x22, bytes[7] == 0x3A else { return nil }
        let head: Int
        if bytes[8] == 0x22 {
            head = 9
        } else if bytes[8] == 0x20, bytes.count >= 12, bytes[9] == 0x22 {
            head = 10
        } else {
            return nil
        }
        guard bytes[bytes.count - 2] == 0x22, bytes[bytes.count - 1] == 0x7D else { return nil }
        let value = UnsafeBufferPointer(rebasing: bytes[head..<(bytes.count - 2)])
        // No quote, backslash or control character inside: the JSON text is the value itself.
        var plain = true
        for byte in value { plain = plain && byte >= 0x20 && byte != 0x22 && byte != 0x5C }
        return plain ? String(decoding: value, as: UTF8.self) : nil
    }

    /// An event as the parser hands it over: its data is borrowed for the duration of decoding.
    private struct RawEvent {
        let name: String
        let data: UnsafeBufferPointer<UInt8>
    }
}
