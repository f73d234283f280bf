import Foundation

/// Rename, archive, trash: each a transaction of its own, after the conversation's pending saves.
extension ConversationStore {
    public func rename(_ id: String, to title: String) throws {
        try modify(id) { $0.title = title }
    }

    /// Archived conversations leave the default list (`list(includeArchived: true)` shows them).
    public func archive(_ id: String, _ archived: Bool = true) throws {
        try modify(id) { $0.archived = archived }
    }

    /// Moves the conversation to `trash/`, where `restore` can bring it back until it is purged
    /// (`StoreOptions.trashRetention` after deletion, when a store next opens).
    public func delete(_ id: String) throws {
        try StoreID.validate(id)
        try checkOpen()
        try queue.sync {
            writePendingReporting(id)
            try folder.moveToTrash(id)
        }
        state.withLock { $0.forget(id) }
    }

    /// Brings a conversation back from the trash.
    /// - Throws: `notFound` when it is not in the trash, `alreadyExists` when a live conversation has its id.
    public func restore(_ id: String) throws {
        try StoreID.validate(id)
        try checkOpen()
        try queue.sync { try folder.restoreFromTrash(id) }
    }

    /// The trash, most recently deleted first (`trashedAt` set); reads each trashed file.
    public func trashed() -> [ConversationSummary] {
        guard !isClosed else { return [] }
        do {
            return try folder.trashedSummaries()
        } catch {
            folder.report(folder.layout.trash, .unreadable, "\(error)")
            return []
        }
    }

    private func modify(_ id: String, _ change: @escaping @Sendable (inout Conversation) -> Void) throws {
        try StoreID.validate(id)
        try checkOpen()
        try queue.sync {
            writePendingReporting(id)
            try folder.commit(id, [.modify(change)], liveOnly: true)
        }
    }
}
