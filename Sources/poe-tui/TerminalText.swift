import Foundation

/// Text bound for a terminal: bot output is untrusted, so control characters are made visible
/// and inert before they reach it; widths are measured to redraw what was printed.
enum TerminalText {
    /// Replaces C0 controls (except newline and tab), DEL and C1 controls with visible symbols,
    /// so a reply cannot move the cursor, change colours, set the title or the clipboard.
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.append(scalar)
            case 0x00...0x1F: result.append(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀ … ␟, ␛ for ESC
            case 0x7F: result.append("\u{2421}")  // ␡
            case 0x80...0x9F: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Terminal rows `text` occupies when printed from column 0 on a terminal `columns` wide.
    static func rows(of text: String, columns: Int) -> Int {
        let width = max(columns, 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            let used = self.columns(of: line)
            return total + max(1, (used + width - 1) / width)
        }
    }

    /// Display columns of a line: East Asian wide and emoji count 2, combining marks 0.
    /// An estimate good enough to erase what `ask` printed; the full-screen UI measures exactly.
    static func columns<S: StringProtocol>(of line: S) -> Int {
        var total = 0
        for scalar in line.unicodeScalars {
            let value = scalar.value
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                || value == 0x200D || (0xFE00...0xFE0F).contains(value) {
                continue
            }
            if value == 0x09 {
                total += 8 - total % 8
            } else if isWide(value) || (properties.isEmojiPresentation && value > 0xFF) {
                total += 2
            } else {
                total += 1
            }
        }
        return total
    }

    private static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
            || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }
}

/// Facts about the process's standard streams.
enum StandardStreams {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The terminal's width in columns, or 80 when it cannot be read.
    static var terminalColumns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
