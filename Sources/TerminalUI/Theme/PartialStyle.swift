/// A style with only some fields set: what a theme says about one role. Unset fields come from
/// the role's parent, or from the theme a theme inherits.
public struct PartialStyle: Sendable, Hashable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold: Bool?
    public var italic: Bool?
    public var underline: Bool?
    public var dim: Bool?
    public var reverse: Bool?

    public init(foreground: TerminalColor? = nil, background: TerminalColor? = nil, bold: Bool? = nil, italic: Bool? = nil,
                underline: Bool? = nil, dim: Bool? = nil, reverse: Bool? = nil) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.dim = dim
        self.reverse = reverse
    }

    public var isEmpty: Bool { self == PartialStyle() }

    /// This style with every field `other` sets taken from `other`.
    public func overlaid(by other: PartialStyle) -> PartialStyle {
        PartialStyle(foreground: other.foreground ?? foreground, background: other.background ?? background,
                     bold: other.bold ?? bold, italic: other.italic ?? italic, underline: other.underline ?? underline,
                     dim: other.dim ?? dim, reverse: other.reverse ?? reverse)
    }

    /// `base` with the fields this style sets replaced.
    public func applied(to base: Style) -> Style {
        var style = base
        if let foreground { style.foreground = foreground }
        if let background { style.background = background }
        for (flag, attribute) in [(bold, TextAttributes.bold), (italic, .italic), (underline, .underline), (dim, .dim), (reverse, .reverse)] {
            guard let flag else { continue }
            if flag { style.attributes.insert(attribute) } else { style.attributes.remove(attribute) }
        }
        return style
    }

    /// The same fields with each colour passed through `transform`.
    func mappingColors(_ transform: (TerminalColor) -> TerminalColor) -> PartialStyle {
        var result = self
        result.foreground = foreground.map(transform)
        result.background = background.map(transform)
        return result
    }
}

/// What a theme says about one role: its style, and what changes on an 8-colour terminal
/// (`basic`) and under `NO_COLOR` (`mono`).
public struct ThemeEntry: Sendable, Hashable {
    public var style: PartialStyle
    /// Laid over `style` on 8-colour terminals, where the nearest basic colour would look wrong.
    public var basic: PartialStyle
    /// Laid over `style` when colour is off, for roles that colour alone tells apart.
    public var mono: PartialStyle

    public init(style: PartialStyle = PartialStyle(), basic: PartialStyle = PartialStyle(), mono: PartialStyle = PartialStyle()) {
        self.style = style
        self.basic = basic
        self.mono = mono
    }

    /// This entry with every field `other` sets taken from `other`.
    public func overlaid(by other: ThemeEntry) -> ThemeEntry {
        ThemeEntry(style: style.overlaid(by: other.style), basic: basic.overlaid(by: other.basic), mono: mono.overlaid(by: other.mono))
    }
}
