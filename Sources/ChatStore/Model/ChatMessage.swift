import Foundation

/// Who wrote a message.
public enum ChatRole: String, Codable, Sendable, CaseIterable {
    case user, bot, system
}

/// Where a message's text stands. Only `streaming` is temporary: a store opened after a crash
/// turns a `streaming` message it finds into `interrupted`, keeping its text.
public enum MessageStatus: String, Codable, Sendable, CaseIterable {
    case complete, streaming, interrupted, cancelled, error
}

/// One message of a conversation, as stored.
///
/// Each bot turn records the bot that wrote it and the parameters sent, because the conversation's
/// bot may change between turns.
public struct ChatMessage: Codable, Sendable, Identifiable, Hashable {
    public var id: String
    public var role: ChatRole
    /// The bot that wrote a `bot` message (or that a `user` message was sent to).
    public var bot: String?
    public var content: String
    /// `text/markdown` or `text/plain`, as Poe sends it.
    public var contentType: String
    public var attachments: [StoredAttachment]
    /// The bot parameters sent with this turn.
    public var parameters: [String: StoredJSON]
    public var createdAt: Date
    public var completedAt: Date?
    public var status: MessageStatus
    public var error: MessageError?
    public var suggestedReplies: [String]
    public var files: [ReceivedFile]
    public var pointsSpent: Int?

    /// Dates are rounded to the millisecond the file keeps (see `StoreDate`).
    public init(
        id: String = StoreID.newMessageID(),
        role: ChatRole,
        bot: String? = nil,
        content: String = "",
        contentType: String = "text/markdown",
        attachments: [StoredAttachment] = [],
        parameters: [String: StoredJSON] = [:],
        createdAt: Date = Date(),
        completedAt: Date? = nil,
        status: MessageStatus = .complete,
        error: MessageError? = nil,
        suggestedReplies: [String] = [],
        files: [ReceivedFile] = [],
        pointsSpent: Int? = nil
    ) {
        self.id = id
        self.role = role
        self.bot = bot
        self.content = content
        self.contentType = contentType
        self.attachments = attachments
        self.parameters = parameters
        self.createdAt = StoreDate.rounded(createdAt)
        self.completedAt = completedAt.map(StoreDate.rounded)
        self.status = status
        self.error = error
        self.suggestedReplies = suggestedReplies
        self.files = files
        self.pointsSpent = pointsSpent
    }

    /// Reads a message leniently: only `id`, `role` and `createdAt` are required, so a message
    /// written by hand or by a script needs no empty lists.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        role = try container.decode(ChatRole.self, forKey: .role)
        bot = try container.decodeIfPresent(String.self, forKey: .bot)
        content = try container.decodeIfPresent(String.self, forKey: .content) ?? ""
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType) ?? "text/markdown"
        attachments = try container.decodeIfPresent([StoredAttachment].self, forKey: .attachments) ?? []
        parameters = try container.decodeIfPresent([String: StoredJSON].self, forKey: .parameters) ?? [:]
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        completedAt = try container.decodeIfPresent(Date.self, forKey: .completedAt)
        status = try container.decodeIfPresent(MessageStatus.self, forKey: .status) ?? .complete
        error = try container.decodeIfPresent(MessageError.self, forKey: .error)
        suggestedReplies = try container.decodeIfPresent([String].self, forKey: .suggestedReplies) ?? []
        files = try container.decodeIfPresent([ReceivedFile].self, forKey: .files) ?? []
        pointsSpent = try container.decodeIfPresent(Int.self, forKey: .pointsSpent)
    }

    /// Writes every field, leaving out empty lists and objects (read back as empty) so a
    /// message reads as what it has.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(role, forKey: .role)
        try container.encodeIfPresent(bot, forKey: .bot)
        try container.encode(content, forKey: .content)
        try container.encode(contentType, forKey: .contentType)
        if !attachments.isEmpty { try container.encode(attachments, forKey: .attachments) }
        if !parameters.isEmpty { try container.encode(parameters, forKey: .parameters) }
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(completedAt, forKey: .completedAt)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(error, forKey: .error)
        if !suggestedReplies.isEmpty { try container.encode(suggestedReplies, forKey: .suggestedReplies) }
        if !files.isEmpty { try container.encode(files, forKey: .files) }
        try container.encodeIfPresent(pointsSpent, forKey: .pointsSpent)
    }

    private enum CodingKeys: String, CodingKey {
        case id, role, bot, content, contentType, attachments, parameters, createdAt, completedAt, status, error,
            suggestedReplies, files, pointsSpent
    }

    /// The time this message last changed the conversation: when it completed, else when it was made.
    public var activityDate: Date { completedAt ?? createdAt }
}
