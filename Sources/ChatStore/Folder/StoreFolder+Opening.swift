import Foundation

/// What a store does once when it opens, under the write lock.
extension StoreFolder {
    /// Cleans up after crashes and makes the index true; see `docs/store-format.md`.
    ///
    /// 1. Temporary files left by a write that never reached its rename are removed (every write
    ///    holds the lock from creating its temporary file to renaming it, so none is in use).
    /// 2. Trash older than `trashRetention` is purged.
    /// 3. The index is checked against the files and repaired (`refreshIndexLocked(validate:)`).
    /// 4. Files of a newer schema are reported.
    /// 5. If no other store is open on this root, messages left `streaming` become `interrupted`.
    ///    With another store open they may be its live replies, so they are left alone.
    func open() throws {
        let alone = try liveLock.tryExclusive(patience: .milliseconds(50))
        if !alone { try liveLock.holdShared() }
        try writeLock.withExclusive {
            try removeTemporaryFilesLocked()
            try purgeTrashLocked()
            try refreshIndexLocked(validate: true)
            let entries = cache.withLock { $0.index }
            for entry in entries.values where entry.schema > StoreFormat.currentSchema {
                reportNewer(layout.conversation(entry.summary.id), entry.schema)
            }
            if alone {
                for entry in entries.values where entry.streaming > 0 && entry.schema == StoreFormat.currentSchema {
                    try markInterruptedLocked(entry.summary.id)
                }
            }
        }
        // Held exclusively until now, so a store opening meanwhile waited rather than streamed.
        if alone { try liveLock.holdShared() }
    }

    private func removeTemporaryFilesLocked() throws {
        for folder in layout.folders {
            for name in try FileSystem.names(in: folder) where FileSystem.isTemporary(name) {
                try FileSystem.remove("\(folder)/\(name)")
            }
        }
    }

    private func markInterruptedLocked(_ id: String) throws {
        do {
            try commitLocked(
                id,
                [
                    .modify { conversation in
                        for position in conversation.messages.indices
                        where conversation.messages[position].status == .streaming {
                            conversation.messages[position].status = .interrupted
                        }
                    }
                ], liveOnly: true)
        } catch let error as ChatStoreError {
            // One conversation that cannot be repaired must not keep the store from opening.
            report(layout.conversation(id), .writeFailed, error.description)
        }
    }
}
