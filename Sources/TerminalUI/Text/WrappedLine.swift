/// One display line of wrapped text.
public struct WrappedLine: Sendable, Hashable {
    /// The line's part of the wrapped text, without the newline that ended it or the spaces a
    /// soft wrap swallowed. Its indices are indices into the wrapped string.
    public var text: Substring
    /// Columns the line takes when drawn from column 0.
    public var columns: Int
    /// True when the line continues the one above after a soft wrap, false when it starts a
    /// source line (the first line, or one after a newline).
    public var isContinuation: Bool

    public init(text: Substring, columns: Int, isContinuation: Bool) {
        self.text = text
        self.columns = columns
        self.isContinuation = isContinuation
    }

    /// Where the line lies in the wrapped string.
    public var range: Range<String.Index> { text.startIndex..<text.endIndex }
}
