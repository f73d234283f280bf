import ChatStore
import Foundation
import Testing
@testable import ChatCore

/// A failed reply says what happened and what to do.
@Suite("Error advice")
struct ErrorAdviceTests {
    let fixture = ReducerTests()

    @Test(arguments: [
        ("invalid_key", false, "POE_API_KEY"), ("insufficient_points", false, "Top up"), ("unknown_bot", false, "Ctrl-B"),
        ("rate_limited", true, "Wait a moment"), ("network", true, "connection"), ("bot_error", true, "Alt-R retries."),
    ])
    func eachKindSaysWhatToDo(kind: String, retryable: Bool, advice: String) throws {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        fixture.type("hi\n", into: &state)
        let reply = try #require(state.streams["c1"])
        let error = MessageError(text: "It failed.", kind: kind, retryable: retryable)
        _ = Reducer.reduce(&state, .reply(conversationID: "c1", messageID: reply, .finished(.error, error)), now: fixture.now)
        #expect(state.status?.severity == .error)
        #expect(state.status?.text.hasPrefix("It failed. ") == true)
        #expect(state.status?.text.contains(advice) == true)
    }
}
