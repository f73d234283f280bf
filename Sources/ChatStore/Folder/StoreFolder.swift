import Foundation
import Synchronization

/// The store's root folder: every read and write of its files, the locks, and the caches that
/// spare re-reading files this process wrote itself.
///
/// Methods ending in `Locked` expect the caller to hold `writeLock` (`flock` is not re-entrant
/// within one descriptor: an inner unlock would release the outer hold). The `ConversationStore`
/// calls the others from its serial write queue, or from its initialiser.
final class StoreFolder: Sendable {
    let layout: StoreLayout
    let options: StoreOptions
    /// Held exclusively for the duration of each write transaction, by every store on this root.
    let writeLock: StoreLock
    /// Held shared by every open store, so a store that can take it exclusively knows it is alone.
    let liveLock: StoreLock
    let cache = Mutex(FolderCache())
    private let reports = Mutex(ProblemLog())

    init(root: URL, options: StoreOptions) throws {
        layout = StoreLayout(root: root)
        self.options = options
        try FileSystem.makeFolder(layout.root)
        try FileSystem.makeFolder(layout.conversations)
        try FileSystem.makeFolder(layout.trash)
        writeLock = try StoreLock(path: layout.lock)
        liveLock = try StoreLock(path: layout.live)
    }

    var now: Date { options.clock() }

    // MARK: Problems

    /// Records `problem` unless the same problem about the same file was already reported.
    func report(_ problem: StoreProblem) {
        reports.withLock { $0.add(problem) }
    }

    func report(_ path: String, _ kind: StoreProblem.Kind, _ reason: String) {
        report(StoreProblem(path: path, kind: kind, reason: reason, date: now))
    }

    var problems: [StoreProblem] { reports.withLock { $0.problems } }

    func takeProblems() -> [StoreProblem] {
        reports.withLock { log in
            defer { log.problems.removeAll() }
            return log.problems
        }
    }

    // MARK: Reading conversations

    /// A conversation as read from its file.
    struct Loaded: Sendable {
        var conversation: Conversation
        var signature: FileSignature
        var schema: Int

        var isReadOnly: Bool { schema > StoreFormat.currentSchema }
    }

    /// Reads the conversation at `path` without the write lock when it is current or newer; a
    /// file that needs work (migration, quarantine) is read again under the lock. `nil`: no file.
    func read(_ path: String, id: String) throws -> Loaded? {
        if let cached = cachedIfUnchanged(path, id: id) { return cached }
        guard let (data, signature) = try readData(path) else { return nil }
        if case .some(let contents) = try? ConversationFile.decode(data, id: id) {
            switch contents {
            case .current(let conversation):
                return Loaded(conversation: conversation, signature: signature, schema: StoreFormat.currentSchema)
            case .newer(let conversation?, let schema):
                reportNewer(path, schema)
                return Loaded(conversation: conversation, signature: signature, schema: schema)
            case .newer, .migrated:
                break
            }
        }
        return try writeLock.withExclusive { try readLocked(path, id: id) }
    }

    /// Reads the conversation at `path`, rewriting an older schema in the current one and moving
    /// a corrupt file aside (reported, then thrown as `ChatStoreError.corrupt`). `nil`: no file.
    func readLocked(_ path: String, id: String) throws -> Loaded? {
        if let cached = cachedIfUnchanged(path, id: id) { return cached }
        guard let (data, signature) = try readData(path) else { return nil }
        let contents: ConversationFile.Contents
        do {
            contents = try ConversationFile.decode(data, id: id)
        } catch {
            let movedTo = try quarantineLocked(path, reason: error.reason)
            throw ChatStoreError.corrupt(path: path, reason: error.reason, movedTo: movedTo)
        }
        switch contents {
        case .current(let conversation):
            return Loaded(conversation: conversation, signature: signature, schema: StoreFormat.currentSchema)
        case .migrated(let conversation, _):
            let written = try writeLocked(conversation, to: path, id: id)
            return Loaded(conversation: conversation, signature: written, schema: StoreFormat.currentSchema)
        case .newer(let conversation, let schema):
            reportNewer(path, schema)
            guard let conversation else {
                throw ChatStoreError.newerSchema(path: path, found: schema, supported: StoreFormat.currentSchema)
            }
            return Loaded(conversation: conversation, signature: signature, schema: schema)
        }
    }

