import ChatCore
import ChatStore
import PoeAPI
import Synchronization

/// Passes a reply's events to its recorder (the store) and to the screen (the inbox), on the
/// client's transfer thread as it reads them, and works out how the reply ended.
final class ReplyRelay: Sendable {
    private let recorder: ReplyRecorder
    private let inbox: AppInbox
    private let conversationID: String
    private let replyID: String
    /// The bot's `error` event, if it sent one: the reply then ends in that error.
    private let botError = Mutex<BotErrorEvent?>(nil)

    init(recorder: ReplyRecorder, inbox: AppInbox, conversationID: String, replyID: String) {
        self.recorder = recorder
        self.inbox = inbox
        self.conversationID = conversationID
        self.replyID = replyID
    }

    /// One network read's events, in order.
    func take(_ events: [PoeEvent]) {
        for event in events {
            let update: ReplyUpdate
            switch event {
            case .text(let text): recorder.append(text); update = .text(text)
            case .replaceResponse(let text): recorder.replace(text); update = .replace(text)
            case .suggestedReply(let text): recorder.addSuggestedReply(text); update = .suggestion(text)
            case .file(let file):
                let received = ReceivedFile(file)
                recorder.addFile(received)
                update = .file(received)
            case .error(let event):
                botError.withLock { $0 = event }
                continue
            case .done:
                // The reply's last text is drawn at once, not at the next text frame; how the
                // reply ended follows once it is recorded.
                inbox.hurry()
                continue
            case .meta, .json, .data:
                continue
            }
            inbox.post(.reply(conversationID: conversationID, messageID: replyID, update))
        }
    }

    /// How the reply ended, from the client's verdict (nil: the bot said `done`).
    func outcome(_ ending: PoeError?) -> (status: MessageStatus, error: MessageError?) {
        if let ending {
            return ending == .cancelled ? (.cancelled, nil) : (.error, MessageError(ending))
        }
        if let botError = botError.withLock({ $0 }) {
            return (.error, MessageError(text: botError.text, kind: botError.errorType ?? "bot_error", retryable: botError.allowRetry))
        }
        return (.complete, nil)
    }
}
