/// A run of text in one style: what views produce and `Screen.draw` paints.
public struct StyledSpan: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One display line of styled text, as `TextWrapper` cuts it.
public struct StyledLine: Sendable, Hashable {
    public var spans: [StyledSpan]
    /// Columns the line takes when drawn from column 0.
    public var columns: Int
    /// True when the line continues the one above after a soft wrap, false when it starts a
    /// source line: what a copy joins without a newline.
    public var isContinuation: Bool

    public init(spans: [StyledSpan], columns: Int, isContinuation: Bool = false) {
        self.spans = spans
        self.columns = columns
        self.isContinuation = isContinuation
    }

    /// The line's text without styles.
    public var text: String { spans.map(\.text).joined() }
}
