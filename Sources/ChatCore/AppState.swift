import ChatStore
import FilePicking
import Foundation
import TerminalUI

/// Everything the interface shows and remembers, as one value. Only the reducer changes it.
public struct AppState: Sendable {
    /// The conversation list, newest first (the store's order, updated as things happen).
    public var conversations: [ConversationSummary] = []
    /// Conversations loaded so far, by id. Streaming ones stay loaded.
    public var loaded: [String: Conversation] = [:]
    public var currentID: String?
    /// Each conversation's unsent text (the key "" is the input before any conversation exists).
    public var inputs: [String: InputBuffer] = [:]
    /// Files on each conversation's draft, as chips above the input (the key "" as for `inputs`).
    public var draftAttachments: [String: [StoredAttachment]] = [:]
    /// Sends waiting for their uploads, by conversation id.
    public var uploads: [String: UploadJob] = [:]
    /// While recalling sent messages with Up/Down: how far back, per conversation.
    public var historyCursor: [String: Int] = [:]
    /// Replies streaming now: conversation id → the bot message's id.
    public var streams: [String: String] = [:]
    /// Keys of a multi-key binding typed so far (Ctrl-X before Ctrl-E).
    public var pendingKeys: [KeyPress] = []
    public var overlay: Overlay?
    public var status: StatusMessage?
    /// Points balance, when known.
    public var balance: Int?
    public var width: Int
    public var height: Int
    /// Lines scrolled up from the bottom of each conversation; absent or 0 follows new text.
    public var scrollBack: [String: Int] = [:]
    /// Text sent before its conversation existed: sent once it is created.
    public var pendingSend: String?
    public var defaultBot: String
    public var keyMap: KeyMap
    /// The bot catalog, once fetched (empty until then, or when it cannot be).
    public var catalog: [BotEntry] = []
    public var favouriteBots: [String] = []
    /// Remembered across runs (favourites once toggled, the attach folder); saved when it changes.
    public var remembered = Remembered()
    /// When Ctrl-C last did nothing but warn: a second press within a second quits.
    public var lastInterrupt: Date?
    public var quitting = false
    /// Where the file picker starts when no folder is remembered, and where `~` goes.
    public var workingFolder = FileManager.default.currentDirectoryPath
    public var home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    /// The largest file that can be uploaded (the client's configured cap).
    public var uploadLimit: Int64?

    public init(width: Int, height: Int, defaultBot: String, keyMap: KeyMap = .defaults) {
        self.width = width
        self.height = height
        self.defaultBot = defaultBot
        self.keyMap = keyMap
    }

    public var current: Conversation? { currentID.flatMap { loaded[$0] } }

    /// The bot that answers the next turn here.
    public var currentBot: String { current?.bot ?? defaultBot }

    /// The chips on the draft on screen.
    public var attachments: [StoredAttachment] { draftAttachments[currentID ?? ""] ?? [] }

    public var input: InputBuffer {
        get { inputs[currentID ?? ""] ?? InputBuffer() }
        set { inputs[currentID ?? ""] = newValue }
    }

    public func isStreaming(_ id: String) -> Bool { streams[id] != nil }

    /// Bots used in the conversations, most recent first, for the picker.
    public var recentBots: [String] {
        var seen = Set<String>()
        return conversations.map(\.bot).filter { seen.insert($0).inserted }
    }

    /// The picker's rows for its current filter.
    public func pickerCandidates(_ picker: BotPicker) -> [BotEntry] {
        BotPicker.candidates(filter: picker.filter, favourites: favouriteBots, recent: recentBots, catalog: catalog)
    }
}

/// A panel drawn over the conversation.
public enum Overlay: Sendable, Equatable {
    /// F1: the keys and commands, scrolled this many rows down.
    case help(scroll: Int)
    case botPicker(BotPicker)
    /// F2: the new title being typed.
    case rename(InputBuffer)
    /// Ctrl-D: waiting for y to delete this conversation.
    case confirmDelete(String)
    /// Alt-O: the files bots sent in this conversation, newest first; the highlighted row.
    case files(selection: Int)
    /// Ctrl-O: choosing files to attach.
    case filePicker(FilePicker)
}

/// One line for the status bar.
public struct StatusMessage: Sendable, Equatable {
    public enum Severity: Sendable, Equatable { case info, warning, error }
    public var text: String
    public var severity: Severity

    public init(_ text: String, _ severity: Severity = .info) {
        self.text = text
        self.severity = severity
    }
}
