import Foundation

/// One writer's change to a conversation, applied to whatever is on disk when it is written.
///
/// A writer (the app's `save` calls, or one `ReplyRecorder`) describes its change as the copy it
/// last saved (`base`) and the copy it has now (`latest`). Only what differs between the two is
/// its change; everything else is taken from disk, so another process's writes survive. See
/// `Conversation.merged(onto:base:latest:)` for the rules.
enum ConversationEdit: Sendable {
    /// Everything that differs between `base` and `latest`. With no `base`, all of `latest`.
    case changes(base: Conversation?, latest: Conversation)
    /// A targeted change (rename, archive, mark interrupted); needs the file to exist.
    case modify(@Sendable (inout Conversation) -> Void)

    /// The conversation after this edit; `disk` is what the file holds now (`nil`: no file).
    func applied(to disk: Conversation?, id: String) throws -> Conversation {
        switch self {
        case .changes(let base, let latest):
            guard let disk else { return latest }
            return Conversation.merged(onto: disk, base: base, latest: latest)
        case .modify(let change):
            guard var conversation = disk else { throw ChatStoreError.notFound(id) }
            change(&conversation)
            return conversation
        }
    }

    /// Two changes by the same writer, one after the other, as one change.
    func followed(by later: ConversationEdit) -> ConversationEdit {
        if case .changes(let base, _) = self, case .changes(_, let latest) = later {
            return .changes(base: base, latest: latest)
        }
        return later
    }
}

extension Conversation {
    /// The three-way merge every write goes through.
    ///
    /// - Messages are matched by id. A message the writer added or changed (`latest` differs from
    ///   `base`) takes the writer's version; one the writer removed (in `base`, not in `latest`) is
    ///   removed; every other message is kept as it is on disk, including messages only on disk.
    /// - Each field (title, bot, parameters, system prompt, draft, draft attachments, archived,
    ///   unread) takes the writer's value only if the writer changed it.
    /// - The result is ordered by creation time, then id; `updatedAt` is the latest of the disk's,
    ///   the writer's (if changed) and the changed messages' times.
    static func merged(onto disk: Conversation, base: Conversation?, latest: Conversation) -> Conversation {
        var result = disk
        func take<Value: Equatable>(_ field: WritableKeyPath<Conversation, Value>) {
            if base?[keyPath: field] != latest[keyPath: field] {
                result[keyPath: field] = latest[keyPath: field]
            }
        }
        take(\.title)
        take(\.bot)
        take(\.parameters)
        take(\.systemPrompt)
        take(\.draft)
        take(\.draftAttachments)
        take(\.archived)
        take(\.unread)
        if base?.updatedAt != latest.updatedAt {
            result.updatedAt = max(result.updatedAt, latest.updatedAt)
        }

        // Fast path: the writer's messages are exactly its base's (a draft or title change).
        let unchanged = base.map { MessageComparison.firstDifference($0.messages, latest.messages) } ?? 0
        if let base, base.messages.count == latest.messages.count, unchanged == latest.messages.count {
            return result
        }
        let merge = MessageMerge(
            disk: disk.messages, base: base?.messages ?? [], latest: latest.messages, unchangedPrefix: unchanged)
        result.messages = merge.messages
        if let newest = merge.newestChange { result.updatedAt = max(result.updatedAt, newest) }
        return result
    }
}
