/// A key as the terminal adapter reports it, with its modifiers.
public struct KeyPress: Sendable, Hashable, CustomStringConvertible {
    public enum Key: Sendable, Hashable {
        case character(Character)
        case enter, tab, backspace, delete, escape, insert
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    public struct Modifiers: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1 << 0)
        public static let alt = Modifiers(rawValue: 1 << 1)
        public static let shift = Modifiers(rawValue: 1 << 2)
    }

    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// Ctrl plus a letter, as terminals send it (Ctrl-A is U+0001).
    public static func control(_ letter: Character) -> KeyPress { KeyPress(.character(letter), .control) }
    public static func alt(_ key: Key) -> KeyPress { KeyPress(key, .alt) }

    /// The key's name as the keymap and docs write it: `ctrl-b`, `alt-enter`, `f1`, `pgup`.
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("ctrl") }
        if modifiers.contains(.alt) { parts.append("alt") }
        if modifiers.contains(.shift) { parts.append("shift") }
        switch key {
        case .character(" "): parts.append("space")
        case .character(let character): parts.append(String(character).lowercased())
        case .enter: parts.append("enter")
        case .tab: parts.append("tab")
        case .backspace: parts.append("backspace")
        case .delete: parts.append("delete")
        case .escape: parts.append("esc")
        case .insert: parts.append("insert")
        case .up: parts.append("up")
        case .down: parts.append("down")
        case .left: parts.append("left")
        case .right: parts.append("right")
        case .home: parts.append("home")
        case .end: parts.append("end")
        case .pageUp: parts.append("pgup")
        case .pageDown: parts.append("pgdn")
        case .function(let number): parts.append("f\(number)")
        }
        return parts.joined(separator: "-")
    }
}

/// A mouse action the interface uses.
public enum MouseEvent: Sendable, Hashable {
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
    case press(x: Int, y: Int)
}

/// Everything the terminal tells the application.
public enum TerminalEvent: Sendable, Hashable {
    case key(KeyPress)
    /// Bracketed paste: the whole pasted text, newlines included; it never sends.
    case paste(String)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}
