import Foundation
import Synchronization

/// Every conversation on disk, as JSON files a person can read, back up and script against.
///
/// Writes never block the caller: `save` returns at once and a serial queue writes, coalescing
/// several saves of one conversation into one write of the latest state. Reads (`load`, `list`,
/// `search`, `export`) first write what was saved before them, so they see it.
///
/// Any number of stores, in this process or others, may share one root: each write re-reads the
/// file under a store-wide `flock` and merges (see `Conversation.merged(onto:base:latest:)`), so
/// none loses another's messages. Layout, format and mechanism: `docs/store-format.md`.
///
/// A final class rather than an actor: `save` must return without waiting for any write in
/// progress, and file I/O runs on the store's own queue rather than the cooperative pool.
public final class ConversationStore: Sendable {
    /// The writer id of the app's `save` and `saveNow` calls.
    static let appWriter: WriterID = 0

    let folder: StoreFolder
    let queue = DispatchQueue(label: "poe-tui.chat-store")
    let state = Mutex(StoreState())

    public var root: URL { URL(fileURLWithPath: folder.layout.root, isDirectory: true) }
    public var options: StoreOptions { folder.options }

    /// Opens (creating, mode 0700) the store at `root` and repairs it: leftover temporary files
    /// removed, old trash purged, the index checked against the files (only `index.json` is read
    /// when it is current), older files migrated and replies left streaming marked interrupted.
    /// - Throws: `ChatStoreError.io` when the folder cannot be created or locked.
    public convenience init(root: URL) throws {
        try self.init(root: root, options: StoreOptions())
    }

    public init(root: URL, options: StoreOptions) throws {
        folder = try StoreFolder(root: root, options: options)
        try folder.open()
    }

    /// Problems found so far (corrupt files moved aside, newer files, failed saves), oldest
    /// first. Each is reported once.
    public var problems: [StoreProblem] { folder.problems }

    /// The problems not taken before, removing them (the UI shows each once).
    public func takeProblems() -> [StoreProblem] { folder.takeProblems() }

    /// Conversation summaries from the index, newest first; archived ones only when asked.
    public func list(includeArchived: Bool = false) -> [ConversationSummary] {
        guard !isClosed else { return [] }
        queue.sync { writeAllPending() }
        let entries: [String: IndexEntry]
        do {
            entries = try folder.indexEntries()
        } catch {
            folder.report(folder.layout.index, .unreadable, "\(error)")
            entries = folder.cache.withLock { $0.index }
        }
        return entries.values.map(\.summary)
            .filter { includeArchived || !$0.archived }
            .sorted(by: ConversationSummary.newestFirst)
    }

    /// The conversation, with anything saved before this call.
    ///
    /// A file written by a newer poe-tui loads (read-only, reported in `problems`) but cannot be saved.
    /// - Throws: `invalidID`, `notFound`, `trashed`, `corrupt` (moved aside), `newerSchema` (unreadable), `io`.
    public func load(_ id: String) throws -> Conversation {
        try StoreID.validate(id)
        try checkOpen()
        queue.sync { writePendingReporting(id) }
        guard let loaded = try folder.read(folder.layout.conversation(id), id: id) else {
            throw FileSystem.exists(folder.layout.trashed(id)) ? ChatStoreError.trashed(id) : ChatStoreError.notFound(id)
        }
        state.withLock { $0.remember(loaded.conversation) }
        return loaded.conversation
    }

    /// A new, empty conversation, written before this returns.
    public func create(
        bot: String, title: String = "", parameters: [String: StoredJSON] = [:], systemPrompt: String? = nil
    ) throws -> Conversation {
        try checkOpen()
        let now = folder.now
        let conversation = try queue.sync {
            try folder.create { id in
                Conversation(id: id, title: title, createdAt: now, bot: bot, parameters: parameters, systemPrompt: systemPrompt)
            }
        }
        state.withLock { $0.remember(conversation) }
        return conversation
    }

    /// Saves `conversation` soon, off the caller: what changed since the last `save`, `saveNow`
    /// or `load` of it is merged into the file. Returns at once.
    ///
    /// Failures are recorded in `problems`; the changes stay pending and go with the next save.
    public func save(_ conversation: Conversation) {
        guard StoreID.isValid(conversation.id) else {
            folder.report(folder.layout.root, .writeFailed, ChatStoreError.invalidID(conversation.id).description)
            return
        }
        let edit = takeAppEdit(conversation)
        enqueue(conversation.id, writer: Self.appWriter, source: .edit(edit), delay: folder.options.saveDelay)
    }

    /// Writes `conversation` (merged like `save`, with anything pending) before returning.
    /// - Returns: the conversation as now on disk, with other writers' messages.
    /// - Throws: `newerSchema` (the file is left untouched), `io`, `invalidID`. After an `io`
    ///   error the changes stay pending, as after a failed `save`.
    @discardableResult
    public func saveNow(_ conversation: Conversation) throws -> Conversation {
        try StoreID.validate(conversation.id)
        try checkOpen()
        let edit = takeAppEdit(conversation)
        return try queue.sync {
            try writePending(conversation.id, adding: PendingWrites.Entry(writer: Self.appWriter, source: .edit(edit)))
        } ?? conversation
    }

    /// Waits until everything saved so far (streaming replies included) is on disk.
    public func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.writeAllPending()
                continuation.resume()
            }
        }
    }

    /// Writes everything saved so far, then releases the store's locks; later calls fail with
    /// `ChatStoreError.closed` and later saves are dropped.
    public func close() async {
        state.withLock { $0.closed = true }  // first, so no save slips in after the last flush
        await flush()
        queue.sync {
            folder.writeLock.close()
            folder.liveLock.close()
        }
    }

    // MARK: Helpers

    var isClosed: Bool { state.withLock { $0.closed } }

    func checkOpen() throws(ChatStoreError) {
        if isClosed { throw .closed }
    }

    /// The app writer's change from its last copy of the conversation to `conversation`.
    ///
    /// A message a `ReplyRecorder` is recording belongs to the recorder until it finishes: the
    /// app's copy of it (often a few tokens behind, or the empty placeholder) is left out.
    private func takeAppEdit(_ conversation: Conversation) -> ConversationEdit {
        state.withLock { state in
            let base = state.baselines[conversation.id]
            state.remember(conversation)
            var latest = conversation
            for id in state.recording[conversation.id] ?? [] {
                latest.messages.removeAll { $0.id == id }
                if let recorded = base?.message(id) { latest.messages.append(recorded) }
            }
            return .changes(base: base, latest: latest)
        }
    }
}
