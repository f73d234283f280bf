import ChatStore
import Foundation
import Testing
@testable import ChatCore

/// `/bot`, `/set`, `/unset`: typed in the input, applied to the conversation, never sent.
@Suite("Slash commands")
struct SlashCommandTests {
    let fixture = ReducerTests()

    func opened() -> AppState {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1", bot: "Stream")), now: fixture.now)
        return state
    }

    @Test(arguments: [
        ("/bot GPT-5", SlashCommand.bot("GPT-5")),
        ("/set thinking_budget 1000", .set(name: "thinking_budget", value: .int(1000))),
        ("/set reasoning_effort high", .set(name: "reasoning_effort", value: .string("high"))),
        ("/set aspect_ratio 16:9", .set(name: "aspect_ratio", value: .string("16:9"))),
        ("/set web_search true", .set(name: "web_search", value: .bool(true))),
        ("/set stop [\"a\", \"b\"]", .set(name: "stop", value: .array([.string("a"), .string("b")]))),
        ("  /set  ", .list),
        ("/unset", .unset(nil)),
        ("/unset words", .unset("words")),
    ])
    func parses(text: String, command: SlashCommand) {
        #expect(SlashCommand(text) == command)
    }

    @Test(arguments: ["/usr/bin/env is where?", "/bot", "/bot two words", "/set name", "/unset a b", "/settle it", "/set a 1\n/set b 2"])
    func otherTextIsAMessage(text: String) {
        #expect(SlashCommand(text) == nil)
    }

    @Test func parametersGoWithEveryPromptUntilUnset() throws {
        var state = opened()
        #expect(fixture.type("/set words 3\n", into: &state) == [.save(try #require(state.current))])
        fixture.type("/set interval_ms 0\n", into: &state)
        #expect(state.current?.parameters == ["words": .int(3), "interval_ms": .int(0)])
        #expect(state.current?.messages.isEmpty == true, "a command is not a message")

        let effects = fixture.type("go\n", into: &state)
        let current = try #require(state.current)
        #expect(current.messages[0].parameters == ["words": 3, "interval_ms": 0])
        #expect(effects.contains(.startReply(conversation: current, replyID: current.messages[1].id)))
        _ = Reducer.reduce(&state, .reply(conversationID: "c1", messageID: current.messages[1].id, .finished(.complete, nil)), now: fixture.now)

        fixture.type("/unset words\n", into: &state)
        #expect(state.current?.parameters == ["interval_ms": 0])
        #expect(state.status?.text == "words is no longer sent.")
        fixture.type("/unset\n", into: &state)
        #expect(state.current?.parameters == [:])
        fixture.type("again\n", into: &state)
        #expect(state.current?.messages[2].parameters == [:])
    }

    @Test func listingSaysWhatIsSet() {
        var state = opened()
        fixture.type("/set\n", into: &state)
        #expect(state.status?.text.hasPrefix("No bot parameters here.") == true)
        fixture.type("/set b 2\n", into: &state)
        fixture.type("/set a x y\n", into: &state)
        fixture.type("/set\n", into: &state)
        #expect(state.status?.text == "Parameters: a=x y b=2")
    }

    @Test func withoutAConversationNothingIsLost() {
        var state = fixture.fresh()
        #expect(fixture.type("/set words 3\n", into: &state).isEmpty)
        #expect(state.status?.severity == .warning)
    }
}
