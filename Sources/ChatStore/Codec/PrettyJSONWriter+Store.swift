import Foundation

/// The store's files, member by member in sorted key order, leaving out what the `Encodable`
/// conformances leave out.
extension PrettyJSONWriter {
    /// The start of `ConversationFile.encode(to:)`, keys sorted: the fields before `messages`,
    /// and the opening of the message list.
    /// - Returns: where the first message goes.
    mutating func conversationHeader(_ conversation: Conversation) -> Int {
        openObject()
        key("archived")
        bool(conversation.archived)
        key("bot")
        string(conversation.bot)
        key("createdAt")
        date(conversation.createdAt)
        key("draft")
        string(conversation.draft)
        if !conversation.draftAttachments.isEmpty {
            key("draftAttachments")
            attachments(conversation.draftAttachments)
        }
        key("id")
        string(conversation.id)
        key("messages")
        openArray()
        return bytes.count
    }

    /// The rest of the file, from message `first` on (the writer stands where it goes), adding
    /// each message's range to `ranges`.
    mutating func messagesAndRest(
        of conversation: Conversation, schema: Int, from first: Int, ranges: inout [Range<Int>]
    ) throws {
        ranges.reserveCapacity(conversation.messages.count)
        for index in first..<conversation.messages.count {
            element()
            let start = bytes.count
            try message(conversation.messages[index])
            ranges.append(start..<bytes.count)
        }
        closeArray()
        if !conversation.parameters.isEmpty {
            key("parameters")
            try object(conversation.parameters)
        }
        key("schema")
        int(schema)
        if let systemPrompt = conversation.systemPrompt {
            key("systemPrompt")
            string(systemPrompt)
        }
        key("title")
        string(conversation.title)
        key("unread")
        int(conversation.unread)
        key("updatedAt")
        date(conversation.updatedAt)
        closeObject()
    }

    /// `ChatMessage.encode(to:)`, keys sorted.
    mutating func message(_ message: ChatMessage) throws {
        openObject()
        if !message.attachments.isEmpty {
            key("attachments")
            attachments(message.attachments)
        }
        if let bot = message.bot {
            key("bot")
            string(bot)
        }
        if let completedAt = message.completedAt {
            key("completedAt")
            date(completedAt)
        }
        key("content")
        string(message.content)
        key("contentType")
        string(message.contentType)
        key("createdAt")
        date(message.createdAt)
        if let error = message.error {
            key("error")
            openObject()
            key("kind")
            string(error.kind)
            key("retryable")
            bool(error.retryable)
            key("text")
            string(error.text)
            closeObject()
        }
        if !message.files.isEmpty {
            key("files")
            openArray()
            for file in message.files {
                element()
                receivedFile(file)
            }
            closeArray()
        }
        key("id")
        string(message.id)
        if !message.parameters.isEmpty {
            key("parameters")
            try object(message.parameters)
        }
        if let pointsSpent = message.pointsSpent {
            key("pointsSpent")
            int(pointsSpent)
        }
        key("role")
        string(message.role.rawValue)
        key("status")
        string(message.status.rawValue)
        if !message.suggestedReplies.isEmpty {
            key("suggestedReplies")
            openArray()
            for reply in message.suggestedReplies {
                element()
                string(reply)
            }
            closeArray()
        }
        closeObject()
    }

    /// A list of `StoredAttachment`, as its synthesized `Encodable` writes each (absent optionals left out).
    mutating func attachments(_ attachments: [StoredAttachment]) {
        openArray()
        for attachment in attachments {
            element()
            openObject()
            key("contentType")
            string(attachment.contentType)
            if let localPath = attachment.localPath {
                key("localPath")
                string(localPath)
            }
            key("name")
            string(attachment.name)
            if let size = attachment.size {
                key("size")
                int(size)
            }
            if let url = attachment.url {
                key("url")
                string(url)
            }
            closeObject()
        }
        closeArray()
    }

    /// `ReceivedFile`'s synthesized `Encodable`, keys sorted, absent optionals left out.
    mutating func receivedFile(_ file: ReceivedFile) {
        openObject()
        key("contentType")
        string(file.contentType)
        if let inlineRef = file.inlineRef {
            key("inlineRef")
            string(inlineRef)
        }
        key("name")
        string(file.name)
        if let savedPath = file.savedPath {
            key("savedPath")
            string(savedPath)
        }
        if let size = file.size {
            key("size")
            int(size)
        }
        key("url")
        string(file.url)
        closeObject()
    }

    /// `IndexEntry.encode(to:)`: the summary's synthesized fields, `streaming`, `schema`, `file`.
    mutating func indexEntry(_ entry: IndexEntry) {
        let summary = entry.summary
        openObject()
        key("archived")
        bool(summary.archived)
        key("bot")
        string(summary.bot)
        key("createdAt")
        date(summary.createdAt)
        key("file")
        openObject()
        key("inode")
        int(entry.file.inode)
        key("modified")
        int(entry.file.modified)
        key("size")
        int(entry.file.size)
        closeObject()
        key("id")
        string(summary.id)
        key("messageCount")
        int(summary.messageCount)
        key("schema")
        int(entry.schema)
        key("streaming")
        int(entry.streaming)
        key("title")
        string(summary.title)
        if let trashedAt = summary.trashedAt {
            key("trashedAt")
            date(trashedAt)
        }
        key("unread")
        int(summary.unread)
        key("updatedAt")
        date(summary.updatedAt)
        closeObject()
    }
}
