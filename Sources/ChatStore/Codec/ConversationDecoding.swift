import Foundation

/// Conversation files read with `JSONReader`, giving exactly what `ConversationFile`'s
/// `Decodable` conformance gives through `JSONDecoder`, or `nil` so the caller asks it instead
/// (a file written by hand in unusual JSON, a type mismatch, anything corrupt).
///
/// The rules mirror `Conversation.init(from:)` and `ChatMessage.init(from:)`: `null` counts as
/// absent where those use `decodeIfPresent`, and is refused where they use `decode`.
enum ConversationDecoding {
    static func decode(_ data: Data) -> ConversationFile? {
        data.withUnsafeBytes { bytes in
            var reader = JSONReader(bytes)
            guard let file = try? reader.conversationFile(), (try? reader.expectEnd()) != nil else { return nil }
            return file
        }
    }
}

/// Which known keys an object had, so a key given twice is left to `JSONDecoder`.
struct SeenKeys {
    private var bits: UInt32 = 0

    mutating func insert(_ bit: UInt32) throws(JSONReader.Unexpected) {
        guard bits & (1 << bit) == 0 else { throw JSONReader.Unexpected() }
        bits |= 1 << bit
    }
}

extension JSONReader {
    mutating func conversationFile() throws(Unexpected) -> ConversationFile {
        var schema: Int?
        var id: String?
        var title: String?
        var createdAt: Date?
        var updatedAt: Date?
        var bot: String?
        var parameters: [String: StoredJSON]?
        var systemPrompt: String?
        var draft: String?
        var draftAttachments: [StoredAttachment]?
        var archived: Bool?
        var unread: Int?
        var messages: [ChatMessage]?
        var seen = SeenKeys()
        var object = try beginObject()
        while let name = try nextKey(&object) {
            if key(name, is: "messages") {
                try seen.insert(0)
                messages = try null() ? nil : list { reader throws(Unexpected) in try reader.message() }
            } else if key(name, is: "id") {
                try seen.insert(1)
                id = try string()
            } else if key(name, is: "title") {
                try seen.insert(2)
                title = try null() ? nil : string()
            } else if key(name, is: "createdAt") {
                try seen.insert(3)
                createdAt = try date()
            } else if key(name, is: "updatedAt") {
                try seen.insert(4)
                updatedAt = try null() ? nil : date()
            } else if key(name, is: "bot") {
                try seen.insert(5)
                bot = try string()
            } else if key(name, is: "parameters") {
                try seen.insert(6)
                parameters = try null() ? nil : jsonObject(depth: 1)
            } else if key(name, is: "systemPrompt") {
                try seen.insert(7)
                systemPrompt = try null() ? nil : string()
            } else if key(name, is: "draft") {
                try seen.insert(8)
                draft = try null() ? nil : string()
            } else if key(name, is: "draftAttachments") {
                try seen.insert(9)
                draftAttachments = try null() ? nil : list { reader throws(Unexpected) in try reader.attachment() }
            } else if key(name, is: "archived") {
                try seen.insert(10)
                archived = try null() ? nil : bool()
            } else if key(name, is: "unread") {
                try seen.insert(11)
                unread = try null() ? nil : int()
            } else if key(name, is: "schema") {
                try seen.insert(12)
                schema = try int()
            } else {
                try skipValue()
            }
        }
        guard let schema, let id, let createdAt, let bot else { throw Unexpected() }
        let conversation = Conversation(
            read: id, title: title ?? "", createdAt: createdAt, updatedAt: updatedAt ?? createdAt, bot: bot,
            parameters: parameters ?? [:], systemPrompt: systemPrompt, draft: draft ?? "",
            draftAttachments: draftAttachments ?? [], archived: archived ?? false, unread: unread ?? 0,
            messages: messages ?? [])
        return ConversationFile(conversation, schema: schema)
    }

    mutating func message() throws(Unexpected) -> ChatMessage {
        var id: String?
        var role: ChatRole?
        var bot: String?
        var content: String?
        var contentType: String?
        var attachments: [StoredAttachment]?
        var parameters: [String: StoredJSON]?
        var createdAt: Date?
        var completedAt: Date?
        var status: MessageStatus?
        var error: MessageError?
        var suggestedReplies: [String]?
        var files: [ReceivedFile]?
        var pointsSpent: Int?
        var seen = SeenKeys()
        var object = try beginObject()
        while let name = try nextKey(&object) {
            if key(name, is: "content") {
                try seen.insert(0)
                content = try null() ? nil : string()
            } else if key(name, is: "id") {
                try seen.insert(1)
                id = try string()
            } else if key(name, is: "role") {
                try seen.insert(2)
                guard let value = ChatRole(rawValue: try string()) else { throw Unexpected() }
                role = value
            } else if key(name, is: "createdAt") {
                try seen.insert(3)
                createdAt = try date()
            } else if key(name, is: "status") {
                try seen.insert(4)
                if try !null() {
                    guard let value = MessageStatus(rawValue: try string()) else { throw Unexpected() }
                    status = value
                }
            } else if key(name, is: "bot") {
                try seen.insert(5)
                bot = try null() ? nil : string()
            } else if key(name, is: "contentType") {
                try seen.insert(6)
                contentType = try null() ? nil : string()
            } else if key(name, is: "completedAt") {
                try seen.insert(7)
                completedAt = try null() ? nil : date()
            } else if key(name, is: "attachments") {
                try seen.insert(8)
                attachments = try null() ? nil : list { reader throws(Unexpected) in try reader.attachment() }
            } else if key(name, is: "parameters") {
                try seen.insert(9)
                parameters = try null() ? nil : jsonObject(depth: 1)
            } else if key(name, is: "error") {
                try seen.insert(10)
                error = try null() ? nil : messageError()
            } else if key(name, is: "suggestedReplies") {
                try seen.insert(11)
                suggestedReplies = try null() ? nil : list { reader throws(Unexpected) in try reader.string() }
            } else if key(name, is: "files") {
                try seen.insert(12)
                files = try null() ? nil : list { reader throws(Unexpected) in try reader.receivedFile() }
            } else if key(name, is: "pointsSpent") {
                try seen.insert(13)
                pointsSpent = try null() ? nil : int()
            } else {
                try skipValue()
            }
        }
        guard let id, let role, let createdAt else { throw Unexpected() }
        return ChatMessage(
            read: id, role: role, bot: bot, content: content ?? "", contentType: contentType ?? "text/markdown",
            attachments: attachments ?? [], parameters: parameters ?? [:], createdAt: createdAt,
            completedAt: completedAt, status: status ?? .complete, error: error,
            suggestedReplies: suggestedReplies ?? [], files: files ?? [], pointsSpent: pointsSpent)
    }
}
