import ChatStore

/// What the interface remembers between runs that is not a conversation: favourite bots toggled
/// in the picker, the folder files were last attached from. Kept in
/// `$XDG_STATE_HOME/poe-tui/remembered.json` (state, not configuration: the app writes it; the
/// user's config.toml is never rewritten behind their back).
///
/// `favouriteBots` is nil until the user first toggles one; until then the config's
/// `favourite_bots` are the favourites.
public struct Remembered: Codable, Sendable, Equatable {
    public var favouriteBots: [String]?
    public var attachFolder: String?
    /// The draft typed before any conversation exists (it has no conversation file to live in).
    public var newDraft: String?
    public var newDraftAttachments: [StoredAttachment]?
    /// The conversation on screen at quit: shown first next time.
    public var lastConversation: String?

    public init(favouriteBots: [String]? = nil, attachFolder: String? = nil) {
        self.favouriteBots = favouriteBots
        self.attachFolder = attachFolder
    }
}
