internal import TerminalUI

/// Turns what curses reads into events: keys with their modifiers, whole pastes, and the
/// escape sequences curses left undecoded.
///
/// Input comes in batches, one per wake-up of the loop (everything readable at that moment).
/// curses has already waited its escape delay before handing over a lone ESC, so an ESC that
/// ends a batch is the Esc key, and an ESC followed by something in the same batch is Alt.
/// Only a paste may span batches.
struct InputDecoder {
    private enum State: Equatable {
        case ground
        /// ESC seen: Alt plus the next key, or the start of an undecoded sequence.
        case escape
        /// `ESC [` and the parameter bytes so far.
        case controlSequence(String)
        /// `ESC O`.
        case singleShift
        /// Inside a bracketed paste: the text so far.
        case paste(String)
    }

    var keys: KeyCodeTable
    private var state: State = .ground
    private var output: [TerminalEvent] = []

    init(keys: KeyCodeTable) {
        self.keys = keys
    }

    /// True while a paste has started and not ended.
    var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Decodes one batch. A pending ESC or unfinished sequence is resolved at its end.
    mutating func decode(_ batch: [RawInput]) -> [TerminalEvent] {
        for input in batch { step(input) }
        finishBatch()
        defer { output = [] }
        return output
    }

    /// Ends a paste whose end marker never came (the reader gives up after a quiet while), so
    /// input is never swallowed for good.
    mutating func abandonPaste() -> [TerminalEvent] {
        guard case .paste(let text) = state else { return [] }
        state = .ground
        return [.paste(Self.normalizedLineEnds(text))]
    }

    private mutating func step(_ input: RawInput) {
        switch state {
        case .ground: ground(input)
        case .escape: afterEscape(input)
        case .controlSequence(let parameters): inControlSequence(parameters, input)
        case .singleShift: inSingleShift(input)
        case .paste(let text): inPaste(text, input)
        }
    }

    private mutating func ground(_ input: RawInput) {
        switch input {
        case .scalar("\u{1B}"): state = .escape
        case .scalar(let scalar): emitCharacter(scalar)
        case .keyCode(let code):
            if code == keys.pasteStart { state = .paste("") } else if let press = keys.keys[code] { output.append(.key(press)) }
        case .event(let event): output.append(event)
        }
    }

    private mutating func afterEscape(_ input: RawInput) {
        state = .ground
        switch input {
        case .scalar("\u{1B}"):
            output.append(.key(KeyPress(.escape)))
            state = .escape
        case .scalar("["): state = .controlSequence("")
        case .scalar("O"): state = .singleShift
        case .scalar(let scalar):
            if var press = ControlKeys.keyPress(for: scalar) {
                press.modifiers.insert(.alt)
                output.append(.key(press))
            }
        case .keyCode(let code):
            if code == keys.pasteStart {
                output.append(.key(KeyPress(.escape)))
                state = .paste("")
            } else if var press = keys.keys[code] {
                press.modifiers.insert(.alt)  // ESC before a key is how older terminals send Alt
                output.append(.key(press))
            }
        case .event(let event):
            output.append(.key(KeyPress(.escape)))
            output.append(event)
        }
    }

    private mutating func inControlSequence(_ parameters: String, _ input: RawInput) {
        guard case .scalar(let scalar) = input, scalar.isASCII, scalar.value >= 0x20, scalar.value < 0x7F else {
            abandonSequence(introducer: "[", parameters)
            step(input)
            return
        }
        if scalar.value < 0x40 {
            // A parameter or intermediate byte; real sequences are short.
            if parameters.utf8.count < 32 {
                state = .controlSequence(parameters + String(scalar))
            } else {
                state = .ground
            }
            return
        }
        state = .ground
        apply(EscapeSequence.control(parameters: parameters, final: scalar))
    }

    private mutating func inSingleShift(_ input: RawInput) {
        state = .ground
        if case .scalar(let scalar) = input {
            let meaning = EscapeSequence.singleShift(final: scalar)
            if meaning != .ignored {
                apply(meaning)
                return
            }
        }
        abandonSequence(introducer: "O", "")
        step(input)
    }

    private mutating func inPaste(_ text: String, _ input: RawInput) {
        switch input {
        case .scalar(let scalar):
            var text = text
            text.unicodeScalars.append(scalar)
            // The end marker arrives as characters when curses does not know it as a key.
            if scalar == "~", text.unicodeScalars.count >= 6, text.hasSuffix("\u{1B}[201~") {
                text.unicodeScalars.removeLast(6)
                output.append(.paste(Self.normalizedLineEnds(text)))
                state = .ground
            } else {
                state = .paste(text)
            }
        case .keyCode(let code):
            if code == keys.pasteEnd {
                output.append(.paste(Self.normalizedLineEnds(text)))
                state = .ground
            }
            // Any other code is an escape sequence inside the pasted text that curses decoded;
            // its bytes are gone, and a key must not act mid-paste: it is dropped.
        case .event(let event):
            output.append(event)
        }
    }

    private mutating func apply(_ meaning: EscapeSequence.Meaning) {
        switch meaning {
        case .event(let event): output.append(event)
        case .pasteStart: state = .paste("")
        case .pasteEnd, .ignored: break
        }
    }

    /// An ESC sequence that broke off: what was typed is Alt plus the introducer, then the
    /// rest as ordinary keys.
    private mutating func abandonSequence(introducer: Unicode.Scalar, _ parameters: String) {
        state = .ground
        output.append(.key(KeyPress(.character(Character(introducer)), .alt)))
        for scalar in parameters.unicodeScalars { emitCharacter(scalar) }
    }

    private mutating func finishBatch() {
        switch state {
        case .ground, .paste: break
        case .escape:
            state = .ground
            output.append(.key(KeyPress(.escape)))
        case .controlSequence(let parameters): abandonSequence(introducer: "[", parameters)
        case .singleShift: abandonSequence(introducer: "O", "")
        }
    }

    /// A character key; scalars that extend the previous character into one grapheme (a
    /// combining accent, an emoji modifier, the second half of a flag) join it, because curses
    /// hands over one scalar at a time.
    private mutating func emitCharacter(_ scalar: Unicode.Scalar) {
        guard let press = ControlKeys.keyPress(for: scalar) else { return }
        if press.modifiers.isEmpty, case .character = press.key,
           case .key(let previous)? = output.last, previous.modifiers.isEmpty,
           case .character(let character) = previous.key {
            var joined = String(character)
            joined.unicodeScalars.append(scalar)
            if joined.count == 1 {
                output[output.count - 1] = .key(KeyPress(.character(Character(joined))))
                return
            }
        }
        output.append(.key(press))
    }

    /// Terminals send a pasted line end as CR (tmux, xterm) or CR LF; the text uses LF.
    static func normalizedLineEnds(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = scalar == "\r"
            result.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(result)
    }
}
