import FilePicking
import TerminalUI

/// Keys to actions: the defaults, with the user's `[keys]` overrides from config.toml on top.
/// A binding is one key, or a prefix key then a key (Ctrl-X Ctrl-E).
public struct KeyMap: Sendable, Equatable {
    public struct Binding: Sendable, Hashable {
        public var keys: [KeyPress]
        public var action: Action

        public var name: String { keys.map(\.description).joined(separator: " ") }
    }

    public private(set) var bindings: [Binding]

    public static let defaults = KeyMap(bindings: [
        bind(.enter, .send),
        bind(KeyPress(.enter, .alt), .newline), bind(.control("j"), .newline),
        bind(.left, .caretLeft), bind(.right, .caretRight),
        bind(.control("a"), .lineStart), bind(.home, .lineStart), bind(.control("e"), .lineEnd),
        bind(KeyPress(.character("b"), .alt), .wordLeft), bind(KeyPress(.left, .control), .wordLeft),
        bind(KeyPress(.character("f"), .alt), .wordRight), bind(KeyPress(.right, .control), .wordRight),
        bind(.backspace, .backspace), bind(.delete, .deleteForward),
        bind(.control("k"), .killToLineEnd), bind(.control("u"), .killToLineStart),
        bind(.control("w"), .killWordBackward), bind(.control("y"), .yank),
        bind(.up, .historyPrevious), bind(.down, .historyNext),
        Binding(keys: [.control("x"), .control("e")], action: .editInEditor), bind(.tab, .completePath), bind(.control("o"), .attachFiles),
        bind(.control("n"), .newConversation),
        bind(KeyPress(.up, .alt), .previousConversation), bind(KeyPress(.down, .alt), .nextConversation),
        bind(KeyPress(.character("a"), .alt), .nextUnread),
        bind(KeyPress(.character("1"), .alt), .conversation1), bind(KeyPress(.character("2"), .alt), .conversation2),
        bind(KeyPress(.character("3"), .alt), .conversation3), bind(KeyPress(.character("4"), .alt), .conversation4),
        bind(KeyPress(.character("5"), .alt), .conversation5), bind(KeyPress(.character("6"), .alt), .conversation6),
        bind(KeyPress(.character("7"), .alt), .conversation7), bind(KeyPress(.character("8"), .alt), .conversation8),
        bind(KeyPress(.character("9"), .alt), .conversation9),
        bind(.function(2), .rename), bind(.control("d"), .delete),
        bind(.control("b"), .botPicker), bind(.escape, .stop),
        bind(KeyPress(.character("r"), .alt), .retry),
        bind(KeyPress(.character("s"), .alt), .saveFiles), bind(KeyPress(.character("o"), .alt), .openFile), bind(.control("c"), .interrupt),
        bind(.pageUp, .pageUp), bind(.pageDown, .pageDown), bind(.end, .followBottom),
        bind(.function(1), .help), bind(.control("z"), .suspend), bind(.control("q"), .quit),
    ])

    private static func bind(_ key: KeyPress.Key, _ action: Action) -> Binding { Binding(keys: [KeyPress(key)], action: action) }
    private static func bind(_ key: KeyPress, _ action: Action) -> Binding { Binding(keys: [key], action: action) }

    /// What a key sequence does: an action, a prefix awaiting its next key, or nothing.
    public enum Lookup: Sendable, Equatable {
        case action(Action)
        case prefix
        case unbound
    }

    public func lookup(_ keys: [KeyPress]) -> Lookup {
        if let binding = bindings.first(where: { $0.keys == keys }) { return .action(binding.action) }
        if bindings.contains(where: { $0.keys.count > keys.count && Array($0.keys.prefix(keys.count)) == keys }) { return .prefix }
        return .unbound
    }

