/// How many colours the terminal shows, which decides how a theme resolves.
public enum ColorMode: Sendable, Hashable {
    /// 256 colours (`TERM=tmux-256color`, `xterm-256color`): the theme as written.
    case colors256
    /// The basic eight (`TERM=xterm`, `screen`, the Linux console): each role's `basic`
    /// override, then the nearest basic colour for anything else.
    case colors8
    /// No colour: `NO_COLOR` is set, or the terminal has none. Attributes stay, with each
    /// role's `mono` override, so selections still show (by reverse video).
    case noColor

    /// The mode for a terminal reporting `colorCount` colours (ncurses' `COLORS`), with
    /// `noColor` true when the `NO_COLOR` environment variable is set and not empty.
    public init(colorCount: Int, noColor: Bool) {
        if noColor || colorCount < 8 {
            self = .noColor
        } else {
            self = colorCount >= 256 ? .colors256 : .colors8
        }
    }
}
