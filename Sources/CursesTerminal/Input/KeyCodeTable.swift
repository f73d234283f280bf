internal import CNcursesw
internal import TerminalUI

/// What each curses key code means: the standard KEY_* codes, the extended codes terminfo gives
/// modified keys (Alt-Up, Ctrl-Left, ...), and the codes this adapter defines for the
/// bracketed-paste markers.
struct KeyCodeTable: Sendable {
    var keys: [Int32: KeyPress]
    /// The code `ESC[200~` arrives as, once `define_key` taught it to curses.
    var pasteStart: Int32?
    /// The code `ESC[201~` arrives as.
    var pasteEnd: Int32?

    init(keys: [Int32: KeyPress], pasteStart: Int32? = nil, pasteEnd: Int32? = nil) {
        self.keys = keys
        self.pasteStart = pasteStart
        self.pasteEnd = pasteEnd
    }

    /// The codes every curses knows, from curses.h: usable without a terminal.
    static let standard: KeyCodeTable = {
        var keys: [Int32: KeyPress] = [
            KEY_UP: KeyPress(.up), KEY_DOWN: KeyPress(.down),
            KEY_LEFT: KeyPress(.left), KEY_RIGHT: KeyPress(.right),
            KEY_HOME: KeyPress(.home), KEY_END: KeyPress(.end),
            KEY_PPAGE: KeyPress(.pageUp), KEY_NPAGE: KeyPress(.pageDown),
            KEY_IC: KeyPress(.insert), KEY_DC: KeyPress(.delete),
            KEY_BACKSPACE: KeyPress(.backspace), KEY_ENTER: KeyPress(.enter),
            KEY_BTAB: KeyPress(.tab, .shift),
            // The keypad's corners, which some terminals send for Home/End/PgUp/PgDn.
            KEY_A1: KeyPress(.home), KEY_C1: KeyPress(.end),
            KEY_A3: KeyPress(.pageUp), KEY_C3: KeyPress(.pageDown),
            // Shifted keys with codes of their own in terminfo.
            KEY_SR: KeyPress(.up, .shift), KEY_SF: KeyPress(.down, .shift),
            KEY_SLEFT: KeyPress(.left, .shift), KEY_SRIGHT: KeyPress(.right, .shift),
            KEY_SHOME: KeyPress(.home, .shift), KEY_SEND: KeyPress(.end, .shift),
            KEY_SPREVIOUS: KeyPress(.pageUp, .shift), KEY_SNEXT: KeyPress(.pageDown, .shift),
            KEY_SIC: KeyPress(.insert, .shift), KEY_SDC: KeyPress(.delete, .shift),
        ]
        // xterm's terminfo numbers modified F-keys in blocks of twelve: F13-F24 are Shift-F1-F12,
        // F25-F36 Ctrl, F37-F48 Ctrl-Shift, F49-F60 Alt.
        let blocks: [KeyPress.Modifiers] = [[], .shift, .control, [.control, .shift], .alt]
        for (block, modifiers) in blocks.enumerated() {
            for number in 1...12 {
                keys[ncw_key_f(Int32(block * 12 + number))] = KeyPress(.function(number), modifiers)
            }
        }
        return KeyCodeTable(keys: keys)
    }()

    /// The standard table plus what the current terminal's terminfo defines for modified keys
    /// and the paste markers. Needs a running curses screen.
    ///
    /// terminfo names modified keys `k<KEY><m>` with xterm's modifier number m (3 = Alt,
    /// 5 = Ctrl, ...): `kUP3` is Alt-Up, `kLFT5` Ctrl-Left. ncurses gives each one it finds a key
    /// code above KEY_MAX; `key_defined` on the capability's string returns that code.
    static func forCurrentTerminal() -> KeyCodeTable {
        var table = standard
        let names: [(String, KeyPress.Key)] = [
            ("UP", .up), ("DN", .down), ("LFT", .left), ("RIT", .right), ("HOM", .home),
            ("END", .end), ("PRV", .pageUp), ("NXT", .pageDown), ("IC", .insert), ("DC", .delete),
        ]
        for (name, key) in names {
            for number in 2...8 {
                let capability = number == 2 ? "k\(name)" : "k\(name)\(number)"
                guard let sequence = ncw_tigetstr(capability) else { continue }
                let code = key_defined(sequence)
                if code > 0, table.keys[code] == nil {
                    table.keys[code] = KeyPress(key, EscapeSequence.modifiers(xtermParameter: number))
                }
            }
        }
        table.pasteStart = definedCode(for: "\u{1B}[200~", otherwise: 0x7000)
        table.pasteEnd = definedCode(for: "\u{1B}[201~", otherwise: 0x7001)
        return table
    }

    /// The code curses returns for `sequence`; if it knows none, it is taught `newCode` (far
    /// above the codes ncurses hands out to terminfo's extended keys, which start at KEY_MAX).
    private static func definedCode(for sequence: String, otherwise newCode: Int32) -> Int32? {
        let existing = key_defined(sequence)
        if existing > 0 { return existing }
        return define_key(sequence, newCode) == OK ? newCode : nil
    }

    /// The code that means `key`, for tests.
    func code(for key: KeyPress) -> Int32? {
        keys.filter { $0.value == key }.keys.min()
    }
}