    /// The defaults with `overrides` (key name → action name, as in config.toml `[keys]`)
    /// applied: the named key now does that action; `"none"` unbinds it.
    /// - Throws: `KeyMapError` naming the bad key or action.
    public static func withOverrides(_ overrides: [String: String]) throws(KeyMapError) -> KeyMap {
        var map = defaults
        for (name, actionName) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let keys = KeyName.parseSequence(name) else { throw .unknownKey(name) }
            map.bindings.removeAll { $0.keys == keys }
            if actionName == "none" { continue }
            guard let action = Action(rawValue: actionName) else {
                throw .unknownAction(actionName, key: name)
            }
            map.bindings.append(Binding(keys: keys, action: action))
        }
        return map
    }

    /// The keys bound to `action`, as written in docs ("ctrl-b", "ctrl-x ctrl-e").
    public func keys(for action: Action) -> [String] {
        bindings.filter { $0.action == action }.map(\.name)
    }

    /// A Markdown table of every action and its keys: docs/keys.md is this text.
    public func documentation() -> String {
        var lines = ["# Keys", "", "Generated from the keymap (`poe-tui keys`); rebind in config.toml under `[keys]`,",
                     "e.g. `\"ctrl-g\" = \"bot_picker\"`, or `\"ctrl-b\" = \"none\"` to unbind.", "",
                     "| keys | action | name in config |", "|---|---|---|"]
        for action in Action.allCases {
            let keys = self.keys(for: action)
            lines.append("| \(keys.isEmpty ? "(unbound)" : keys.map { "`\($0)`" }.joined(separator: ", ")) | \(action.summary) | `\(action.rawValue)` |")
        }
        lines += ["", "## Commands typed in the input", "", "| command | what it does |", "|---|---|"]
        for command in SlashCommand.documentation {
            lines.append("| `\(command.usage)` | \(command.summary) |")
        }
        let panels = [("In the file picker (Ctrl-O)", "Fixed keys, as in fzf, nnn and ranger.", FilePicker.keyHelp),
                      ("In the list of files from bots (Alt-O)", "Fixed keys.", ReceivedFiles.keyHelp)]
        for (title, note, keys) in panels {
            lines += ["", "## \(title)", "", note, "", "| keys | action |", "|---|---|"]
            for key in keys { lines.append("| `\(key.keys)` | \(key.summary) |") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum KeyMapError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case unknownAction(String, key: String)

    public var description: String {
        switch self {
        case .unknownKey(let name):
            return "[keys]: '\(name)' is not a key name (examples: ctrl-b, alt-enter, f2, pgup, \"ctrl-x ctrl-e\")"
        case .unknownAction(let action, let key):
            return "[keys]: '\(key)' = '\(action)': no such action; the actions are listed in docs/keys.md"
        }
    }
}

/// Key names as config files and docs write them: `ctrl-b`, `alt-enter`, `shift-tab`, `f1`.
enum KeyName {
    static func parseSequence(_ text: String) -> [KeyPress]? {
        let parts = text.lowercased().split(separator: " ").map(String.init)
        guard !parts.isEmpty else { return nil }
        var keys: [KeyPress] = []
        for part in parts {
            guard let key = parse(part) else { return nil }
            keys.append(key)
        }
        return keys
    }

    static func parse(_ name: String) -> KeyPress? {
        var words = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // "ctrl--" would be ctrl and a minus; keep it simple: the last word is the key.
        guard let last = words.popLast(), !last.isEmpty else { return nil }
        var modifiers: KeyPress.Modifiers = []
        for word in words {
            switch word {
            case "ctrl", "control", "c": modifiers.insert(.control)
            case "alt", "meta", "m": modifiers.insert(.alt)
            case "shift", "s": modifiers.insert(.shift)
            default: return nil
            }
        }
        let named: [String: KeyPress.Key] = [
            "enter": .enter, "return": .enter, "tab": .tab, "backspace": .backspace, "delete": .delete, "del": .delete,
            "esc": .escape, "escape": .escape, "insert": .insert, "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "space": .character(" "),
        ]
        if let key = named[last] { return KeyPress(key, modifiers) }
        if last.hasPrefix("f"), let number = Int(last.dropFirst()), (1...12).contains(number) { return KeyPress(.function(number), modifiers) }
        if last.count == 1, let character = last.first { return KeyPress(.character(character), modifiers) }
        return nil
    }
}
