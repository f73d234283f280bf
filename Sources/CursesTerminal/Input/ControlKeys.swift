internal import TerminalUI

/// What a single character from the terminal means as a key: C0 control codes are Ctrl keys,
/// Enter, Tab, Backspace; everything printable is itself.
enum ControlKeys {
    /// The key for one scalar, or nil for codes that mean nothing alone (C1 controls).
    ///
    /// - Important: U+000D is Enter (curses runs with `nonl`), U+000A is Ctrl-J, so a keymap can
    ///   bind Ctrl-J to "new line". U+0008 and U+007F are both Backspace: terminals send either.
    static func keyPress(for scalar: Unicode.Scalar) -> KeyPress? {
        switch scalar.value {
        case 0x00: return KeyPress(.character(" "), .control)
        case 0x08, 0x7F: return KeyPress(.backspace)
        case 0x09: return KeyPress(.tab)
        case 0x0A: return .control("j")
        case 0x0D: return KeyPress(.enter)
        case 0x1B: return KeyPress(.escape)
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        // Caret notation: ^\ ^] ^^ ^_ (Ctrl-/ sends ^_ on most terminals).
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(scalar.value + 0x40)!))
        case 0x80...0x9F: return nil
        default: return KeyPress(.character(Character(scalar)))
        }
    }
}
