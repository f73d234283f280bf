@testable import CursesTerminal
import Testing
import TerminalUI

/// Raw input as curses hands it over → events.
@Suite struct InputDecoderTests {
    static let table = KeyCodeTable(keys: KeyCodeTable.standard.keys, pasteStart: 0x7000, pasteEnd: 0x7001)

    static func code(_ key: KeyPress) -> RawInput {
        .keyCode(table.code(for: key)!)
    }

    static func text(_ string: String) -> [RawInput] {
        string.unicodeScalars.map { .scalar($0) }
    }

    static func decode(_ batches: [RawInput]...) -> [TerminalEvent] {
        var decoder = InputDecoder(keys: table)
        return batches.flatMap { decoder.decode($0) }
    }

    static func keys(_ names: String...) -> [String] { names }

    static func names(_ events: [TerminalEvent]) -> [String] {
        events.map { event in
            switch event {
            case .key(let press): return press.description
            case .paste(let text): return "paste:\(text)"
            case .resize(let width, let height): return "resize:\(width)x\(height)"
            case .mouse(let mouse): return "mouse:\(mouse)"
            }
        }
    }

    @Test func printableTextIsCharacters() {
        #expect(Self.names(Self.decode(Self.text("aB 日🙂"))) == ["a", "b", "space", "日", "🙂"])
        #expect(Self.decode(Self.text("B")) == [.key(KeyPress(.character("B")))])
    }

    @Test func scalarsOfOneGraphemeJoin() {
        #expect(Self.decode(Self.text("e\u{301}x")) == [.key(KeyPress(.character("e\u{301}"))), .key(KeyPress(.character("x")))])
        #expect(Self.decode(Self.text("🇯🇵")) == [.key(KeyPress(.character("🇯🇵")))])
        #expect(Self.decode(Self.text("👍🏽")) == [.key(KeyPress(.character("👍🏽")))])
    }

    @Test(arguments: [
        (0x0D, "enter"), (0x0A, "ctrl-j"), (0x09, "tab"), (0x08, "backspace"), (0x7F, "backspace"),
        (0x01, "ctrl-a"), (0x02, "ctrl-b"), (0x03, "ctrl-c"), (0x11, "ctrl-q"), (0x1A, "ctrl-z"),
        (0x00, "ctrl-space"), (0x1F, "ctrl-_"),
    ])
    func controlCodes(code: UInt32, name: String) {
        #expect(Self.names(Self.decode([.scalar(Unicode.Scalar(code)!)])) == [name])
    }

