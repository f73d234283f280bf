import Foundation
import Synchronization

/// Keeps a streaming reply on disk: updates are held in memory and written at most once a
/// second (`StoreOptions.recordingInterval`); `finish` writes at once.
///
/// So a crash or kill loses at most about a second of tokens, and the next store to open marks
/// the message `interrupted`, keeping its text. Appending is a string append under a lock: no
/// copy of the conversation per token, and no waiting for the disk.
///
/// The recorder is a writer of its own: each write carries only its message (see
/// `ConversationEdit`), so the app's saves of the same conversation, and other processes, are
/// merged with it rather than overwritten. Until `finish`, the message belongs to the recorder:
/// the app's `save` leaves it as recorded.
/// - Important: after `finish`, put the returned message into the app's copy of the
///   conversation; a later `save` of an older copy of it would count as a change.
public final class ReplyRecorder: Sendable {
    public let conversationID: String
    public let messageID: String
    private let store: ConversationStore
    private let writer: WriterID
    private let state: Mutex<Recording>

    private struct Recording: Sendable {
        /// The conversation with the reply as it stands.
        var conversation: Conversation
        /// What this recorder last handed to the store; its next write is the difference.
        var saved: Conversation
        var position: Int
        /// Changed since `saved`.
        var dirty = true
        /// A write is waiting in the store's queue.
        var scheduled = false
        var finished = false

        var message: ChatMessage {
            get { conversation.messages[position] }
            set { conversation.messages[position] = newValue }
        }
    }

    /// Starts recording the reply `messageID` of `conversation`: the message is used if the
    /// conversation has it (its status becomes `streaming`), else a bot message is added for the
    /// conversation's bot. It is on disk within the recording interval.
    public init(store: ConversationStore, conversation: Conversation, messageID: String) {
        self.store = store
        conversationID = conversation.id
        self.messageID = messageID
        writer = store.startRecording(messageID, in: conversation.id)
        var recorded = conversation
        var saved = conversation
        if let position = conversation.messages.firstIndex(where: { $0.id == messageID }) {
            recorded.messages[position].status = .streaming
            saved.messages.remove(at: position)
        } else {
            // After every message there, even one made in the same millisecond (the question).
            let after = conversation.messages.last.map { $0.createdAt.addingTimeInterval(0.001) } ?? .distantPast
            recorded.append(
                ChatMessage(
                    id: messageID, role: .bot, bot: conversation.bot, createdAt: max(store.options.clock(), after),
                    status: .streaming))
        }
        let position = recorded.messages.firstIndex { $0.id == messageID }!
        state = Mutex(Recording(conversation: recorded, saved: saved, position: position))
        scheduleWrite()
    }

    /// The reply as recorded so far.
    public var message: ChatMessage { state.withLock { $0.message } }

    /// Adds streamed text.
    public func append(_ text: String) {
        update { $0.content += text }
    }

    /// Replaces the whole text (Poe's `replace_response`).
    public func replace(_ text: String) {
        update { $0.content = text }
    }

    public func addSuggestedReply(_ reply: String) {
        update { $0.suggestedReplies.append(reply) }
    }

    public func addFile(_ file: ReceivedFile) {
        update { $0.files.append(file) }
    }

    /// Ends the reply with `status` and writes it before returning. Later updates are ignored.
    /// A failed write is reported in the store's `problems` and retried with its next write.
    @discardableResult
    public func finish(status: MessageStatus, error: MessageError? = nil, pointsSpent: Int? = nil) async -> ChatMessage {
        let message = state.withLock { recording -> ChatMessage in
            if !recording.finished {
                recording.finished = true
                recording.message.status = status
                recording.message.error = error
                recording.message.pointsSpent = pointsSpent ?? recording.message.pointsSpent
                recording.message.completedAt = StoreDate.rounded(store.options.clock())
                recording.dirty = true
            }
            return recording.message
        }
        scheduleWrite()
        await store.writeNow(conversationID)
        store.stopRecording(messageID, in: conversationID)
        return message
    }

    deinit {
        store.stopRecording(messageID, in: conversationID)
    }

    private func update(_ change: (inout ChatMessage) -> Void) {
        let needsWrite = state.withLock { recording -> Bool in
            guard !recording.finished else { return false }
            // In place: going through `message` would copy the text on every token.
            change(&recording.conversation.messages[recording.position])
            recording.dirty = true
            return !recording.scheduled
        }
        if needsWrite { scheduleWrite() }
    }

    /// Puts a write in the store's queue unless one is waiting; the store asks for the latest
    /// state only when it writes.
    private func scheduleWrite() {
        let needed = state.withLock { recording -> Bool in
            guard !recording.scheduled else { return false }
            recording.scheduled = true
            return true
        }
        guard needed else { return }
        store.enqueue(
            conversationID, writer: writer, source: .pull({ self.takeEdit() }), delay: store.options.recordingInterval)
    }

    /// The change since the last write, for the store's write queue; `nil` when there is none.
    private func takeEdit() -> ConversationEdit? {
        state.withLock { recording in
            recording.scheduled = false
            guard recording.dirty else { return nil }
            recording.dirty = false
            defer { recording.saved = recording.conversation }
            return .changes(base: recording.saved, latest: recording.conversation)
        }
    }
}
