internal import TerminalUI

/// Escape sequences that curses passed on undecoded, because the terminal's terminfo does not
/// list them: xterm-style modified keys under `TERM=screen`, SGR mouse reports, the paste
/// markers when `define_key` is unavailable, and `CSI u` keys.
enum EscapeSequence {
    /// What one complete sequence means.
    enum Meaning: Equatable {
        case event(TerminalEvent)
        case pasteStart
        case pasteEnd
        /// Understood and meaningless here (focus reports, device replies) or unknown: dropped.
        case ignored
    }

    /// xterm's modifier parameter: 1 plus the bits Shift = 1, Alt = 2, Ctrl = 4, Meta = 8
    /// (Meta is reported as Alt, which is what terminals mean by it).
    static func modifiers(xtermParameter parameter: Int) -> KeyPress.Modifiers {
        let bits = max(0, parameter - 1)
        var modifiers: KeyPress.Modifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 || bits & 8 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return modifiers
    }

    /// `ESC [ parameters final`; `parameters` holds everything between `[` and the final byte.
    static func control(parameters: String, final: Unicode.Scalar) -> Meaning {
        if parameters.hasPrefix("<") { return mouse(parameters.dropFirst(), final: final) }
        guard parameters.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == ";" }) else { return .ignored }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
        let first = numbers.first ?? 1
        let modifiers = numbers.count >= 2 ? self.modifiers(xtermParameter: numbers[1]) : []
        func key(_ key: KeyPress.Key, _ extra: KeyPress.Modifiers = []) -> Meaning {
            .event(.key(KeyPress(key, modifiers.union(extra))))
        }
        switch final {
        case "A": return key(.up)
        case "B": return key(.down)
        case "C": return key(.right)
        case "D": return key(.left)
        case "H": return key(.home)
        case "F": return key(.end)
        case "P": return key(.function(1))
        case "Q": return key(.function(2))
        case "R": return key(.function(3))
        case "S": return key(.function(4))
        case "Z": return key(.tab, .shift)
        case "u":
            return codepointKey(first, modifiers: modifiers)
        case "~":
            switch first {
            case 1, 7: return key(.home)
            case 2: return key(.insert)
            case 3: return key(.delete)
            case 4, 8: return key(.end)
            case 5: return key(.pageUp)
            case 6: return key(.pageDown)
            case 11...15: return key(.function(first - 10))
            case 17...21: return key(.function(first - 11))
            case 23, 24: return key(.function(first - 12))
            case 200: return .pasteStart
            case 201: return .pasteEnd
            case 27 where numbers.count >= 3:  // xterm modifyOtherKeys: CSI 27 ; mod ; code ~
                return codepointKey(numbers[2], modifiers: modifiers)
            default: return .ignored
            }
        default:
            return .ignored
        }
    }

    /// `ESC O final`: cursor and keypad keys in application mode.
    static func singleShift(final: Unicode.Scalar) -> Meaning {
        switch final {
        case "A": return .event(.key(KeyPress(.up)))
        case "B": return .event(.key(KeyPress(.down)))
        case "C": return .event(.key(KeyPress(.right)))
        case "D": return .event(.key(KeyPress(.left)))
        case "H": return .event(.key(KeyPress(.home)))
        case "F": return .event(.key(KeyPress(.end)))
        case "M": return .event(.key(KeyPress(.enter)))
        case "P", "Q", "R", "S": return .event(.key(KeyPress(.function(Int(final.value) - 0x4F))))
        default: return .ignored
        }
    }

    /// SGR mouse reports, `ESC [ < button ; x ; y M` (press) or `m` (release), 1-based.
    private static func mouse(_ parameters: Substring, final: Unicode.Scalar) -> Meaning {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3, final == "M" else { return .ignored }
        let button = numbers[0], x = numbers[1] - 1, y = numbers[2] - 1
        if button & 64 != 0 {
            switch button & 3 {
            case 0: return .event(.mouse(.wheelUp(x: x, y: y)))
            case 1: return .event(.mouse(.wheelDown(x: x, y: y)))
            default: return .ignored
            }
        }
        return button & (32 | 3) == 0 ? .event(.mouse(.press(x: x, y: y))) : .ignored
    }

    /// A key reported by its code point (`CSI u`, modifyOtherKeys).
    private static func codepointKey(_ codepoint: Int, modifiers: KeyPress.Modifiers) -> Meaning {
        guard let scalar = Unicode.Scalar(UInt32(clamping: codepoint)) else { return .ignored }
        guard var press = ControlKeys.keyPress(for: scalar) else { return .ignored }
        press.modifiers.formUnion(modifiers)
        if press.modifiers.contains(.control), case .character(let character) = press.key {
            press.key = .character(Character(character.lowercased()))
        }
        return .event(.key(press))
    }
}
