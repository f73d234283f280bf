/// Who wrote a message, in the Poe protocol's words ("bot", not "assistant").
public enum MessageRole: String, Sendable, Codable, CaseIterable {
    case system, user, bot, tool
}

/// A file attached to a message or sent back by a bot, as the protocol carries it.
public struct PoeAttachment: Sendable, Codable, Hashable {
    public var url: String
    public var contentType: String
    public var name: String
    /// The reference markdown uses to point at this file: `![alt][inline_ref]`.
    public var inlineRef: String?
    /// Filled in by Poe's server for bots that ask for it; clients send null.
    public var parsedContent: String?

    public init(url: String, contentType: String, name: String, inlineRef: String? = nil, parsedContent: String? = nil) {
        self.url = url
        self.contentType = contentType
        self.name = name
        self.inlineRef = inlineRef
        self.parsedContent = parsedContent
    }

    enum CodingKeys: String, CodingKey {
        case url, name
        case contentType = "content_type"
        case inlineRef = "inline_ref"
        case parsedContent = "parsed_content"
    }

    public func encode(to encoder: any Encoder) throws {
        // fastapi_poe always sends both optional keys, as null when unset.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(name, forKey: .name)
        try container.encode(inlineRef, forKey: .inlineRef)
        try container.encode(parsedContent, forKey: .parsedContent)
    }
}

/// One message of a query's history, shaped as fastapi_poe's `ProtocolMessage`.
public struct ProtocolMessage: Sendable, Codable, Hashable {
    public var role: MessageRole
    public var content: String
    /// `text/markdown` (the default) or `text/plain`.
    public var contentType: String
    /// Bot parameters (thinking_budget, reasoning_effort, aspect_ratio, ...) for this turn.
    public var parameters: [String: JSONValue]
    public var attachments: [PoeAttachment]
    /// Microseconds since the epoch; 0 when unknown, as external apps send.
    public var timestamp: Int
    public var messageID: String

    public init(
        role: MessageRole,
        content: String,
        contentType: String = "text/markdown",
        parameters: [String: JSONValue] = [:],
        attachments: [PoeAttachment] = [],
        timestamp: Int = 0,
        messageID: String = ""
    ) {
        self.role = role
        self.content = content
        self.contentType = contentType
        self.parameters = parameters
        self.attachments = attachments
        self.timestamp = timestamp
        self.messageID = messageID
    }

    enum CodingKeys: String, CodingKey {
        case role, content, parameters, attachments, timestamp, feedback
        case contentType = "content_type"
        case messageID = "message_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(MessageRole.self, forKey: .role)
        content = try container.decode(String.self, forKey: .content)
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType) ?? "text/markdown"
        parameters = try container.decodeIfPresent([String: JSONValue].self, forKey: .parameters) ?? [:]
        attachments = try container.decodeIfPresent([PoeAttachment].self, forKey: .attachments) ?? []
        timestamp = try container.decodeIfPresent(Int.self, forKey: .timestamp) ?? 0
        messageID = try container.decodeIfPresent(String.self, forKey: .messageID) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(messageID, forKey: .messageID)
        try container.encode([String](), forKey: .feedback)
    }
}
