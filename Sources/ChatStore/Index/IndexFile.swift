import Foundation

/// `index.json`: one entry per live conversation (not the trash), so start-up and the
/// conversation list read one small file instead of every conversation.
struct IndexFile: Codable {
    var schema: Int
    var conversations: [IndexEntry]
}

/// What the list needs about one conversation, and the signature of the file it was read from
/// (so a file changed behind the index's back is noticed and re-read).
struct IndexEntry: Codable, Sendable, Hashable {
    var summary: ConversationSummary
    /// Messages left `streaming`; start-up reopens only these conversations to mark them interrupted.
    var streaming: Int
    /// The file's schema; above the current one, the conversation is read-only.
    var schema: Int
    var file: FileSignature

    init(_ conversation: Conversation, schema: Int = StoreFormat.currentSchema, file: FileSignature) {
        summary = conversation.summary
        // Through pointers: a closure or subscript would hand out a copy of each message.
        streaming = conversation.messages.withUnsafeBufferPointer { messages in
            var count = 0
            for index in 0..<messages.count where (messages.baseAddress! + index).pointee.status == .streaming { count += 1 }
            return count
        }
        self.schema = schema
        self.file = file
    }

    init(summary: ConversationSummary, streaming: Int, schema: Int, file: FileSignature) {
        self.summary = summary
        self.streaming = streaming
        self.schema = schema
        self.file = file
    }

    init(from decoder: any Decoder) throws {
        summary = try ConversationSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        streaming = try container.decodeIfPresent(Int.self, forKey: .streaming) ?? 0
        schema = try container.decode(Int.self, forKey: .schema)
        file = try container.decode(FileSignature.self, forKey: .file)
    }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(streaming, forKey: .streaming)
        try container.encode(schema, forKey: .schema)
        try container.encode(file, forKey: .file)
    }

    private enum CodingKeys: String, CodingKey {
        case streaming, schema, file
    }
}
