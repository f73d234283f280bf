internal import TerminalUI

/// The colour numbers a terminal is given for a theme's colours.
///
/// Frames carry colours as numbers in `setaf`/`setab` sequences, not as curses colour pairs:
/// no pair table to fill, run out of or renumber.
struct TerminalPalette: Equatable {
    /// Colours the terminal has (`COLORS`): 0 without colour, 8 for `xterm`/`screen`, 256...
    let colorCount: Int
    /// Whether the terminal can go back to its own colours (`op`, `use_default_colors`); if
    /// not, the default is white on black, set like any other colour.
    let hasDefaultColors: Bool

    init(colorCount: Int, hasDefaultColors: Bool) {
        self.colorCount = colorCount
        self.hasDefaultColors = hasDefaultColors
    }

    /// The colour number for a theme colour, -1 for the terminal's own: the index itself when
    /// the terminal has it (all 256, or the first 8/16), else the nearest of the basic eight.
    func number(for color: TerminalColor, foreground: Bool) -> Int32 {
        switch color {
        case .terminalDefault:
            return hasDefaultColors ? -1 : (foreground ? 7 : 0)
        case .indexed(let index):
            if colorCount >= 256 || Int(index) < min(colorCount, 16) { return Int32(index) }
            guard case .indexed(let basic) = color.basic else { return -1 }
            return Int32(basic)
        }
    }
}
