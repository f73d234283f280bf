import ChatStore
import Foundation
import TerminalUI

/// A file a bot sent, located: which reply, which of its files.
public struct FileReference: Sendable, Hashable {
    public var messageID: String
    public var index: Int
    public var file: ReceivedFile

    public init(messageID: String, index: Int, file: ReceivedFile) {
        self.messageID = messageID
        self.index = index
        self.file = file
    }
}

/// Files bots sent back: Alt-S saves the newest reply's files to the downloads folder; Alt-O
/// lists the conversation's files (newest first) to open one (saved first), save one, or save
/// all of its reply.
public enum ReceivedFiles {
    /// Every file bots sent in the conversation, newest reply first, in each reply's order.
    public static func all(in conversation: Conversation?) -> [FileReference] {
        guard let conversation else { return [] }
        return conversation.messages.reversed().flatMap { message in
            message.files.enumerated().map { FileReference(messageID: message.id, index: $0.offset, file: $0.element) }
        }
    }

    static let noFiles = StatusMessage("No files here: image, video and audio bots send files with their replies.")

    /// Alt-S: the newest reply that has files, all of them.
    static func saveNewest(_ state: inout AppState) -> [Effect] {
        let files = all(in: state.current)
        guard let id = state.currentID, let newest = files.first else {
            state.status = noFiles
            return []
        }
        return [.saveFiles(conversationID: id, files.filter { $0.messageID == newest.messageID }, open: false)]
    }

    /// Alt-O: the list, or a word when there is nothing to list.
    static func openList(_ state: inout AppState) -> [Effect] {
        guard !all(in: state.current).isEmpty else {
            state.status = noFiles
            return []
        }
        state.overlay = .files(selection: 0)
        return []
    }

    /// The list's keys, for the help overlay and docs/keys.md.
    public static let keyHelp: [(keys: String, summary: String)] = [
        ("up, down", "Move"), ("enter, o", "Open the file (saved first)"), ("s", "Save it to the downloads folder"),
        ("a", "Save every file of its reply"), ("esc", "Close"),
    ]

    /// Keys while the list is open: ↑↓ choose, Enter or o opens, s saves it, a saves all of its
    /// reply, Esc closes.
    static func handle(_ state: inout AppState, selection: Int, _ key: KeyPress) -> [Effect] {
        let rows = all(in: state.current)
        guard let id = state.currentID, rows.indices.contains(selection) else {
            state.overlay = nil
            return []
        }
        let chosen = rows[selection]
        switch key.key {
        case .up: state.overlay = .files(selection: max(0, selection - 1))
        case .down: state.overlay = .files(selection: min(rows.count - 1, selection + 1))
        case .enter, .character("o"):
            state.overlay = nil
            return [.saveFiles(conversationID: id, [chosen], open: true)]
        case .character("s"):
            state.overlay = nil
            return [.saveFiles(conversationID: id, [chosen], open: false)]
        case .character("a"):
            state.overlay = nil
            return [.saveFiles(conversationID: id, rows.filter { $0.messageID == chosen.messageID }, open: false)]
        case .escape:
            state.overlay = nil
        default:
            break
        }
        return []
    }

    /// A file was saved: its path is recorded on the message (and so in the store).
    static func saved(_ state: inout AppState, conversationID: String, reference: FileReference) -> [Effect] {
        guard var conversation = state.loaded[conversationID], var message = conversation.message(reference.messageID),
              message.files.indices.contains(reference.index) else { return [] }
        message.files[reference.index] = reference.file
        conversation.update(message)
        state.loaded[conversationID] = conversation
        if let path = reference.file.savedPath {
            state.status = StatusMessage("Saved \(path)")
        }
        return [.save(conversation)]
    }
}
