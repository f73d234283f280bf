import Foundation

extension Conversation {
    /// Every field as read: dates are not rounded again (the public initialiser rounds them; a
    /// file's dates are whole milliseconds already), and the value is built in place.
    init(
        read id: String, title: String, createdAt: Date, updatedAt: Date, bot: String,
        parameters: [String: StoredJSON], systemPrompt: String?, draft: String, draftAttachments: [StoredAttachment],
        archived: Bool, unread: Int, messages: [ChatMessage]
    ) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.bot = bot
        self.parameters = parameters
        self.systemPrompt = systemPrompt
        self.draft = draft
        self.draftAttachments = draftAttachments
        self.archived = archived
        self.unread = unread
        self.messages = messages
    }
}

extension ChatMessage {
    /// Every field as read, like `Conversation.init(read:...)`.
    init(
        read id: String, role: ChatRole, bot: String?, content: String, contentType: String,
        attachments: [StoredAttachment], parameters: [String: StoredJSON], createdAt: Date, completedAt: Date?,
        status: MessageStatus, error: MessageError?, suggestedReplies: [String], files: [ReceivedFile], pointsSpent: Int?
    ) {
        self.id = id
        self.role = role
        self.bot = bot
        self.content = content
        self.contentType = contentType
        self.attachments = attachments
        self.parameters = parameters
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.status = status
        self.error = error
        self.suggestedReplies = suggestedReplies
        self.files = files
        self.pointsSpent = pointsSpent
    }
}
