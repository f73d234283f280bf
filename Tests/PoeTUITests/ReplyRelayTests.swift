import ChatCore
import ChatStore
import Foundation
import PoeAPI
import Testing

@testable import poe_tui

/// The relay gets a reply's events on the curl thread. Once the reply's outcome is taken (it
/// ended, or was stopped), nothing more may reach the screen: a cancelled reply's last read
/// would otherwise show text after "stopped" that the recorder never kept.
@Suite struct ReplyRelayTests {
    static func relay() throws -> (ReplyRelay, AppInbox, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("relay-\(UUID().uuidString)")
        let store = try ConversationStore(root: root)
        var conversation = Conversation(id: "c1", title: "t", createdAt: Date(), bot: "Echo")
        conversation.append(ChatMessage(id: "m1", role: .bot, bot: "Echo", content: "", createdAt: Date()))
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: "m1")
        let inbox = AppInbox(wake: { _ in })
        return (ReplyRelay(recorder: recorder, inbox: inbox, conversationID: "c1", replyID: "m1"), inbox, root)
    }

    @Test func nothingReachesTheScreenAfterTheOutcome() throws {
        let (relay, inbox, root) = try Self.relay()
        defer { try? FileManager.default.removeItem(at: root) }
        relay.take([.text("one "), .text("two")])
        #expect(inbox.drain().count == 2)
        #expect(relay.outcome(.cancelled).status == .cancelled)
        relay.take([.text("late")])
        #expect(inbox.drain().isEmpty)
    }

    @Test func aBotErrorDecidesTheOutcomeOfACompletedStream() throws {
        let (relay, inbox, root) = try Self.relay()
        defer { try? FileManager.default.removeItem(at: root) }
        relay.take([.text("partial"), .error(BotErrorEvent(text: "overloaded", allowRetry: false, errorType: nil)), .done])
        let outcome = relay.outcome(nil)
        #expect(outcome.status == .error)
        #expect(outcome.error?.text == "overloaded")
        #expect(inbox.drain().count == 1, "the text; the error and done are not screen updates")
    }
}
