import ChatStore
import Foundation
import TerminalUI

/// Renaming, deleting and retrying: the conversation-management keys.
enum Managing {
    /// F2: type the new title; Enter keeps it, Esc cancels.
    static func rename(_ state: inout AppState, _ buffer: InputBuffer, _ key: KeyPress) -> [Effect] {
        var buffer = buffer
        switch (key.key, key.modifiers) {
        case (.escape, _):
            state.overlay = nil
            return []
        case (.enter, _):
            state.overlay = nil
            let title = buffer.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let id = state.currentID, var conversation = state.loaded[id], !title.isEmpty else { return [] }
            conversation.title = title
            state.loaded[id] = conversation
            Summaries.refresh(&state, conversation)
            return [.rename(id: id, title: title)]
        case (.backspace, _): buffer.backspace()
        case (.left, _): buffer.moveLeft()
        case (.right, _): buffer.moveRight()
        case (.character("u"), .control): buffer.replaceAll("")
        case (.character(let character), let modifiers) where modifiers.isDisjoint(with: [.control, .alt]):
            buffer.insert(String(character))
        default: break
        }
        state.overlay = .rename(buffer)
        return []
    }

    /// Ctrl-D, then y (or Enter) deletes to the trash; anything else keeps the conversation.
    static func confirmDelete(_ state: inout AppState, _ id: String, _ key: KeyPress) -> [Effect] {
        state.overlay = nil
        guard key == KeyPress(.character("y")) || key == KeyPress(.enter) else {
            state.status = StatusMessage("Kept.")
            return []
        }
        var effects: [Effect] = []
        if state.isStreaming(id) { effects.append(.cancelReply(conversationID: id)) }
        let position = state.conversations.firstIndex { $0.id == id } ?? 0
        state.conversations.removeAll { $0.id == id }
        state.loaded[id] = nil
        state.inputs[id] = nil
        state.currentID = nil
        state.status = StatusMessage("Moved to the trash; `poe-tui restore \(id)` brings it back.")
        effects.append(.delete(id: id))
        if !state.conversations.isEmpty {
            effects += Switching.open(&state, state.conversations[min(position, state.conversations.count - 1)].id)
        }
        return effects
    }

    /// Alt-R: ask again for a reply that failed, was stopped or interrupted, with the same bot.
    static func retry(_ state: inout AppState, now: Date) -> [Effect] {
        guard let id = state.currentID, var conversation = state.loaded[id], !state.isStreaming(id),
              let last = conversation.messages.last, last.role == .bot,
              [.error, .cancelled, .interrupted].contains(last.status) else {
            state.status = StatusMessage("Nothing to retry: Alt-R asks again for a failed or stopped reply.")
            return []
        }
        conversation.messages.removeLast()
        let reply = ChatMessage(role: .bot, bot: last.bot ?? conversation.bot, createdAt: now, status: .streaming)
        conversation.append(reply)
        state.loaded[id] = conversation
        state.streams[id] = reply.id
        state.scrollBack[id] = nil
        state.status = nil
        Summaries.refresh(&state, conversation)
        return [.save(conversation), .startReply(conversation: conversation, replyID: reply.id)]
    }
}
