import Foundation

/// The write queue: pending changes, their deadlines, and writing them.
///
/// Everything here that writes runs on `queue`, one transaction at a time; callers only touch
/// `state` (under its mutex) to add changes, so they never wait for the disk.
extension ConversationStore {
    /// Adds a change for `id` and makes sure a write happens within `delay`.
    func enqueue(_ id: String, writer: WriterID, source: PendingWrites.Source, delay: TimeInterval) {
        let deadline = DispatchTime.now() + delay
        let schedule = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            var pending = state.pending[id] ?? PendingWrites()
            pending.add(PendingWrites.Entry(writer: writer, source: source))
            let sooner = pending.deadline.map { deadline < $0 } ?? true
            if sooner { pending.deadline = deadline }
            state.pending[id] = pending
            return sooner
        }
        if schedule {
            queue.asyncAfter(deadline: deadline) { self.writeIfDue(id) }
        }
    }

    /// A new writer id for a `ReplyRecorder` of `messageID`, which from now on belongs to it.
    func startRecording(_ messageID: String, in conversationID: String) -> WriterID {
        state.withLock { state in
            state.recording[conversationID, default: []].insert(messageID)
            defer { state.nextWriter += 1 }
            return state.nextWriter
        }
    }

    /// The recorder of `messageID` is done; the app's saves may change the message again.
    func stopRecording(_ messageID: String, in conversationID: String) {
        state.withLock { state in
            state.recording[conversationID]?.remove(messageID)
            if state.recording[conversationID]?.isEmpty == true { state.recording[conversationID] = nil }
        }
    }

    /// Writes `id`'s pending changes now, on the queue, without blocking the caller (a recorder's `finish`).
    func writeNow(_ id: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.writePendingReporting(id)
                continuation.resume()
            }
        }
    }

    /// On `queue`: the write a deadline asked for, unless an earlier write took care of it.
    private func writeIfDue(_ id: String) {
        let due = state.withLock { state in
            state.pending[id]?.deadline.map { $0 <= DispatchTime.now() } ?? false
        }
        if due { writePendingReporting(id) }
    }

    /// On `queue`: writes every pending change, reporting failures.
    func writeAllPending() {
        let ids = state.withLock { Array($0.pending.keys) }
        for id in ids { writePendingReporting(id) }
    }

    /// On `queue`: writes `id`'s pending changes; a failure becomes a problem.
    func writePendingReporting(_ id: String) {
        do {
            try writePending(id)
        } catch {
            folder.report(folder.layout.conversation(id), .writeFailed, failureReason(error))
        }
    }

    /// On `queue`: writes `id`'s pending changes (and `extra`) in one transaction.
    /// - Returns: the conversation as written; `nil` when there was nothing to write.
    @discardableResult
    func writePending(_ id: String, adding extra: PendingWrites.Entry? = nil) throws -> Conversation? {
        let entries = state.withLock { state -> [PendingWrites.Entry] in
            var entries = state.pending.removeValue(forKey: id)?.entries ?? []
            if let extra { entries.append(extra) }
            return entries
        }
        let edits = PendingWrites.resolve(entries)
        guard !edits.isEmpty else { return nil }
        do {
            return try folder.commit(id, edits.map(\.edit))
        } catch {
            if isWorthRetrying(error) { putBack(edits, for: id) }
            throw error
        }
    }

    /// Failed changes go back in front of anything added meanwhile, unscheduled: the next save
    /// or flush tries them again, merged with what came after.
    private func putBack(_ edits: [(writer: WriterID, edit: ConversationEdit)], for id: String) {
        state.withLock { state in
            var pending = PendingWrites()
            for (writer, edit) in edits {
                pending.add(PendingWrites.Entry(writer: writer, source: .edit(edit)))
            }
            if let newer = state.pending[id] {
                for entry in newer.entries { pending.add(entry) }
                pending.deadline = newer.deadline
            }
            state.pending[id] = pending
        }
    }

    /// A newer poe-tui's file, a missing conversation or a closed store will not get better.
    private func isWorthRetrying(_ error: any Error) -> Bool {
        guard let error = error as? ChatStoreError else { return true }
        switch error {
        case .io, .corrupt: return true
        case .invalidID, .notFound, .trashed, .alreadyExists, .newerSchema, .closed: return false
        }
    }

    private func failureReason(_ error: any Error) -> String {
        (error as? ChatStoreError)?.description ?? "\(error)"
    }
}
