import ChatStore
import Foundation
import PoeAPI

/// One `ask` exchange on its way into the store: the prompt is written before the query goes
/// out, the reply as it streams (at least once a second) and once more when it ends, so a
/// killed `ask` loses at most a second of the reply.
final class ExchangeRecord {
    let store: ConversationStore
    private(set) var conversation: Conversation
    private let recorder: ReplyRecorder
    /// The reply as `finish` wrote it.
    private var finishedReply: ChatMessage?

    /// An uploaded file and where it came from.
    struct Upload {
        var attachment: PoeAttachment
        var localPath: String
        var size: Int64?
    }

    /// Appends the prompt and an empty streaming reply to `existing` (or a new conversation)
    /// and writes them at once.
    init(store: ConversationStore, existing: Conversation?, bot: String, prompt: String,
         uploads: [Upload], parameters: [String: JSONValue]) throws {
        var conversation = try existing ?? store.create(bot: bot, title: Conversation.title(from: prompt))
        let storedParameters = parameters
        conversation.bot = bot
        conversation.append(ChatMessage(
            role: .user, content: prompt,
            attachments: uploads.map {
                StoredAttachment(name: $0.attachment.name, localPath: $0.localPath, url: $0.attachment.url,
                                 contentType: $0.attachment.contentType, size: $0.size)
            },
            parameters: storedParameters
        ))
        let reply = ChatMessage(role: .bot, bot: bot, parameters: storedParameters, status: .streaming)
        conversation.append(reply)
        self.conversation = try store.saveNow(conversation)
        self.store = store
        recorder = ReplyRecorder(store: store, conversation: self.conversation, messageID: reply.id)
    }

    func record(_ event: PoeEvent) {
        switch event {
        case .text(let text): recorder.append(text)
        case .replaceResponse(let text): recorder.replace(text)
        case .suggestedReply(let text): recorder.addSuggestedReply(text)
        case .file(let file): recorder.addFile(ReceivedFile(file))
        case .meta, .json, .data, .error, .done: break
        }
    }

    /// Writes the reply's end: complete, cancelled, or failed with the error kept on the message.
    func finish(failure: PoeError?, botError: BotErrorEvent?) async {
        let status: MessageStatus
        var error: MessageError?
        switch (failure, botError) {
        case (.cancelled?, _):
            status = .cancelled
        case (let failure?, _):
            status = .error
            error = MessageError(failure)
        case (nil, let botError?):
            status = .error
            error = MessageError(text: botError.text, kind: botError.errorType ?? "bot_error", retryable: botError.allowRetry)
        case (nil, nil):
            status = .complete
        }
        finishedReply = await recorder.finish(status: status, error: error)
        await store.flush()
    }

    /// Writes the reply's files again, now with where they were saved (after `finish`).
    func recordSavedFiles(_ files: [ReceivedFile]) throws {
        guard var reply = finishedReply, let index = conversation.messages.firstIndex(where: { $0.id == reply.id }) else { return }
        reply.files = files
        finishedReply = reply
        conversation.messages[index] = reply
        conversation = try store.saveNow(conversation)
    }
}
