import Foundation

/// Write transactions: everything that changes a conversation file goes through `commit`.
extension StoreFolder {
    /// Applies `edits` to the conversation as it is on disk now, writes the result and updates
    /// the index, all under the write lock, so no other store's write is lost in between.
    ///
    /// A conversation that is in the trash is written there (a reply finishing after its
    /// conversation was deleted is kept for a restore). A missing file is created from a
    /// `.changes` edit; a corrupt one is moved aside and replaced by the writer's copy.
    /// - Throws: `ChatStoreError.newerSchema` for a newer poe-tui's file, which is never written.
    /// - Parameter liveOnly: refuse a conversation in the trash (`ChatStoreError.trashed`), for
    ///   changes a user asked for.
    @discardableResult
    func commit(_ id: String, _ edits: [ConversationEdit], liveOnly: Bool = false) throws -> Conversation {
        try writeLock.withExclusive { try commitLocked(id, edits, liveOnly: liveOnly) }
    }

    @discardableResult
    func commitLocked(_ id: String, _ edits: [ConversationEdit], liveOnly: Bool = false) throws -> Conversation {
        let livePath = layout.conversation(id)
        let trashPath = layout.trashed(id)
        let inTrash = !FileSystem.exists(livePath) && FileSystem.exists(trashPath)
        if inTrash && liveOnly { throw ChatStoreError.trashed(id) }
        let path = inTrash ? trashPath : livePath

        var loaded: Loaded?
        do {
            loaded = try readLocked(path, id: id)
        } catch ChatStoreError.corrupt {
            loaded = nil  // moved aside and reported; the writer's copy replaces it
        }
        if let loaded, loaded.isReadOnly {
            throw ChatStoreError.newerSchema(path: path, found: loaded.schema, supported: StoreFormat.currentSchema)
        }

        var conversation = loaded?.conversation
        for edit in edits {
            conversation = try edit.applied(to: conversation, id: id)
        }
        guard let conversation else { throw ChatStoreError.notFound(id) }

        var signature = loaded?.signature
        if signature == nil || loaded.map({ !conversation.isSame(as: $0.conversation) }) ?? true {
            signature = try writeLocked(conversation, to: path, id: id)
            if inTrash, let deletedAt = loaded?.signature.modifiedDate {
                // The trash keeps the deletion time in the modification time; a late write keeps it.
                try FileSystem.setModified(path, to: deletedAt)
                cache.withLock { $0.written[id] = nil }
            }
        }
        if !inTrash, let signature {
            try updateIndexLocked { entries in
                let entry = IndexEntry(conversation, file: signature)
                // When only the file's signature changed (a draft, a streamed token), the index
                // is not rewritten: the next store to open re-reads this one file instead.
                if var old = entries[id] {
                    old.file = entry.file
                    if old == entry { return }
                }
                entries[id] = entry
            }
        }
        return conversation
    }

    /// Creates a new conversation file; `make` is called again with a fresh id if one is taken.
    func create(_ make: (_ id: String) -> Conversation) throws -> Conversation {
        try writeLock.withExclusive {
            var conversation = make(StoreID.newConversationID(at: now))
            while FileSystem.exists(layout.conversation(conversation.id)) || FileSystem.exists(layout.trashed(conversation.id)) {
                conversation = make(StoreID.newConversationID(at: now))
            }
            let signature = try writeLocked(conversation, to: layout.conversation(conversation.id), id: conversation.id)
            try updateIndexLocked { $0[conversation.id] = IndexEntry(conversation, file: signature) }
            return conversation
        }
    }
}
