import Foundation

/// Conversation files and `index.json` written with `PrettyJSONWriter`: the same bytes
/// `StoreFormat.encoder()` makes of `ConversationFile` and `IndexFile` (the tests compare them),
/// an order of magnitude faster. Each writes its members in sorted key order and leaves out
/// what the `Encodable` conformances leave out.
enum StoreEncoding {
    /// - Parameter previous: the last encoding of the same conversation, taken (left `nil`) so
    ///   its bytes have one owner: up to the first message that changed they are kept where they
    ///   are (see `EncodedConversation`), and the rest is encoded after them.
    static func encode(_ file: ConversationFile, reusing previous: inout EncodedConversation?) throws -> EncodedConversation {
        let conversation = file.conversation
        if var previous = previous.take(), previous.schema == file.schema,
            previous.conversation.hasSameHeader(as: conversation)
        {
            let kept = MessageComparison.firstDifference(previous.conversation.messages, conversation.messages)
            let cut = kept > 0 ? previous.messageRanges[kept - 1].upperBound : previous.messagesStart
            var bytes = previous.takeBytes()
            bytes.removeSubrange(cut...)
            var writer = PrettyJSONWriter(continuing: &bytes, depth: 2, empty: kept == 0)
            var ranges = previous.messageRanges
            ranges.removeSubrange(kept...)
            try writer.messagesAndRest(of: conversation, schema: file.schema, from: kept, ranges: &ranges)
            return EncodedConversation(
                bytes: writer.bytes, conversation: conversation, schema: file.schema, messagesStart: previous.messagesStart,
                messageRanges: ranges)
        }
        // Room for the text plus each message's fixed part, so the buffer rarely grows.
        var capacity = 1024 + conversation.draft.utf8.count
        for index in conversation.messages.indices { capacity += conversation.messages[index].content.utf8.count + 400 }
        var writer = PrettyJSONWriter(capacity: capacity)
        let messagesStart = writer.conversationHeader(conversation)
        var ranges: [Range<Int>] = []
        try writer.messagesAndRest(of: conversation, schema: file.schema, from: 0, ranges: &ranges)
        return EncodedConversation(
            bytes: writer.bytes, conversation: conversation, schema: file.schema, messagesStart: messagesStart,
            messageRanges: ranges)
    }

    static func encode(_ file: ConversationFile) throws -> [UInt8] {
        var none: EncodedConversation?
        return try encode(file, reusing: &none).bytes
    }

    static func encode(_ file: IndexFile) -> [UInt8] {
        var writer = PrettyJSONWriter(capacity: 64 + file.conversations.count * 480)
        writer.openObject()
        writer.key("conversations")
        writer.openArray()
        for entry in file.conversations {
            writer.element()
            writer.indexEntry(entry)
        }
        writer.closeArray()
        writer.key("schema")
        writer.int(file.schema)
        writer.closeObject()
        return writer.bytes
    }
}

/// A conversation file's bytes, the conversation they hold, and where its messages are in them.
///
/// Why: a streaming reply rewrites its whole conversation every second, and encoding 500
/// unchanged messages was most of that write's time. Keys are sorted, so the fields before
/// `messages` (`archived`, `bot`, `createdAt`, `draft`, `draftAttachments`, `id`) and the
/// messages come first; while those fields are unchanged, everything up to the first changed
/// message is byte for byte what a fresh encoding would write, and is kept.
struct EncodedConversation: Sendable {
    private(set) var bytes: [UInt8]
    let conversation: Conversation
    let schema: Int
    /// Where the first message would start: just after `"messages" : [` and its newline.
    let messagesStart: Int
    /// Each message's object, from `{` to `}` (separators and indent between them).
    let messageRanges: [Range<Int>]

    init(bytes: [UInt8], conversation: Conversation, schema: Int, messagesStart: Int, messageRanges: [Range<Int>]) {
        self.bytes = bytes
        self.conversation = conversation
        self.schema = schema
        self.messagesStart = messagesStart
        self.messageRanges = messageRanges
    }

    /// The bytes, left empty here, so the caller holds the only reference and can change them in place.
    mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }
}

extension Conversation {
    /// Whether the fields written before `messages` are equal (see `EncodedConversation`).
    func hasSameHeader(as other: Conversation) -> Bool {
        archived == other.archived && bot == other.bot && createdAt == other.createdAt && draft == other.draft
            && draftAttachments == other.draftAttachments && id == other.id
    }
}
