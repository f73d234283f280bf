internal import TerminalUI

/// Colour pairs allocated on demand, one per (foreground, background) a frame uses.
///
/// Pair numbers are handed out in order and never recycled behind the caller's back (as
/// `alloc_pair` would, silently recolouring cells already on screen); when they run out, the
/// owner resets all pairs and repaints the whole frame.
struct ColorPairs {
    /// A pair's colours as curses numbers: -1 is the terminal's default.
    struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Colours the terminal has (`COLORS`): 0 without colour, 8 for `xterm`/`screen`, 256...
    let colorCount: Int
    /// Pairs the terminal has (`COLOR_PAIRS`); pair 0 is fixed to the default colours.
    let pairLimit: Int
    /// Whether -1 means the terminal's own colour (`use_default_colors` succeeded).
    let hasDefaultColors: Bool
    private var assigned: [Colors: Int32] = [:]
    private var nextPair: Int32 = 1

    init(colorCount: Int, pairLimit: Int, hasDefaultColors: Bool) {
        self.colorCount = colorCount
        self.pairLimit = pairLimit
        self.hasDefaultColors = hasDefaultColors
    }

    /// The curses colour for a theme colour: the index itself when the terminal has it (all 256,
    /// or the first 8/16), else the nearest of the basic eight.
    func curses(_ color: TerminalColor, foreground: Bool) -> Int32 {
        switch color {
        case .terminalDefault:
            return hasDefaultColors ? -1 : (foreground ? 7 : 0)
        case .indexed(let index):
            if colorCount >= 256 || Int(index) < min(colorCount, 16) { return Int32(index) }
            guard case .indexed(let basic) = color.basic else { return -1 }
            return Int32(basic)
        }
    }

    func colors(for style: Style) -> Colors {
        Colors(foreground: curses(style.foreground, foreground: true), background: curses(style.background, foreground: false))
    }

    /// What `colors` needs: an existing pair, or a new number the caller must initialise with
    /// `init_extended_pair`. `nil` when all pairs are taken.
    mutating func pair(for colors: Colors) -> (number: Int32, isNew: Bool)? {
        if colorCount == 0 { return (0, false) }
        if colors == Colors(foreground: hasDefaultColors ? -1 : 7, background: hasDefaultColors ? -1 : 0) { return (0, false) }
        if let number = assigned[colors] { return (number, false) }
        guard Int(nextPair) < pairLimit else { return nil }
        let number = nextPair
        nextPair += 1
        assigned[colors] = number
        return (number, true)
    }

    /// Forgets every pair (after `reset_color_pairs`).
    mutating func reset() {
        assigned = [:]
        nextPair = 1
    }
}