    @Test func cursesKeyCodes() {
        let up = Self.code(KeyPress(.up)), f1 = Self.code(KeyPress(.function(1)))
        let shiftF1 = Self.code(KeyPress(.function(1), .shift)), backspace = Self.code(KeyPress(.backspace))
        let shiftTab = Self.code(KeyPress(.tab, .shift)), delete = Self.code(KeyPress(.delete))
        #expect(Self.names(Self.decode([up, f1, shiftF1, backspace, shiftTab, delete]))
            == ["up", "f1", "shift-f1", "backspace", "shift-tab", "delete"])
        #expect(Self.decode([.keyCode(0x6FFF)]).isEmpty)  // unknown codes are dropped
    }

    @Test func escapeThenKeyIsAlt() {
        #expect(Self.names(Self.decode(Self.text("\u{1B}a"))) == ["alt-a"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}\r"))) == ["alt-enter"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}\u{7F}"))) == ["alt-backspace"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}\u{02}"))) == ["ctrl-alt-b"])
        #expect(Self.names(Self.decode([.scalar("\u{1B}"), Self.code(KeyPress(.up))])) == ["alt-up"])
    }

    @Test func escapeAtTheEndOfABatchIsEsc() {
        #expect(Self.names(Self.decode(Self.text("\u{1B}"), Self.text("a"))) == ["esc", "a"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}\u{1B}"))) == ["esc", "esc"])
    }

    @Test(arguments: [
        ("\u{1B}[1;3A", "alt-up"), ("\u{1B}[1;3B", "alt-down"), ("\u{1B}[1;5D", "ctrl-left"),
        ("\u{1B}[1;5C", "ctrl-right"), ("\u{1B}[1;2A", "shift-up"), ("\u{1B}[A", "up"), ("\u{1B}[H", "home"),
        ("\u{1B}[3~", "delete"), ("\u{1B}[5;5~", "ctrl-pgup"), ("\u{1B}[15;2~", "shift-f5"),
        ("\u{1B}[24~", "f12"), ("\u{1B}[Z", "shift-tab"), ("\u{1B}OP", "f1"), ("\u{1B}OA", "up"),
        ("\u{1B}[13;3u", "alt-enter"), ("\u{1B}[98;5u", "ctrl-b"), ("\u{1B}[27;3;13~", "alt-enter"),
    ])
    func sequencesCursesLeftUndecoded(sequence: String, name: String) {
        #expect(Self.names(Self.decode(Self.text(sequence))) == [name])
    }

    @Test func sgrMouseReports() {
        #expect(Self.decode(Self.text("\u{1B}[<64;6;4M")) == [.mouse(.wheelUp(x: 5, y: 3))])
        #expect(Self.decode(Self.text("\u{1B}[<65;1;1M")) == [.mouse(.wheelDown(x: 0, y: 0))])
        #expect(Self.decode(Self.text("\u{1B}[<0;10;2M\u{1B}[<0;10;2m")) == [.mouse(.press(x: 9, y: 1))])
    }

    @Test func focusReportsAndDeviceRepliesAreDropped() {
        #expect(Self.decode(Self.text("\u{1B}[I\u{1B}[O\u{1B}[?1;2c")).isEmpty)
    }

    @Test func brokenSequencesBecomeTheKeysTyped() {
        #expect(Self.names(Self.decode(Self.text("\u{1B}["))) == ["alt-["])
        #expect(Self.names(Self.decode(Self.text("\u{1B}[1"))) == ["alt-[", "1"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}O"))) == ["alt-o"])
        #expect(Self.names(Self.decode(Self.text("\u{1B}[\r"))) == ["alt-[", "enter"])
    }

    @Test func pasteBetweenDefinedKeyCodes() {
        let events = Self.decode([.keyCode(0x7000)] + Self.text("a\rb\r\nc\n\u{1B}x\u{3}") + [.keyCode(0x7001)] + Self.text("z"))
        #expect(events == [.paste("a\nb\nc\n\u{1B}x\u{3}"), .key(KeyPress(.character("z")))])
    }

    @Test func pasteBetweenRawMarkers() {
        #expect(Self.decode(Self.text("\u{1B}[200~a\nb\u{1B}[201~")) == [.paste("a\nb")])
    }

    @Test func pasteSpansBatchesAndKeepsOtherEvents() {
        var decoder = InputDecoder(keys: Self.table)
        #expect(decoder.decode([.keyCode(0x7000)] + Self.text("one\r")).isEmpty)
        #expect(decoder.isInPaste)
        #expect(decoder.decode([.event(.resize(width: 90, height: 30))] + Self.text("two")) == [.resize(width: 90, height: 30)])
        // A key code inside a paste is an escape sequence in the pasted text: dropped, not acted on.
        #expect(decoder.decode([Self.code(KeyPress(.up)), .keyCode(0x7001)]) == [.paste("one\ntwo")])
        #expect(!decoder.isInPaste)
    }

    @Test func abandonedPasteKeepsItsText() {
        var decoder = InputDecoder(keys: Self.table)
        _ = decoder.decode([.keyCode(0x7000)] + Self.text("half"))
        #expect(decoder.abandonPaste() == [.paste("half")])
        #expect(decoder.abandonPaste().isEmpty)
        #expect(decoder.decode(Self.text("k")) == [.key(KeyPress(.character("k")))])
    }

    @Test func lineEndsNormalised() {
        #expect(InputDecoder.normalizedLineEnds("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n")
    }

    @Test func xtermModifierParameter() {
        #expect(EscapeSequence.modifiers(xtermParameter: 1) == [])
        #expect(EscapeSequence.modifiers(xtermParameter: 2) == .shift)
        #expect(EscapeSequence.modifiers(xtermParameter: 3) == .alt)
        #expect(EscapeSequence.modifiers(xtermParameter: 5) == .control)
        #expect(EscapeSequence.modifiers(xtermParameter: 8) == [.shift, .alt, .control])
        #expect(EscapeSequence.modifiers(xtermParameter: 9) == .alt)  // Meta
    }

    @Test func standardTableNumbersModifiedFunctionKeys() {
        let table = KeyCodeTable.standard
        #expect(table.code(for: KeyPress(.function(13))) == nil)
        #expect(table.code(for: KeyPress(.function(1), .shift)) != nil)
        #expect(table.code(for: KeyPress(.function(12), .alt)) != nil)
    }
}
