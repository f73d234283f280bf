import ChatStore

/// Moving between conversations.
enum Switching {
    static func jump(_ state: inout AppState, toPosition position: Int) -> [Effect] {
        guard state.conversations.indices.contains(position) else { return [] }
        return open(&state, state.conversations[position].id)
    }

    static func step(_ state: inout AppState, by offset: Int) -> [Effect] {
        guard !state.conversations.isEmpty else { return [] }
        let current = state.conversations.firstIndex { $0.id == state.currentID } ?? 0
        let next = (current + offset + state.conversations.count) % state.conversations.count
        return open(&state, state.conversations[next].id)
    }

    /// Alt-A: the next conversation, after this one in list order, with unread replies.
    static func nextUnread(_ state: inout AppState) -> [Effect] {
        let count = state.conversations.count
        guard count > 0 else { return [] }
        let start = state.conversations.firstIndex { $0.id == state.currentID } ?? -1
        for step in 1...count {
            let candidate = state.conversations[(start + step + count) % count]
            if candidate.unread > 0, candidate.id != state.currentID { return open(&state, candidate.id) }
        }
        state.status = StatusMessage("No unread replies.")
        return []
    }

    /// Shows `id`, marking it read; loads it when it is not in memory.
    static func open(_ state: inout AppState, _ id: String) -> [Effect] {
        state.currentID = id
        guard var conversation = state.loaded[id] else { return [.load(id: id)] }
        guard conversation.unread > 0 else { return [] }
        conversation.unread = 0
        state.loaded[id] = conversation
        Summaries.refresh(&state, conversation)
        return [.save(conversation)]
    }
}

/// Up and Down: move between lines of a multi-line message, or recall messages sent here.
enum InputHistory {
    static func recall(_ state: inout AppState, older: Bool) {
        let key = state.currentID ?? ""
        if older, !state.input.isCaretOnFirstLine {
            state.input.moveLine(by: -1)
            return
        }
        if !older, !state.input.isCaretOnLastLine {
            state.input.moveLine(by: 1)
            return
        }
        let sent = state.current?.messages.filter { $0.role == .user }.map(\.content) ?? []
        guard !sent.isEmpty else { return }
        var cursor = state.historyCursor[key] ?? 0  // 0: the draft; 1: the last sent; …
        cursor = older ? min(cursor + 1, sent.count) : max(cursor - 1, 0)
        state.historyCursor[key] = cursor == 0 ? nil : cursor
        state.input = InputBuffer(text: cursor == 0 ? "" : sent[sent.count - cursor])
    }
}

/// Scrolling the message pane: lines back from the bottom; 0 follows new text.
enum Scrolling {
    static func page(_ state: AppState) -> Int { max(1, state.height - 6) }

    static func scroll(_ state: inout AppState, by lines: Int) {
        let key = state.currentID ?? ""
        let next = max(0, (state.scrollBack[key] ?? 0) + lines)
        state.scrollBack[key] = next == 0 ? nil : next
    }
}
