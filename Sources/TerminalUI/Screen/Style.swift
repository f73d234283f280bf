/// A terminal colour as a theme names it. Views never use these directly: they ask the theme
/// for a role's style.
public enum TerminalColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 256 indexed colours (0-15 are the basic and bright eight).
    case indexed(UInt8)

    /// The nearest of the basic eight, for 8-colour terminals (`TERM=xterm`, `screen`).
    public var basic: TerminalColor {
        guard case .indexed(let index) = self else { return self }
        return .indexed(TerminalColor.nearestBasic(index))
    }

    static func nearestBasic(_ index: UInt8) -> UInt8 {
        switch index {
        case 0..<8: return index
        case 8..<16: return index - 8
        case 232...255: return index < 244 ? 0 : 7  // greyscale ramp: dark to black, light to white
        default:
            // The 6x6x6 cube: pick each channel's half, then the basic colour with those bits.
            let cube = Int(index) - 16
            let red = cube / 36 >= 3 ? 1 : 0, green = (cube / 6) % 6 >= 3 ? 1 : 0, blue = cube % 6 >= 3 ? 1 : 0
            return UInt8(red | green << 1 | blue << 2)
        }
    }
}

/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let italic = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let reverse = TextAttributes(rawValue: 1 << 4)
}

/// How one cell looks.
public struct Style: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
}
