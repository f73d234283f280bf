import ChatStore
import Foundation

/// Sending a message: the user's message and an empty streaming reply join the conversation,
/// which is saved, and the reply is asked for.
enum Sending {
    /// Sends `text` from the draft `draft` (a conversation's id; "" before any exists). Without
    /// a conversation, one is created first and the text is sent once it exists.
    static func sendOrCreate(_ state: inout AppState, draft: String, text: String, now: Date) -> [Effect] {
        guard !draft.isEmpty, state.loaded[draft] != nil else {
            state.pendingSend = text
            return [.create(bot: state.defaultBot)]
        }
        return send(&state, in: draft, text: text, now: now)
    }

    static func send(_ state: inout AppState, in id: String, text: String, now: Date) -> [Effect] {
        guard var conversation = state.loaded[id] else { return [] }
        if let uploads = Attaching.uploadFirst(&state, id: id, text: text) { return uploads }
        // The conversation's parameters (`/set`) go with every prompt, and stay recorded on it.
        let files = state.draftAttachments.removeValue(forKey: id) ?? []
        conversation.append(ChatMessage(role: .user, content: text, attachments: files, parameters: conversation.parameters, createdAt: now))
        conversation.draftAttachments = []
        let reply = ChatMessage(role: .bot, bot: conversation.bot, createdAt: now, status: .streaming)
        conversation.append(reply)
        if conversation.title.isEmpty { conversation.title = title(from: text) }
        conversation.draft = ""
        state.loaded[id] = conversation
        state.streams[id] = reply.id
        state.scrollBack[id] = nil
        Summaries.refresh(&state, conversation)
        return [.save(conversation), .startReply(conversation: conversation, replyID: reply.id)]
    }

    /// A title from the start of the first message: its first line, at most 60 characters.
    static func title(from text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
}

/// A streaming reply's updates, into its conversation wherever it is on screen.
enum Streaming {
    /// The conversation is taken out of the state while it changes and the reply is changed in
    /// place (found from the end, where it is): a long conversation's messages and a long reply's
    /// text are then not copied for every update.
    static func apply(_ state: inout AppState, conversationID: String, messageID: String, update: ReplyUpdate, now: Date) -> [Effect] {
        guard var conversation = state.loaded.removeValue(forKey: conversationID) else { return [] }
        guard let index = conversation.messages.lastIndex(where: { $0.id == messageID }) else {
            state.loaded[conversationID] = conversation
            return []
        }
        switch update {
        case .text(let text): conversation.messages[index].content += text
        case .replace(let text): conversation.messages[index].content = text
        case .suggestion(let text): conversation.messages[index].suggestedReplies.append(text)
        case .file(let file): conversation.messages[index].files.append(file)
        case .finished(let status, let error):
            conversation.messages[index].status = status
            conversation.messages[index].error = error
            conversation.messages[index].completedAt = now
            if state.streams[conversationID] == messageID { state.streams[conversationID] = nil }
            if conversationID != state.currentID { conversation.unread += 1 }
            if let error, conversationID == state.currentID {
                state.status = StatusMessage("\(error.text) \(ErrorAdvice.advice(for: error))", .error)
            }
        }
        conversation.updatedAt = max(conversation.updatedAt, conversation.messages[index].activityDate)
        Summaries.refresh(&state, conversation)
        state.loaded[conversationID] = conversation
        return []
    }
}

/// Keeps the conversation list in step with loaded conversations.
enum Summaries {
    static func refresh(_ state: inout AppState, _ conversation: Conversation) {
        let summary = conversation.summary
        if let index = state.conversations.firstIndex(where: { $0.id == conversation.id }) {
            state.conversations[index] = summary
        } else {
            state.conversations.insert(summary, at: 0)
        }
    }
}