    /// Writes `conversation` to `path` atomically and remembers it, so the next transaction on it
    /// need not read it back, and its next write need not encode its unchanged messages again.
    @discardableResult
    func writeLocked(_ conversation: Conversation, to path: String, id: String) throws -> FileSignature {
        // Taken out of the cache, so its bytes have one owner and are reused in place.
        var previous = cache.withLock { cache -> EncodedConversation? in
            defer { cache.lastEncoded = nil }
            return cache.lastEncoded?.id == id ? cache.lastEncoded?.encoding : nil
        }
        let encoded: EncodedConversation
        do {
            encoded = try StoreEncoding.encode(ConversationFile(conversation), reusing: &previous)
        } catch {
            throw ChatStoreError.io(path: path, reason: "cannot encode: \(error)")
        }
        let signature = try FileSystem.writeAtomically(encoded.bytes, to: path, fault: options.faultInjection)
        cache.withLock {
            $0.written[id] = FolderCache.Written(path: path, signature: signature, conversation: conversation)
            $0.lastEncoded = (id, encoded)
        }
        return signature
    }

    /// The file's bytes; a read failure other than "no such file" is reported as well as thrown.
    func readData(_ path: String) throws -> (Data, FileSignature)? {
        do {
            return try FileSystem.read(path)
        } catch let error as ChatStoreError {
            if case .io(_, let reason) = error { report(path, .unreadable, reason) }
            throw error
        }
    }

    /// Moves a corrupt file aside (under the lock, so no writer replaces it meanwhile); returns where it went.
    func quarantineLocked(_ path: String, reason: String) throws -> String {
        let destination = StoreLayout.quarantinePath(for: path, at: now)
        try FileSystem.move(path, to: destination)
        report(path, .quarantined(movedTo: destination), reason)
        return destination
    }

    func reportNewer(_ path: String, _ schema: Int) {
        report(path, .newerSchema(found: schema, supported: StoreFormat.currentSchema), "schema \(schema)")
    }

    private func cachedIfUnchanged(_ path: String, id: String) -> Loaded? {
        guard let written = cache.withLock({ $0.written[id] }), written.path == path,
            FileSystem.signature(of: path) == written.signature
        else { return nil }
        return Loaded(conversation: written.conversation, signature: written.signature, schema: StoreFormat.currentSchema)
    }
}

/// What a `StoreFolder` remembers between transactions.
struct FolderCache: Sendable {
    /// A file this process wrote, with its contents: while the signature matches, it is not read back.
    struct Written: Sendable {
        var path: String
        var signature: FileSignature
        var conversation: Conversation
    }

    var written: [String: Written] = [:]
    /// The bytes of the conversation written last (only that one, to bound memory): a reply
    /// streaming into it rewrites it every second, and its next write keeps what did not change.
    var lastEncoded: (id: String, encoding: EncodedConversation)?
    /// The index's entries, by id, and the signature of the `index.json` they came from.
    var index: [String: IndexEntry] = [:]
    var indexSignature: FileSignature?
    var indexLoaded = false
    /// `index.json` was written by a newer poe-tui: the index is kept in memory only.
    var indexReadOnly = false
}

/// Problems not yet taken, and every problem ever reported, so each is reported once.
struct ProblemLog: Sendable {
    var problems: [StoreProblem] = []
    private var seen: [StoreProblem] = []

    mutating func add(_ problem: StoreProblem) {
        guard !seen.contains(where: { $0.isSame(as: problem) }) else { return }
        seen.append(problem)
        problems.append(problem)
    }
}
