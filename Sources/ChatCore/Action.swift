/// Everything a key can do. The keymap binds keys to these; `docs/keys.md` and the help
/// overlay are generated from the same table, so they never drift.
public enum Action: String, Sendable, CaseIterable, Codable {
    // Sending and editing
    case send, newline
    case caretLeft = "caret_left", caretRight = "caret_right"
    case lineStart = "line_start", lineEnd = "line_end"
    case wordLeft = "word_left", wordRight = "word_right"
    case backspace, deleteForward = "delete_forward"
    case killToLineEnd = "kill_to_line_end", killToLineStart = "kill_to_line_start"
    case killWordBackward = "kill_word_backward", yank
    case historyPrevious = "history_previous", historyNext = "history_next"
    case editInEditor = "edit_in_editor", completePath = "complete_path", attachFiles = "attach_files"
    // Conversations
    case newConversation = "new_conversation"
    case previousConversation = "previous_conversation", nextConversation = "next_conversation"
    case nextUnread = "next_unread"
    case conversation1 = "conversation_1", conversation2 = "conversation_2", conversation3 = "conversation_3"
    case conversation4 = "conversation_4", conversation5 = "conversation_5", conversation6 = "conversation_6"
    case conversation7 = "conversation_7", conversation8 = "conversation_8", conversation9 = "conversation_9"
    case rename, delete
    // Bots and replies
    case botPicker = "bot_picker", stop, retry, interrupt
    // Files
    case saveFiles = "save_files", openFile = "open_file"
    // Reading
    case pageUp = "page_up", pageDown = "page_down", followBottom = "follow_bottom"
    // The app
    case help, suspend, quit

    /// One line for the help overlay and docs/keys.md.
    public var summary: String {
        switch self {
        case .send: return "Send the message"
        case .newline: return "Insert a newline"
        case .caretLeft: return "Move left"
        case .caretRight: return "Move right"
        case .lineStart: return "Start of line"
        case .lineEnd: return "End of line"
        case .wordLeft: return "Previous word"
        case .wordRight: return "Next word"
        case .backspace: return "Delete before the caret"
        case .deleteForward: return "Delete after the caret"
        case .killToLineEnd: return "Cut to end of line"
        case .killToLineStart: return "Cut to start of line"
        case .killWordBackward: return "Cut the previous word"
        case .yank: return "Paste what was cut"
        case .historyPrevious: return "Up a line, or the previous message sent here"
        case .historyNext: return "Down a line, or the next message sent here"
        case .editInEditor: return "Edit the message in $EDITOR"
        case .attachFiles: return "Attach files from a picker"
        case .completePath: return "Complete the file path after @ (it is attached when sent)"
        case .newConversation: return "New conversation with the current bot"
        case .previousConversation: return "Previous conversation"
        case .nextConversation: return "Next conversation"
        case .nextUnread: return "Next conversation with unread replies"
        case .conversation1, .conversation2, .conversation3, .conversation4, .conversation5,
             .conversation6, .conversation7, .conversation8, .conversation9:
            return "Conversation \(conversationNumber ?? 0) in the list"
        case .rename: return "Rename the conversation"
        case .delete: return "Delete the conversation (to the trash, after a confirmation)"
        case .botPicker: return "Choose the bot for the next turn"
        case .stop: return "Stop the reply on screen, or close an overlay"
        case .retry: return "Retry a failed or stopped reply"
        case .saveFiles: return "Save the newest reply's files to the downloads folder"
        case .openFile: return "Files bots sent here: open, save one, or save all"
        case .interrupt: return "Stop a streaming reply; twice within a second quits"
        case .pageUp: return "Scroll up a page"
        case .pageDown: return "Scroll down a page"
        case .followBottom: return "Back to the newest message, following it"
        case .help: return "This help"
        case .suspend: return "Suspend to the shell (fg resumes)"
        case .quit: return "Quit"
        }
    }

    /// 1 to 9 for the jump-to-conversation actions.
    public var conversationNumber: Int? {
        let all: [Action] = [.conversation1, .conversation2, .conversation3, .conversation4, .conversation5,
                             .conversation6, .conversation7, .conversation8, .conversation9]
        return all.firstIndex(of: self).map { $0 + 1 }
    }
}
