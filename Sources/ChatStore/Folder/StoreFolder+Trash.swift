import Foundation

/// The trash: `trash/<id>.json`, whose modification time is the deletion time.
///
/// Deleting is a `rename`, so a crash leaves the conversation in one place or the other. The
/// modification time is set to the deletion time just before the rename, so the purge needs no
/// file to be read.
extension StoreFolder {
    func moveToTrash(_ id: String) throws {
        try writeLock.withExclusive {
            let live = layout.conversation(id)
            guard FileSystem.exists(live) else { throw ChatStoreError.notFound(id) }
            try FileSystem.setModified(live, to: now)
            try FileSystem.move(live, to: layout.trashed(id))
            cache.withLock { $0.written[id] = nil }
            try updateIndexLocked { $0[id] = nil }
        }
    }

    func restoreFromTrash(_ id: String) throws {
        try writeLock.withExclusive {
            let trashed = layout.trashed(id)
            let live = layout.conversation(id)
            guard FileSystem.exists(trashed) else { throw ChatStoreError.notFound(id) }
            guard !FileSystem.exists(live) else { throw ChatStoreError.alreadyExists(id) }
            try FileSystem.move(trashed, to: live)
            cache.withLock { $0.written[id] = nil }
            // Corrupt: moved aside, reported and thrown; newer: listed, read-only.
            guard let loaded = try readLocked(live, id: id) else { throw ChatStoreError.notFound(id) }
            try updateIndexLocked { $0[id] = IndexEntry(loaded.conversation, schema: loaded.schema, file: loaded.signature) }
        }
    }

    /// Summaries of the trash, most recently deleted first; reads each trashed file.
    func trashedSummaries() throws -> [ConversationSummary] {
        var summaries: [ConversationSummary] = []
        for id in try StoreLayout.ids(in: layout.trash) {
            let path = layout.trashed(id)
            guard let loaded = try? read(path, id: id) else { continue }
            var summary = loaded.conversation.summary
            summary.trashedAt = loaded.signature.modifiedDate
            summaries.append(summary)
        }
        return summaries.sorted { first, second in
            first.trashedAt != second.trashedAt ? first.trashedAt! > second.trashedAt! : first.id > second.id
        }
    }

    /// Removes trashed conversations deleted more than `trashRetention` ago.
    func purgeTrashLocked() throws {
        let cutoff = now.addingTimeInterval(-options.trashRetention)
        for id in try StoreLayout.ids(in: layout.trash) {
            let path = layout.trashed(id)
            if let signature = FileSystem.signature(of: path), signature.modifiedDate < cutoff {
                try FileSystem.remove(path)
            }
        }
    }
}
