internal import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The escape sequences frames are written with, read from the terminal's terminfo entry.
///
/// Frames go out as one write each, built from these, rather than through curses' `doupdate`:
/// the ncurses here (6.4) flushes after every cursor movement, so a streamed frame cost 50 to
/// 150 `write` calls (measured: 35,453 in 5 s of a 200-token-a-second reply) and most of the
/// loop's CPU. curses still owns the terminal's modes, its input and the terminfo database.
struct TerminalSequences {
    /// `sgr0`: every attribute off.
    var resetAttributes: [UInt8]
    /// `op`: the terminal's own colours (empty without colour).
    var defaultColors: [UInt8]
    var bold: [UInt8]
    var dim: [UInt8]
    var italic: [UInt8]
    var underline: [UInt8]
    var reverse: [UInt8]
    /// `clear`: blank screen, cursor home.
    var clearScreen: [UInt8]
    var showCursor: [UInt8]
    var hideCursor: [UInt8]
    /// Writing the bottom-right cell scrolls the screen (`am` without `xenl`): that cell is
    /// never written.
    var lastCellScrolls: Bool
    /// Appends the movement to a 0-based row and column.
    var moveCursor: (_ bytes: inout [UInt8], _ row: Int, _ column: Int) -> Void
    /// Appends the sequence for a foreground or background colour number (0...255).
    var foreground: (_ bytes: inout [UInt8], _ color: Int32) -> Void
    var background: (_ bytes: inout [UInt8], _ color: Int32) -> Void

    /// From the current terminal's terminfo entry (after `newterm`). Capabilities it lacks
    /// become empty: that attribute, or colour, is simply not shown, as curses would do.
    static func fromTerminfo(colorCount: Int) -> TerminalSequences {
        let cup = capability("cup") ?? []
        let setaf = capability("setaf") ?? [], setab = capability("setab") ?? []
        // Colour sequences are few: made once for every colour the terminal has.
        let colors = max(0, min(colorCount, 256))
        let foregrounds: [[UInt8]] = (0..<colors).map { withoutPadding(formatted(setaf, Int32($0))) }
        let backgrounds: [[UInt8]] = (0..<colors).map { withoutPadding(formatted(setab, Int32($0))) }
        let moveCursor: (inout [UInt8], Int, Int) -> Void
        if cup == ansiCursorAddress {
            moveCursor = appendANSIMove
        } else {
            moveCursor = { bytes, row, column in bytes += withoutPadding(formatted(cup, Int32(row), Int32(column))) }
        }
        let foreground: (inout [UInt8], Int32) -> Void = { bytes, color in
            if color >= 0, Int(color) < foregrounds.count { bytes += foregrounds[Int(color)] }
        }
        let background: (inout [UInt8], Int32) -> Void = { bytes, color in
            if color >= 0, Int(color) < backgrounds.count { bytes += backgrounds[Int(color)] }
        }
        let am = tigetflag("am") > 0, xenl = tigetflag("xenl") > 0
        return TerminalSequences(
            resetAttributes: capability("sgr0") ?? [],
            defaultColors: colors > 0 ? capability("op") ?? [] : [],
            bold: capability("bold") ?? [],
            dim: capability("dim") ?? [],
            italic: capability("sitm") ?? [],
            underline: capability("smul") ?? [],
            reverse: capability("rev") ?? [],
            clearScreen: capability("clear") ?? [],
            showCursor: capability("cnorm") ?? [],
            hideCursor: capability("civis") ?? [],
            lastCellScrolls: am && !xenl,
            moveCursor: moveCursor, foreground: foreground, background: background)
    }

    /// `cup` as xterm, tmux, screen and the Linux console spell it; written without `tiparm`.
    static let ansiCursorAddress = Array("\u{1B}[%i%p1%d;%p2%dH".utf8)

    static func appendANSIMove(_ bytes: inout [UInt8], row: Int, column: Int) {
        bytes += [0x1B, UInt8(ascii: "[")]
        appendDecimal(&bytes, row + 1)
        bytes.append(UInt8(ascii: ";"))
        appendDecimal(&bytes, column + 1)
        bytes.append(UInt8(ascii: "H"))
    }

    private static func appendDecimal(_ bytes: inout [UInt8], _ value: Int) {
        if value >= 10 { appendDecimal(&bytes, value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// A string capability's bytes, padding removed; nil when the terminal lacks it.
    private static func capability(_ name: String) -> [UInt8]? {
        guard let value = ncw_tigetstr(name) else { return nil }
        return withoutPadding(bytes(value))
    }

    private static func formatted(_ template: [UInt8], _ parameters: Int32...) -> [UInt8] {
        guard !template.isEmpty else { return [] }
        var terminated = template.map { CChar(bitPattern: $0) }
        terminated.append(0)
        let result: UnsafePointer<CChar>? = terminated.withUnsafeBufferPointer { template in
            parameters.count == 1 ? ncw_tiparm1(template.baseAddress, parameters[0])
                : ncw_tiparm2(template.baseAddress, parameters[0], parameters[1])
        }
        return result.map(bytes) ?? []
    }

    private static func bytes(_ string: UnsafePointer<CChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: string, count: strlen(string))).map { UInt8(bitPattern: $0) }
    }

    /// terminfo's delays (`$<5>`, `$<2*/>`) are for `tputs` to pad with; written raw they
    /// would show as text. The terminals that still need padding are long gone.
    static func withoutPadding(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "$")) else { return bytes }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
               let end = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">")),
               bytes[(index + 2)..<end].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "/") }) {
                index = end + 1
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
