import Foundation

/// `index.json`: reading it, checking it against the conversation files, rebuilding and writing it.
///
/// Staleness: each entry keeps the signature (inode, size, modification time) of the file it was
/// read from. At start-up the index is compared with a listing of `conversations/` and a `stat`
/// of each file (no file is read): files without an entry or with another signature are read
/// and their entries replaced; entries without a file are dropped. A missing or unreadable index
/// is rebuilt from every file. While a store runs, the index is re-read whenever its own
/// signature changes (another process wrote it).
extension StoreFolder {
    /// The entries as another process may have left them; takes the lock only to repair.
    func indexEntries() throws -> [String: IndexEntry] {
        let signature = FileSystem.signature(of: layout.index)
        let cached = cache.withLock { cache -> [String: IndexEntry]? in
            guard cache.indexLoaded, cache.indexReadOnly || cache.indexSignature == signature else { return nil }
            return cache.index
        }
        if let cached { return cached }
        return try writeLock.withExclusive {
            try refreshIndexLocked()
            return cache.withLock { $0.index }
        }
    }

    /// Changes entries and writes the index (unless it belongs to a newer poe-tui).
    func updateIndexLocked(_ change: (inout [String: IndexEntry]) -> Void) throws {
        try refreshIndexLocked()
        var entries = cache.withLock { $0.index }
        let before = entries
        change(&entries)
        guard entries != before else { return }
        try writeIndexLocked(entries)
    }

    /// Loads the index if it changed on disk since this store last read or wrote it.
    /// - Parameter validate: compare every entry with its file (start-up).
    func refreshIndexLocked(validate: Bool = false) throws {
        let signature = FileSystem.signature(of: layout.index)
        let (loaded, readOnly, cachedSignature) = cache.withLock { ($0.indexLoaded, $0.indexReadOnly, $0.indexSignature) }
        if loaded && !validate && (readOnly || cachedSignature == signature) { return }

        var entries: [String: IndexEntry] = [:]
        var mustWrite = false
        var isReadOnly = false
        var readSignature: FileSignature?
        switch readIndexFile() {
        case .entries(let read, let signature):
            entries = read
            readSignature = signature
        case .missing:
            mustWrite = true
        case .corrupt(let reason):
            _ = try quarantineLocked(layout.index, reason: reason)
            mustWrite = true
        case .newer(let schema):
            reportNewer(layout.index, schema)
            isReadOnly = true
        }
        let checked = validate || mustWrite || isReadOnly
        if checked {
            let repaired = try repairedEntries(entries)
            mustWrite = mustWrite || repaired != entries
            entries = repaired
        }
        cache.withLock {
            $0.index = entries
            $0.indexLoaded = true
            $0.indexReadOnly = isReadOnly
            $0.indexSignature = readSignature
        }
        if mustWrite && !isReadOnly { try writeIndexLocked(entries) }
    }

    func writeIndexLocked(_ entries: [String: IndexEntry]) throws {
        let readOnly = cache.withLock { cache in
            cache.index = entries
            return cache.indexReadOnly
        }
        guard !readOnly else { return }
        // Sorting the ids and looking the entries up moves less than sorting the entries.
        let file = IndexFile(schema: StoreFormat.currentSchema, conversations: entries.keys.sorted().map { entries[$0]! })
        let signature = try FileSystem.writeAtomically(StoreEncoding.encode(file), to: layout.index, fault: options.faultInjection)
        cache.withLock { $0.indexSignature = signature }
    }

    /// `entries` made true to `conversations/`: entries whose file is unchanged are kept, files
    /// that changed or are new are read (migrated, or quarantined), vanished files are dropped.
    private func repairedEntries(_ entries: [String: IndexEntry]) throws -> [String: IndexEntry] {
        var repaired: [String: IndexEntry] = [:]
        repaired.reserveCapacity(entries.count)
        for (name, signature) in try FileSystem.jsonFiles(in: layout.conversations) {
            guard let id = StoreLayout.id(ofFileNamed: name) else { continue }
            if let entry = entries[id], let signature, entry.file == signature {
                repaired[id] = entry
            } else if let entry = entryByReadingLocked(id) {
                repaired[id] = entry
            }
        }
        return repaired
    }

    /// The entry for `conversations/<id>.json`, read from the file; `nil` when it cannot be
    /// listed (corrupt: moved aside; unreadable or unreadably new: reported).
    func entryByReadingLocked(_ id: String) -> IndexEntry? {
        guard let loaded = try? readLocked(layout.conversation(id), id: id) else { return nil }
        return IndexEntry(loaded.conversation, schema: loaded.schema, file: loaded.signature)
    }

    private enum IndexRead {
        case entries([String: IndexEntry], FileSignature)
        case missing
        case corrupt(String)
        case newer(Int)
    }

    private func readIndexFile() -> IndexRead {
        let data: Data
        let signature: FileSignature
        do {
            guard let (read, readSignature) = try readData(layout.index) else { return .missing }
            data = read
            signature = readSignature
        } catch {
            // Unreadable (reported by readData): rebuilt in memory, and replaced if it can be.
            return .missing
        }
        if let file = IndexDecoding.decode(data), file.schema == StoreFormat.currentSchema {
            return .entries(Self.entriesByID(file), signature)
        }
        // Anything the fast reader does not take: JSONDecoder decides, and says what is wrong.
        let decoder = StoreFormat.decoder()
        struct Header: Decodable { var schema: Int }
        guard let header = try? decoder.decode(Header.self, from: data) else {
            return .corrupt(JSONProbe.headerProblem(data))
        }
        if header.schema > StoreFormat.currentSchema { return .newer(header.schema) }
        // An older index holds nothing that cannot be rebuilt from the files.
        guard header.schema == StoreFormat.currentSchema else { return .missing }
        do {
            return .entries(Self.entriesByID(try decoder.decode(IndexFile.self, from: data)), signature)
        } catch {
            return .corrupt(StoreFormat.reason(error))
        }
    }

    private static func entriesByID(_ file: IndexFile) -> [String: IndexEntry] {
        var entries: [String: IndexEntry] = [:]
        entries.reserveCapacity(file.conversations.count)
        for entry in file.conversations where StoreID.isValid(entry.summary.id) {
            entries[entry.summary.id] = entry
        }
        return entries
    }
}

