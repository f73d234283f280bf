/// A parsed reply as plain Swift values: cmark's node pointers are not Sendable and live only
/// as long as their parser's document, so the tree is copied out right after parsing.
indirect enum MarkdownBlock: Sendable, Hashable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline])
    case quote([MarkdownBlock])
    case list(MarkdownList)
    /// `info` is the fence's first word (the language), empty for indented code.
    case code(info: String, literal: String)
    /// Raw HTML, shown as the text it is: a terminal does not render it.
    case html(String)
    case rule
    case table(MarkdownTable)
}

struct MarkdownList: Sendable, Hashable {
    var isOrdered: Bool
    var start: Int
    /// A tight list has no blank lines between its items.
    var isTight: Bool
    var items: [MarkdownListItem]
}

struct MarkdownListItem: Sendable, Hashable {
    /// nil for an ordinary item; true or false for a task item (`[x]` or `[ ]`).
    var task: Bool?
    var blocks: [MarkdownBlock]
}

struct MarkdownTable: Sendable, Hashable {
    enum Alignment: Sendable, Hashable { case left, center, right }
    var alignments: [Alignment]
    /// The header row first; every row has as many cells as `alignments`.
    var rows: [[[MarkdownInline]]]
}

indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case code(String)
    case softBreak
    case lineBreak
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(url: String, [MarkdownInline])
    case image(url: String, [MarkdownInline])
    case html(String)
}

extension Array where Element == MarkdownInline {
    /// The text without markup: what a link's text is compared with its URL by.
    var plainText: String {
        map { inline in
            switch inline {
            case .text(let text), .code(let text), .html(let text): text
            case .softBreak, .lineBreak: " "
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, let children), .image(_, let children):
                children.plainText
            }
        }.joined()
    }
}
