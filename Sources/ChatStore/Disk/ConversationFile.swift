import Foundation

/// A conversation file on disk: the conversation's fields at the top level plus `schema`.
struct ConversationFile: Codable {
    var schema: Int
    var conversation: Conversation

    init(_ conversation: Conversation, schema: Int = StoreFormat.currentSchema) {
        self.schema = schema
        self.conversation = conversation
    }

    init(from decoder: any Decoder) throws {
        schema = try decoder.container(keyedBy: SchemaKey.self).decode(Int.self, forKey: .schema)
        conversation = try Conversation(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try conversation.encode(to: encoder)
        var container = encoder.container(keyedBy: SchemaKey.self)
        try container.encode(schema, forKey: .schema)
    }

    /// What reading a conversation file found.
    enum Contents {
        /// The current schema.
        case current(Conversation)
        /// An older schema, migrated in memory; the file should be rewritten.
        case migrated(Conversation, from: Int)
        /// A newer schema: read-only. `conversation` is `nil` when its fields could not be read at all.
        case newer(Conversation?, schema: Int)
    }

    /// The file's bytes are not a conversation of any schema; `reason` says why, briefly.
    struct Corrupt: Error {
        var reason: String
    }

    /// Decodes a file's bytes, migrating an older schema. `id` (from the file name) wins over the
    /// `id` inside, so a copied file is its own conversation.
    static func decode(_ data: Data, id: String) throws(Corrupt) -> Contents {
        let decoder = StoreFormat.decoder()
        var contents: Contents
        do {
            // The fast reader agrees with JSONDecoder wherever it answers; JSONDecoder takes the rest.
            let file = try ConversationDecoding.decode(data) ?? decoder.decode(ConversationFile.self, from: data)
            if file.schema == StoreFormat.currentSchema {
                contents = .current(file.conversation)
            } else if file.schema > StoreFormat.currentSchema {
                contents = .newer(file.conversation, schema: file.schema)
            } else {
                contents = try migrate(data, from: file.schema)
            }
        } catch let error as Corrupt {
            throw error
        } catch {
            // Not the current shape: the schema number decides whether that is corruption.
            guard let header = try? decoder.decode(Header.self, from: data) else {
                throw Corrupt(reason: JSONProbe.headerProblem(data))
            }
            if header.schema > StoreFormat.currentSchema {
                contents = .newer(nil, schema: header.schema)
            } else if header.schema < StoreFormat.currentSchema {
                contents = try migrate(data, from: header.schema)
            } else {
                throw Corrupt(reason: StoreFormat.reason(error))
            }
        }
        switch contents {
        case .current(var conversation):
            conversation.id = id
            return .current(conversation)
        case .migrated(var conversation, let from):
            conversation.id = id
            return .migrated(conversation, from: from)
        case .newer(var conversation, let schema):
            conversation?.id = id
            return .newer(conversation, schema: schema)
        }
    }

    private static func migrate(_ data: Data, from schema: Int) throws(Corrupt) -> Contents {
        do {
            let tree = try StoreFormat.decoder().decode(StoredJSON.self, from: data)
            let upgraded = try SchemaMigration.upgrade(tree, from: schema)
            let file = try StoreFormat.decoder().decode(
                ConversationFile.self, from: try StoreFormat.encoder().encode(upgraded))
            return .migrated(file.conversation, from: schema)
        } catch let error as SchemaMigration.Failure {
            throw Corrupt(reason: error.reason)
        } catch {
            throw Corrupt(reason: "schema \(schema) file: \(StoreFormat.reason(error))")
        }
    }

    private struct Header: Decodable {
        var schema: Int
    }

    private enum SchemaKey: String, CodingKey {
        case schema
    }
}
