import Foundation

/// One place a search matched: a conversation's title (`messageID == nil`) or one message.
public struct SearchHit: Sendable, Hashable {
    public var conversationID: String
    public var title: String
    /// The message that matched; `nil` when the title did.
    public var messageID: String?
    /// About 80 characters around the match, on one line (line breaks become spaces), with `…`
    /// where the text was cut.
    public var snippet: String
    /// Where the match is in `snippet`.
    public var matchRange: Range<String.Index>

    /// The match's position in `snippet`, in characters (grapheme clusters), for highlighting.
    public var matchOffset: Int { snippet.distance(from: snippet.startIndex, to: matchRange.lowerBound) }
    /// The match's length in characters.
    public var matchLength: Int { snippet.distance(from: matchRange.lowerBound, to: matchRange.upperBound) }
    /// The matched text as it appears in `snippet`.
    public var matchedText: Substring { snippet[matchRange] }
}
