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
    /// What the relay knows of the reply's end.
    private struct Ending {
        /// The bot's `error` event, if it sent one: the reply then ends in that error.
        var botError: BotErrorEvent?
        /// Set once the outcome is taken: events the curl thread is still delivering (a
        /// cancelled reply's last read) are dropped, so nothing shows after "stopped" that the
        /// recorder did not keep.
        var closed = false
    }

    private let ending = Mutex(Ending())

    init(recorder: ReplyRecorder, inbox: AppInbox, conversationID: String, replyID: String) {
        self.recorder = recorder
        self.inbox = inbox
        self.conversationID = conversationID
        self.replyID = replyID
    }

    /// One network read's events, in order. Held under the lock, so that `outcome` waits for a
    /// read being delivered and none is delivered after it.
    func take(_ events: [PoeEvent]) {
        ending.withLock { ending in
            guard !ending.closed else { return }
            deliver(events, botError: &ending.botError)
        }
    }

    private func deliver(_ events: [PoeEvent], botError: inout BotErrorEvent?) {
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
                botError = event
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

    /// How the reply ended, from the client's verdict (nil: the bot said `done`). Events
    /// after this are dropped.
    func outcome(_ verdict: PoeError?) -> (status: MessageStatus, error: MessageError?) {
        let botError = ending.withLock { ending in
            ending.closed = true
            return ending.botError
        }
        if let verdict {
            return verdict == .cancelled ? (.cancelled, nil) : (.error, MessageError(verdict))
        }
        if let botError {
            return (.error, MessageError(text: botError.text, kind: botError.errorType ?? "bot_error", retryable: botError.allowRetry))
        }
        return (.complete, nil)
    }
}
