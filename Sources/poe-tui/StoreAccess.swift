import ChatStore
import Foundation
import PoeAPI

/// Opening the conversation store for a command, and telling the user what it found wrong.
enum StoreAccess {
    /// `$XDG_DATA_HOME/poe-tui` (default `~/.local/share/poe-tui`).
    static var root: URL { XDGDirectories().data }

    static func open() throws -> ConversationStore {
        do {
            let store = try ConversationStore(root: root)
            reportProblems(of: store)
            return store
        } catch let error as ChatStoreError {
            throw CommandFailure(status: .usage, message: error.description)
        }
    }

    /// Corrupt files moved aside, files from a newer poe-tui, failed writes: one line each.
    static func reportProblems(of store: ConversationStore) {
        for problem in store.takeProblems() {
            StandardStreams.writeError("poe-tui: \(TerminalText.inertIfTerminal(problem.description))\n")
        }
    }

    /// Runs a store operation, turning its errors into the command's exit status and message.
    static func perform<T>(_ operation: () throws -> T) throws -> T {
        do {
            return try operation()
        } catch let error as ChatStoreError {
            throw CommandFailure(status: .usage, message: error.description)
        }
    }
}

extension TerminalText {
    /// Inert on a terminal (stderr), exact otherwise.
    static func inertIfTerminal(_ text: String) -> String {
        StandardStreams.stderrIsTerminal ? inert(text) : text
    }
}
