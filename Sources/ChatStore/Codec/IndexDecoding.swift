import Foundation

/// `index.json` read with `JSONReader`: what start-up and `list` read first, so what decides how
/// fast a store opens and how much memory `poe-tui list` needs (no document map of the whole
/// file, no `Codable` containers). `nil` sends the caller to `JSONDecoder`, as for conversations.
enum IndexDecoding {
    static func decode(_ data: Data) -> IndexFile? {
        data.withUnsafeBytes { bytes in
            var reader = JSONReader(bytes)
            guard let file = try? reader.indexFile(), (try? reader.expectEnd()) != nil else { return nil }
            return file
        }
    }
}

extension JSONReader {
    mutating func indexFile() throws(Unexpected) -> IndexFile {
        var schema: Int?
        var conversations: [IndexEntry]?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "conversations") {
                try seen.insert(0)
                conversations = try list { reader throws(Unexpected) in try reader.indexEntry() }
            } else if self.key(key, is: "schema") {
                try seen.insert(1)
                schema = try int()
            } else {
                try skipValue()
            }
        }
        guard let schema, let conversations else { throw Unexpected() }
        return IndexFile(schema: schema, conversations: conversations)
    }

    /// `IndexEntry.init(from:)`: the summary's synthesized fields, then `streaming`, `schema`, `file`.
    mutating func indexEntry() throws(Unexpected) -> IndexEntry {
        var id: String?
        var title: String?
        var bot: String?
        var createdAt: Date?
        var updatedAt: Date?
        var messageCount: Int?
        var unread: Int?
        var archived: Bool?
        var trashedAt: Date?
        var streaming: Int?
        var schema: Int?
        var file: FileSignature?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "id") {
                try seen.insert(0)
                id = try string()
            } else if self.key(key, is: "title") {
                try seen.insert(1)
                title = try string()
            } else if self.key(key, is: "bot") {
                try seen.insert(2)
                bot = try string()
            } else if self.key(key, is: "createdAt") {
                try seen.insert(3)
                createdAt = try date()
            } else if self.key(key, is: "updatedAt") {
                try seen.insert(4)
                updatedAt = try date()
            } else if self.key(key, is: "messageCount") {
                try seen.insert(5)
                messageCount = try int()
            } else if self.key(key, is: "unread") {
                try seen.insert(6)
                unread = try int()
            } else if self.key(key, is: "archived") {
                try seen.insert(7)
                archived = try bool()
            } else if self.key(key, is: "trashedAt") {
                try seen.insert(8)
                trashedAt = try null() ? nil : date()
            } else if self.key(key, is: "streaming") {
                try seen.insert(9)
                streaming = try null() ? nil : int()
            } else if self.key(key, is: "schema") {
                try seen.insert(10)
                schema = try int()
            } else if self.key(key, is: "file") {
                try seen.insert(11)
                file = try fileSignature()
            } else {
                try skipValue()
            }
        }
        guard let id, let title, let bot, let createdAt, let updatedAt, let messageCount, let unread, let archived,
            let schema, let file
        else { throw Unexpected() }
        let summary = ConversationSummary(
            id: id, title: title, bot: bot, createdAt: createdAt, updatedAt: updatedAt, messageCount: messageCount,
            unread: unread, archived: archived, trashedAt: trashedAt)
        return IndexEntry(summary: summary, streaming: streaming ?? 0, schema: schema, file: file)
    }

    mutating func fileSignature() throws(Unexpected) -> FileSignature {
        var inode: Int?
        var size: Int?
        var modified: Int?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "inode") {
                try seen.insert(0)
                inode = try int()
            } else if self.key(key, is: "size") {
                try seen.insert(1)
                size = try int()
            } else if self.key(key, is: "modified") {
                try seen.insert(2)
                modified = try int()
            } else {
                try skipValue()
            }
        }
        // A negative inode is JSONDecoder's to refuse.
        guard let inode, inode >= 0, let size, let modified else { throw Unexpected() }
        return FileSignature(inode: UInt64(inode), size: Int64(size), modified: Int64(modified))
    }
}
