/// A semantic role a view draws with (`border.focused`, `message.user.name`); a theme gives each
/// role a style. Views never name colours, only roles.
///
/// Roles form a tree by their dotted names: a role takes every style field it does not set from
/// its parent (`message.user.name` → `message.user` → `message` → `text`), so a theme can style
/// a whole family at once and override one member.
public struct ThemeRole: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible, Comparable {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }

    public var description: String { name }

    /// The role this one falls back to: the name without its last part, and `text` for a
    /// one-part name. `text` has none.
    public var parent: ThemeRole? {
        if name == "text" { return nil }
        guard let dot = name.lastIndex(of: ".") else { return .text }
        return ThemeRole(String(name[..<dot]))
    }

    public static func < (lhs: ThemeRole, rhs: ThemeRole) -> Bool { lhs.name < rhs.name }

    /// Whether a theme file may set this role: a role the interface draws with, or a parent of
    /// one (`message`, `markdown.code`).
    public var isKnown: Bool { Self.settable.contains(self) }

    static let settable: Set<ThemeRole> = {
        var result = Set<ThemeRole>()
        for role in all {
            var current: ThemeRole? = role
            while let role = current {
                result.insert(role)
                current = role.parent
            }
        }
        return result
    }()
}

extension ThemeRole {
    public static let text: ThemeRole = "text"
    public static let textDim: ThemeRole = "text.dim"
    public static let textAccent: ThemeRole = "text.accent"
    public static let border: ThemeRole = "border"
    public static let borderFocused: ThemeRole = "border.focused"
    public static let title: ThemeRole = "title"
    public static let titleFocused: ThemeRole = "title.focused"

    public static let listItem: ThemeRole = "list.item"
    public static let listDetail: ThemeRole = "list.detail"
    public static let listSelected: ThemeRole = "list.selected"
    public static let listUnread: ThemeRole = "list.unread"

    public static let messageUser: ThemeRole = "message.user"
    public static let messageUserName: ThemeRole = "message.user.name"
    public static let messageBot: ThemeRole = "message.bot"
    public static let messageBotName: ThemeRole = "message.bot.name"
    public static let messageTime: ThemeRole = "message.time"
    public static let messageMeta: ThemeRole = "message.meta"
    public static let messageAttachment: ThemeRole = "message.attachment"
    public static let messageError: ThemeRole = "message.error"
    public static let messageStopped: ThemeRole = "message.stopped"

    public static let markdownHeading: ThemeRole = "markdown.heading"
    public static let markdownEmphasis: ThemeRole = "markdown.emphasis"
    public static let markdownStrong: ThemeRole = "markdown.strong"
    public static let markdownStrikethrough: ThemeRole = "markdown.strikethrough"
    public static let markdownCode: ThemeRole = "markdown.code"
    public static let markdownCodeBlock: ThemeRole = "markdown.code.block"
    public static let markdownCodeLabel: ThemeRole = "markdown.code.label"
    public static let markdownQuote: ThemeRole = "markdown.quote"
    public static let markdownLink: ThemeRole = "markdown.link"
    public static let markdownListMarker: ThemeRole = "markdown.list.marker"
    public static let markdownRule: ThemeRole = "markdown.rule"
    public static let markdownTableBorder: ThemeRole = "markdown.table.border"
    public static let markdownTableHeader: ThemeRole = "markdown.table.header"

    public static let inputText: ThemeRole = "input.text"
    public static let inputPlaceholder: ThemeRole = "input.placeholder"

    public static let statusBar: ThemeRole = "status.bar"
    public static let statusKey: ThemeRole = "status.key"
    public static let statusInfo: ThemeRole = "status.info"
    public static let statusWarning: ThemeRole = "status.warning"
    public static let statusError: ThemeRole = "status.error"

    public static let spinner: ThemeRole = "spinner"
    public static let newBelow: ThemeRole = "new.below"
    public static let selection: ThemeRole = "selection"
    public static let searchMatch: ThemeRole = "search.match"
    public static let scrollbar: ThemeRole = "scrollbar"
    public static let scrollbarThumb: ThemeRole = "scrollbar.thumb"

    public static let overlay: ThemeRole = "overlay"
    public static let overlayBorder: ThemeRole = "overlay.border"
    public static let overlayTitle: ThemeRole = "overlay.title"
    public static let overlaySelected: ThemeRole = "overlay.selected"
    public static let overlayDisabled: ThemeRole = "overlay.disabled"

    public static let chip: ThemeRole = "chip"
    public static let chipSelected: ThemeRole = "chip.selected"

    /// Every role the interface draws with, in the order docs/themes.md lists them.
    public static let all: [ThemeRole] = [
        .text, .textDim, .textAccent, .border, .borderFocused, .title, .titleFocused,
        .listItem, .listDetail, .listSelected, .listUnread,
        .messageUser, .messageUserName, .messageBot, .messageBotName, .messageTime, .messageMeta,
        .messageAttachment, .messageError, .messageStopped,
        .markdownHeading, .markdownEmphasis, .markdownStrong, .markdownStrikethrough, .markdownCode,
        .markdownCodeBlock, .markdownCodeLabel, .markdownQuote, .markdownLink, .markdownListMarker,
        .markdownRule, .markdownTableBorder, .markdownTableHeader,
        .inputText, .inputPlaceholder,
        .statusBar, .statusKey, .statusInfo, .statusWarning, .statusError,
        .spinner, .newBelow, .selection, .searchMatch, .scrollbar, .scrollbarThumb,
        .overlay, .overlayBorder, .overlayTitle, .overlaySelected, .overlayDisabled,
        .chip, .chipSelected,
    ]
}
