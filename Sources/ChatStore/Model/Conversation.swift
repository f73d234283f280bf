import Foundation

/// One conversation: its settings for the next turn, the unsent draft and every message.
public struct Conversation: Codable, Sendable, Identifiable, Hashable {
    public var id: String
    public var title: String
    public var createdAt: Date
    /// The last time a message was added or changed; the conversation list is sorted by it.
    /// - Important: the store raises it to the newest changed message's time on every write, so
    ///   callers need not set it; a draft, unread or archive change leaves it alone.
    public var updatedAt: Date
    /// The bot the next message goes to.
    public var bot: String
    public var parameters: [String: StoredJSON]
    public var systemPrompt: String?
    /// What the user has typed but not sent, kept so a restart or crash loses none of it.
    public var draft: String
    public var draftAttachments: [StoredAttachment]
    public var archived: Bool
    public var unread: Int
    /// Ordered by creation time, then id.
    public var messages: [ChatMessage]

    /// Dates are rounded to the millisecond the file keeps (see `StoreDate`).
    public init(
        id: String = StoreID.newConversationID(),
        title: String = "",
        createdAt: Date = Date(),
        updatedAt: Date? = nil,
        bot: String,
        parameters: [String: StoredJSON] = [:],
        systemPrompt: String? = nil,
        draft: String = "",
        draftAttachments: [StoredAttachment] = [],
        archived: Bool = false,
        unread: Int = 0,
        messages: [ChatMessage] = []
    ) {
        self.id = id
        self.title = title
        self.createdAt = StoreDate.rounded(createdAt)
        self.updatedAt = StoreDate.rounded(updatedAt ?? createdAt)
        self.bot = bot
        self.parameters = parameters
        self.systemPrompt = systemPrompt
        self.draft = draft
        self.draftAttachments = draftAttachments
        self.archived = archived
        self.unread = unread
        self.messages = messages
    }

    /// Reads leniently: only `id`, `bot` and `createdAt` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt) ?? createdAt
        bot = try container.decode(String.self, forKey: .bot)
        parameters = try container.decodeIfPresent([String: StoredJSON].self, forKey: .parameters) ?? [:]
        systemPrompt = try container.decodeIfPresent(String.self, forKey: .systemPrompt)
        draft = try container.decodeIfPresent(String.self, forKey: .draft) ?? ""
        draftAttachments = try container.decodeIfPresent([StoredAttachment].self, forKey: .draftAttachments) ?? []
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived) ?? false
        unread = try container.decodeIfPresent(Int.self, forKey: .unread) ?? 0
        messages = try container.decodeIfPresent([ChatMessage].self, forKey: .messages) ?? []
    }

    /// Writes every field, leaving out empty `parameters` and `draftAttachments` (read back as
    /// empty); `messages` is always there, for scripts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(bot, forKey: .bot)
        if !parameters.isEmpty { try container.encode(parameters, forKey: .parameters) }
        try container.encodeIfPresent(systemPrompt, forKey: .systemPrompt)
        try container.encode(draft, forKey: .draft)
        if !draftAttachments.isEmpty { try container.encode(draftAttachments, forKey: .draftAttachments) }
        try container.encode(archived, forKey: .archived)
        try container.encode(unread, forKey: .unread)
        try container.encode(messages, forKey: .messages)
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, createdAt, updatedAt, bot, parameters, systemPrompt, draft, draftAttachments, archived,
            unread, messages
    }

    /// Adds `message` at its place in time order and raises `updatedAt` to it.
    public mutating func append(_ message: ChatMessage) {
        messages.append(message)
        if let last = messages.dropLast().last, Self.inOrder(message, last) {
            messages.sort(by: Self.inOrder)
        }
        updatedAt = max(updatedAt, message.activityDate)
    }

    /// Replaces the message with `message.id`, or appends it when there is none.
    public mutating func update(_ message: ChatMessage) {
        if let position = messages.firstIndex(where: { $0.id == message.id }) {
            messages[position] = message
            updatedAt = max(updatedAt, message.activityDate)
        } else {
            append(message)
        }
    }

    public func message(_ id: String) -> ChatMessage? {
        messages.first { $0.id == id }
    }

    public var summary: ConversationSummary {
        ConversationSummary(
            id: id, title: title, bot: bot, createdAt: createdAt, updatedAt: updatedAt,
            messageCount: messages.count, unread: unread, archived: archived)
    }

    /// The store's message order: creation time, then id (ids of one time sort by their random part).
    static func inOrder(_ first: ChatMessage, _ second: ChatMessage) -> Bool {
        first.createdAt != second.createdAt ? first.createdAt < second.createdAt : first.id < second.id
    }
}

/// What the conversation list shows, read from `index.json` without opening conversation files.
public struct ConversationSummary: Codable, Sendable, Identifiable, Hashable {
    public var id: String
    public var title: String
    public var bot: String
    public var createdAt: Date
    public var updatedAt: Date
    public var messageCount: Int
    public var unread: Int
    public var archived: Bool
    /// When it was moved to the trash; `nil` outside it.
    public var trashedAt: Date?

    public init(
        id: String, title: String, bot: String, createdAt: Date, updatedAt: Date, messageCount: Int, unread: Int,
        archived: Bool, trashedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.bot = bot
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.unread = unread
        self.archived = archived
        self.trashedAt = trashedAt
    }

    /// Newest first; ties by id, newest first, so the order is stable.
    static func newestFirst(_ first: ConversationSummary, _ second: ConversationSummary) -> Bool {
        first.updatedAt != second.updatedAt ? first.updatedAt > second.updatedAt : first.id > second.id
    }
}
