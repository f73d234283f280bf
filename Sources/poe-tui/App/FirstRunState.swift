import ChatCore
import Foundation
import Settings
import TerminalUI

/// What the first-run screen knows: the key typed or pasted so far (never shown whole), the
/// size, and the latest message. Keys and check results change it; what to do next comes back
/// as a `FirstRunCommand` for the screen's loop to carry out.
///
/// Enter checks the key with Poe before saving it; a key Poe refuses is not saved. When Poe
/// cannot be reached the user is told so, and Enter again on the same key saves it unchecked.
struct FirstRunState {
    var width: Int
    var height: Int
    /// Where the key will be saved, as the screen shows it (`~/.config/poe-tui/config.toml`).
    let configPath: String
    private(set) var key = ""
    private(set) var message: StatusMessage?
    /// The number of the check under way, if one is: results of older checks are ignored.
    private(set) var checking: Int?
    private var checksStarted = 0
    /// A key the last check could not confirm either way: Enter on it again saves it.
    private var unconfirmed: String?

    init(width: Int, height: Int, configPath: String) {
        self.width = width
        self.height = height
        self.configPath = configPath
    }

    /// What a check of the key against Poe's balance endpoint found.
    enum CheckResult: Sendable, Equatable {
        case accepted(points: Int)
        /// 401: Poe does not know the key.
        case refused
        /// No answer that says either way: no network, a timeout, a server error.
        case inconclusive(String)
    }

    mutating func handle(_ event: TerminalEvent) -> FirstRunCommand? {
        switch event {
        case .resize(let width, let height):
            self.width = width
            self.height = height
        case .paste(let text):
            // A key copied from a web page often brings a line break or blanks along.
            edit { $0 += text.trimmingCharacters(in: .whitespacesAndNewlines) }
        case .key(let press):
            return handle(press)
        case .mouse:
            break
        }
        return nil
    }

    private mutating func handle(_ press: KeyPress) -> FirstRunCommand? {
        switch (press.key, press.modifiers) {
        case (.character("d"), .control): return .demo
        case (.character("q"), .control), (.character("c"), .control): return .quit
        case (.escape, []):
            guard checking != nil else { return .quit }
            checking = nil
            message = StatusMessage("Check stopped. Enter checks again; Esc quits.")
        case (.enter, []):
            return submit()
        case (.backspace, []):
            edit { if !$0.isEmpty { $0.removeLast() } }
        case (.character("u"), .control):
            edit { $0 = "" }
        case (.character(let character), let modifiers) where modifiers.subtracting(.shift).isEmpty:
            edit { $0.append(character) }
        default:
            break
        }
        return nil
    }

    /// Typing changes the key, which drops any check of the old one.
    private mutating func edit(_ change: (inout String) -> Void) {
        let before = key
        change(&key)
        guard key != before else { return }
        checking = nil
        unconfirmed = nil
        message = nil
    }

    private mutating func submit() -> FirstRunCommand? {
        guard checking == nil else { return nil }
        let trimmed: String
        do {
            trimmed = try ConfigKeyWriter.validated(key)
        } catch {
            message = StatusMessage(error.description, .error)
            return nil
        }
        if trimmed.contains(where: { $0.isWhitespace }) {
            message = StatusMessage("A key has no spaces or line breaks: Ctrl-U clears the field; paste the key again.", .error)
            return nil
        }
        if unconfirmed == trimmed { return .save(trimmed) }
        checksStarted += 1
        checking = checksStarted
        message = StatusMessage("Checking the key with Poe… (Esc stops)")
        return .check(trimmed, number: checksStarted)
    }

    mutating func finishCheck(_ result: CheckResult, number: Int) -> FirstRunCommand? {
        guard checking == number else { return nil }
        checking = nil
        switch result {
        case .accepted:
            return .save(key.trimmingCharacters(in: .whitespacesAndNewlines))
        case .refused:
            message = StatusMessage("Poe does not accept this key. Copy it again from https://poe.com/api_key (Ctrl-U clears).", .error)
        case .inconclusive(let reason):
            unconfirmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = reason.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            message = StatusMessage("Could not check the key (\(reason)). Enter saves it unchecked; Ctrl-D starts the demo.", .warning)
        }
        return nil
    }

    mutating func saveFailed(_ reason: String) {
        message = StatusMessage(reason, .error)
    }
}

/// What the first-run loop does next.
enum FirstRunCommand: Equatable {
    /// Ask Poe whether the key is good; the result comes back with its number.
    case check(String, number: Int)
    case save(String)
    case demo
    case quit
}
