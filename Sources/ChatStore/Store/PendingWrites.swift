import Foundation

/// Who made a change: `0` is the app's `save` calls, each `ReplyRecorder` has its own number.
/// Each writer's changes are measured against its own last saved copy.
typealias WriterID = UInt64

/// Changes to one conversation waiting for the write queue, in the order they were made.
struct PendingWrites: Sendable {
    /// Where a pending change comes from.
    enum Source: Sendable {
        case edit(ConversationEdit)
        /// Asked for when the write happens, so a streaming reply hands over its latest text
        /// without copying the conversation on every token. `nil`: nothing new.
        case pull(@Sendable () -> ConversationEdit?)
    }

    struct Entry: Sendable {
        var writer: WriterID
        var source: Source
    }

    var entries: [Entry] = []
    /// When the queue should write them; `nil` when no write is scheduled (a failed write's
    /// changes wait for the next save or flush).
    var deadline: DispatchTime?

    /// Adds a change. A writer's `.changes` right after its own pending one joins it (keeping the
    /// older base), so a burst of saves is one write of the latest state. Changes are never moved
    /// past another writer's: applied in order, each writer's view of a message wins only where
    /// it changed it last.
    mutating func add(_ entry: Entry) {
        switch entry.source {
        case .edit(let edit):
            if let last = entries.last, last.writer == entry.writer, case .edit(let earlier) = last.source {
                entries[entries.count - 1] = Entry(writer: entry.writer, source: .edit(earlier.followed(by: edit)))
            } else {
                entries.append(entry)
            }
        case .pull:
            let waiting = entries.contains { existing in
                guard existing.writer == entry.writer, case .pull = existing.source else { return false }
                return true
            }
            if !waiting { entries.append(entry) }
        }
    }

    /// The changes to write, in order; adjacent changes of one writer joined.
    static func resolve(_ entries: [Entry]) -> [(writer: WriterID, edit: ConversationEdit)] {
        var resolved: [(writer: WriterID, edit: ConversationEdit)] = []
        for entry in entries {
            let edit: ConversationEdit?
            switch entry.source {
            case .edit(let value): edit = value
            case .pull(let pull): edit = pull()
            }
            guard let edit else { continue }
            if let last = resolved.last, last.writer == entry.writer {
                resolved[resolved.count - 1] = (entry.writer, last.edit.followed(by: edit))
            } else {
                resolved.append((entry.writer, edit))
            }
        }
        return resolved
    }
}

/// What a `ConversationStore` keeps in memory between calls.
struct StoreState: Sendable {
    /// How many conversations' baselines are kept. Browsing many large conversations must not
    /// keep them all alive; without its baseline, a conversation's next save counts everything
    /// in it as changed, which still keeps other writers' messages.
    static let baselineLimit = 32

    var closed = false
    /// The app writer's last saved (or loaded) copy of each conversation: its next `save` changes
    /// only what differs from this.
    var baselines: [String: Conversation] = [:]
    /// Ids in `baselines`, least recently used first.
    var baselineOrder: [String] = []
    var pending: [String: PendingWrites] = [:]
    /// Messages a `ReplyRecorder` is recording, by conversation: the app's saves leave them alone.
    var recording: [String: Set<String>] = [:]
    var nextWriter: WriterID = 1

    mutating func remember(_ conversation: Conversation) {
        baselines[conversation.id] = conversation
        baselineOrder.removeAll { $0 == conversation.id }
        baselineOrder.append(conversation.id)
        if baselineOrder.count > Self.baselineLimit {
            baselines[baselineOrder.removeFirst()] = nil
        }
    }

    mutating func forget(_ id: String) {
        baselines[id] = nil
        baselineOrder.removeAll { $0 == id }
    }
}
