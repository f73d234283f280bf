import ChatCore
import Testing

@testable import poe_tui

/// The render loop takes a frame's worth of inbox events at once and joins each reply's text,
/// so the reducer sees one update per reply per frame, in an order that changes nothing.
@Suite("Render loop: reply text joined per frame")
struct ReplyTextJoiningTests {
    func text(_ conversation: String, _ message: String, _ text: String) -> AppEvent {
        .reply(conversationID: conversation, messageID: message, .text(text))
    }

    func texts(_ events: [AppEvent]) -> [String] {
        events.map { event in
            switch event {
            case .reply(let conversation, let message, .text(let text)): "\(conversation)/\(message): \(text)"
            case .reply(let conversation, let message, .finished): "\(conversation)/\(message) finished"
            case .balance(let points): "balance \(points)"
            default: "other"
            }
        }
    }

    @Test func runsOfTextJoinPerReplyEvenInterleaved() {
        let joined = ChatApp.joiningReplyText([text("a", "1", "word1 "), text("b", "2", "x"), text("a", "1", "word2 "), text("b", "2", "y")])
        #expect(texts(joined) == ["a/1: word1 word2 ", "b/2: xy"])
    }

    @Test func anyOtherEventEndsEveryRun() {
        let joined = ChatApp.joiningReplyText([
            text("a", "1", "one "), .balance(5), text("a", "1", "two "), text("a", "1", "three "),
            .reply(conversationID: "a", messageID: "1", .finished(.complete, nil)), text("a", "1", "late"),
        ])
        #expect(texts(joined) == ["a/1: one ", "balance 5", "a/1: two three ", "a/1 finished", "a/1: late"])
    }

    @Test func nothingInNothingOut() {
        #expect(ChatApp.joiningReplyText([]).isEmpty)
    }
}
