import Foundation

/// Upgrades older conversation files, one schema step at a time, on the JSON tree.
///
/// Working on the tree (not on Swift types) keeps each old shape described in one place, here,
/// without keeping old structs alive. `docs/store-format.md` lists what each step changes.
enum SchemaMigration {
    struct Failure: Error {
        var reason: String
    }

    /// `tree` (a file of `schema`) in the current schema.
    static func upgrade(_ tree: StoredJSON, from schema: Int) throws(Failure) -> StoredJSON {
        guard var file = tree.objectValue else { throw Failure(reason: "not a JSON object") }
        var version = schema
        while version < StoreFormat.currentSchema {
            switch version {
            case 1: file = try upgradeFrom1(file)
            default: throw Failure(reason: "schema \(version) was never written by poe-tui")
            }
            version += 1
            file["schema"] = .int(version)
        }
        return .object(file)
    }

    /// Schema 1 (poe-tui before the store settled) to 2:
    /// - `model` → `bot` (conversation and messages), `params` → `parameters`, `system` → `systemPrompt`,
    ///   `created`/`updated` → `createdAt`/`updatedAt`;
    /// - messages: `text` → `content`, role `assistant` → `bot`, `points` → `pointsSpent`, and a
    ///   `status`: `complete`, or `interrupted` where schema 1 marked the message `"partial": true`;
    /// - attachments: `path` → `localPath`, `type` → `contentType`.
    private static func upgradeFrom1(_ old: [String: StoredJSON]) throws(Failure) -> [String: StoredJSON] {
        var file = renamed(
            old, ["model": "bot", "params": "parameters", "system": "systemPrompt", "created": "createdAt",
                  "updated": "updatedAt"])
        if let messages = file["messages"] {
            guard let list = messages.arrayValue else { throw Failure(reason: "schema 1 \"messages\" is not a list") }
            var upgraded: [StoredJSON] = []
            for (position, message) in list.enumerated() {
                guard let members = message.objectValue else {
                    throw Failure(reason: "schema 1 message \(position) is not an object")
                }
                upgraded.append(.object(upgradeMessageFrom1(members)))
            }
            file["messages"] = .array(upgraded)
        }
        return file
    }

    private static func upgradeMessageFrom1(_ old: [String: StoredJSON]) -> [String: StoredJSON] {
        var message = renamed(
            old, ["model": "bot", "text": "content", "created": "createdAt", "completed": "completedAt",
                  "points": "pointsSpent", "params": "parameters"])
        if message["role"]?.stringValue == "assistant" { message["role"] = "bot" }
        let partial = message.removeValue(forKey: "partial") == .bool(true)
        message["status"] = partial ? "interrupted" : "complete"
        if let attachments = message["attachments"]?.arrayValue {
            message["attachments"] = .array(
                attachments.map { attachment in
                    guard let members = attachment.objectValue else { return attachment }
                    return .object(renamed(members, ["path": "localPath", "type": "contentType"]))
                })
        }
        return message
    }

    /// `members` with keys renamed by `names` (old → new); a `null` value is dropped, since the
    /// current schema omits absent optionals.
    private static func renamed(_ members: [String: StoredJSON], _ names: [String: String]) -> [String: StoredJSON] {
        var result: [String: StoredJSON] = [:]
        for (key, value) in members where value != .null {
            result[names[key] ?? key] = value
        }
        return result
    }
}
