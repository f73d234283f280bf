import ChatStore
import FilePicking
import TerminalUI

/// Everything that can happen to the app: the terminal, and results of effects.
public enum AppEvent: Sendable {
    case terminal(TerminalEvent)
    /// The store was opened: its conversations, and the one to show first.
    case started(conversations: [ConversationSummary], open: Conversation?)
    case conversationLoaded(Conversation)
    case conversationCreated(Conversation)
    /// A streaming reply moved on.
    case reply(conversationID: String, messageID: String, ReplyUpdate)
    case balance(Int)
    case catalog([BotEntry])
    /// The external editor closed; nil when it failed or was not found (the reason in a notice).
    case edited(String?)
    /// Something to tell the user (a store problem, a failed load).
    case notice(StatusMessage)
    /// Files checked and ready as chips on a draft (conversation id, or "" before one exists);
    /// `problems` says why others were not attached.
    case filesAttached(draft: String, [StoredAttachment], problems: [String])
    case uploadProgress(conversationID: String, path: String, sent: Int64, total: Int64)
    /// One file is uploaded: the chip now carries its URL.
    case uploaded(conversationID: String, StoredAttachment)
    /// Tab after `@token`: the longest completion, and every choice when there are several.
    case pathCompleted(draft: String, token: String, completion: String, choices: [String])
    /// The `@path` mentions of a send, checked: the files by token, and why others cannot go.
    case mentionsResolved(draft: String, files: [String: StoredAttachment], problems: [String])
    /// The file picker's listing moved on (for the request it answers).
    case listing(ListingEvent, ListingRequest)
    case previewLoaded(FilePreview)
    /// A bot's file was saved (`reference.file.savedPath` says where).
    case fileSaved(conversationID: String, FileReference)
    /// Every upload of a send ended; `failure` says why the message was not sent.
    case uploadsEnded(conversationID: String, failure: String?)
}

/// A change to a streaming reply, as the effect runner translates the client's events.
public enum ReplyUpdate: Sendable, Equatable {
    case text(String)
    case replace(String)
    case suggestion(String)
    case file(ReceivedFile)
    /// The reply ended; `error` says why when it did not complete.
    case finished(MessageStatus, MessageError?)
}

/// What the reducer asks the outside world to do. Pure data; the effect runner performs it and
/// answers with events.
public enum Effect: Sendable, Equatable {
    case load(id: String)
    case create(bot: String)
    case save(Conversation)
    /// Ask `conversation.bot` for the reply `replyID`, with every message before it as history.
    case startReply(conversation: Conversation, replyID: String)
    case cancelReply(conversationID: String)
    case fetchCatalog
    /// Ctrl-X Ctrl-E: edit this text in `$EDITOR` (the loop gives the terminal to the editor).
    case openEditor(String)
    /// Ctrl-Z: give the terminal back and stop the process until the shell's `fg`.
    case suspend
    case rename(id: String, title: String)
    /// To the store's trash.
    case delete(id: String)
    /// Check these local files (exists, readable, size, type) to attach them to a draft.
    case inspectFiles(draft: String, paths: [String])
    /// List a folder for the picker (stopping the listing before it).
    case listFolder(ListingRequest)
    case stopListing
    /// Read the picker's preview of a file.
    case previewFile(String)
    /// Complete the path `token` (after an `@`) from the file system.
    case completePath(draft: String, token: String)
    /// Check which `@tokens` of a send name files that can be attached.
    case resolveMentions(draft: String, tokens: [String])
    /// Upload a send's files, one after another, reporting progress.
    case upload(conversationID: String, files: [StoredAttachment])
    case cancelUpload(conversationID: String)
    /// Save bots' files to the downloads folder (never overwriting); `open` then opens the first
    /// with `$OPENER` or xdg-open. Files already saved and still there are not downloaded again.
    case saveFiles(conversationID: String, [FileReference], open: Bool)
    /// Write what the interface remembers between runs.
    case remember(Remembered)
    case quit
}
