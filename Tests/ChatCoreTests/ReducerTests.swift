import ChatStore
import Foundation
import Testing
import TerminalUI
@testable import ChatCore

/// Reducer tables: (state, events) → state and effects, as helix and bubbletea test theirs.
@Suite("Reducer")
struct ReducerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func fresh() -> AppState { AppState(width: 100, height: 30, defaultBot: "Echo") }

    /// Feeds text as key presses (`\n` is Enter), returning every effect.
    @discardableResult
    func type(_ text: String, into state: inout AppState) -> [Effect] {
        text.flatMap { character -> [Effect] in
            let key = character == "\n" ? KeyPress(.enter) : KeyPress(.character(character))
            return Reducer.reduce(&state, .terminal(.key(key)), now: now)
        }
    }

    func press(_ key: KeyPress, _ state: inout AppState, at time: Date? = nil) -> [Effect] {
        Reducer.reduce(&state, .terminal(.key(key)), now: time ?? now)
    }

    func press(_ key: KeyPress.Key, _ state: inout AppState, at time: Date? = nil) -> [Effect] {
        press(KeyPress(key), &state, at: time)
    }

    func conversation(_ id: String, bot: String = "Echo", messages: [ChatMessage] = []) -> Conversation {
        var conversation = Conversation(id: id, title: "t-\(id)", createdAt: now, bot: bot)
        for message in messages { conversation.append(message) }
        return conversation
    }

    @Test func firstMessageCreatesAConversationThenSends() throws {
        var state = fresh()
        let effects = type("hello\n", into: &state)
        #expect(effects == [.create(bot: "Echo")])
        #expect(state.input.isEmpty)

        let created = conversation("20261126-000000-aaaa")
        let sent = Reducer.reduce(&state, .conversationCreated(Conversation(id: created.id, title: "", createdAt: now, bot: "Echo")), now: now)
        let current = try #require(state.current)
        #expect(current.title == "hello")
        #expect(current.messages.map(\.role) == [.user, .bot])
        #expect(current.messages[0].content == "hello")
        #expect(current.messages[1].status == .streaming)
        #expect(current.messages[1].bot == "Echo")
        #expect(sent == [.save(current), .startReply(conversation: current, replyID: current.messages[1].id)])
        #expect(state.isStreaming(current.id))
        #expect(state.conversations.first?.id == current.id)
    }

    @Test func replyUpdatesBuildTheMessageAndEndTheStream() throws {
        var state = fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: conversation("c1")), now: now)
        type("question\n", into: &state)
        let replyID = try #require(state.streams["c1"])
        for update: ReplyUpdate in [.text("Dra"), .text("ft"), .replace("Final"), .suggestion("More?"),
                                    .file(ReceivedFile(name: "a.png", url: "u", contentType: "image/png"))] {
            _ = Reducer.reduce(&state, .reply(conversationID: "c1", messageID: replyID, update), now: now)
        }
        #expect(state.isStreaming("c1"))
        _ = Reducer.reduce(&state, .reply(conversationID: "c1", messageID: replyID, .finished(.complete, nil)), now: now)
        let reply = try #require(state.current?.message(replyID))
        #expect(reply.content == "Final")
        #expect(reply.suggestedReplies == ["More?"])
        #expect(reply.files.map(\.name) == ["a.png"])
        #expect(reply.status == .complete)
        #expect(!state.isStreaming("c1"))
        #expect(state.current?.unread == 0)
    }

    @Test func backgroundRepliesCountAsUnreadAndAltAGoesThere() throws {
        var state = fresh()
        let c1 = conversation("c1"), c2 = conversation("c2")
        _ = Reducer.reduce(&state, .started(conversations: [c2.summary, c1.summary], open: c1), now: now)
        _ = Reducer.reduce(&state, .conversationLoaded(c2), now: now)
        _ = press(KeyPress(.character("1"), .alt), &state)  // to c2, the first in the list
        #expect(state.currentID == "c2")
        type("go\n", into: &state)
        let replyID = try #require(state.streams["c2"])
        _ = press(KeyPress(.character("2"), .alt), &state)  // back to c1 while c2 streams
        #expect(state.currentID == "c1")
        _ = Reducer.reduce(&state, .reply(conversationID: "c2", messageID: replyID, .text("done")), now: now)
        _ = Reducer.reduce(&state, .reply(conversationID: "c2", messageID: replyID, .finished(.complete, nil)), now: now)
        #expect(state.loaded["c2"]?.unread == 1)
        #expect(state.conversations.first { $0.id == "c2" }?.unread == 1)

        let effects = press(KeyPress(.character("a"), .alt), &state)
        #expect(state.currentID == "c2")
        #expect(state.loaded["c2"]?.unread == 0)
        #expect(effects.count == 1)
    }

    @Test func switchingToAnUnloadedConversationLoadsIt() {
        var state = fresh()
        let c1 = conversation("c1"), c2 = conversation("c2")
        _ = Reducer.reduce(&state, .started(conversations: [c1.summary, c2.summary], open: c1), now: now)
        #expect(press(KeyPress(.down, .alt), &state) == [.load(id: "c2")])
        #expect(state.currentID == "c2")
        #expect(press(KeyPress(.down, .alt), &state) == [])  // wraps around to c1, loaded
        #expect(state.currentID == "c1")
    }

    @Test func pasteAndAltEnterNeverSend() {
        var state = fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: conversation("c1")), now: now)
        #expect(Reducer.reduce(&state, .terminal(.paste("line one\r\nline two\n")), now: now).isEmpty)
        #expect(press(KeyPress(.enter, .alt), &state).isEmpty)
        #expect(press(.control("j"), &state).isEmpty)
        #expect(state.input.text == "line one\nline two\n\n\n")
        let effects = press(KeyPress(.enter), &state)
        #expect(effects.count == 2)
        #expect(state.current?.messages.first?.content == "line one\nline two\n\n\n")
    }

    @Test func emacsEditing() {
        var state = fresh()
        type("hello brave world", into: &state)
        _ = press(.control("w"), &state)
        #expect(state.input.text == "hello brave ")
        _ = press(.control("a"), &state)
        _ = press(.control("k"), &state)
        #expect(state.input.text == "")
        _ = press(.control("y"), &state)
        #expect(state.input.text == "hello brave ")
        _ = press(KeyPress(.character("b"), .alt), &state)
        #expect(state.input.caret == 6)
        _ = press(KeyPress(.character("f"), .alt), &state)
        #expect(state.input.caret == 11)
        _ = press(.control("u"), &state)
        #expect(state.input.text == " ")
        _ = press(.backspace, &state)
        #expect(state.input.text == " ")
        _ = press(.control("e"), &state)
        _ = press(.backspace, &state)
        #expect(state.input.text == "")
    }

    @Test func upRecallsWhatWasSentHere() {
        var state = fresh()
        let old = conversation("c1", messages: [ChatMessage(role: .user, content: "first"), ChatMessage(role: .bot, content: "r"),
                                                ChatMessage(role: .user, content: "second\nline")])
        _ = Reducer.reduce(&state, .started(conversations: [], open: old), now: now)
        _ = press(.up, &state)
        #expect(state.input.text == "second\nline")
        _ = press(.up, &state)  // the caret is on the last line: up moves within the text first
        _ = press(.up, &state)
        #expect(state.input.text == "first")
        _ = press(.down, &state)
        #expect(state.input.text == "second\nline")
    }

    @Test func stopInterruptAndQuit() throws {
        var state = fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: conversation("c1")), now: now)
        type("go\n", into: &state)
        #expect(press(.escape, &state) == [.cancelReply(conversationID: "c1")])
        #expect(press(.control("c"), &state) == [.cancelReply(conversationID: "c1")])
        let replyID = try #require(state.streams["c1"])
        _ = Reducer.reduce(&state, .reply(conversationID: "c1", messageID: replyID, .finished(.cancelled, nil)), now: now)

        #expect(press(.control("c"), &state).isEmpty)
        #expect(state.status?.text.contains("Ctrl-C again") == true)
        #expect(press(.control("c"), &state, at: now.addingTimeInterval(2)).isEmpty)  // too late: warns again
        #expect(press(.control("c"), &state, at: now.addingTimeInterval(2.5)) == [.quit])
        #expect(state.quitting)

        var other = fresh()
        #expect(press(.control("q"), &other) == [.quit])
    }

    @Test func slashBotSwitchesTheBotForTheNextTurn() throws {
        var state = fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: conversation("c1")), now: now)
        let effects = type("/bot Claude-Sonnet-4.5\n", into: &state)
        #expect(state.current?.bot == "Claude-Sonnet-4.5")
        #expect(effects == [.save(try #require(state.current))])
        type("hi\n", into: &state)
        #expect(state.current?.messages.last?.bot == "Claude-Sonnet-4.5")
    }

    @Test func prefixKeysAndHelp() {
        var state = fresh()
        type("draft", into: &state)
        #expect(press(.control("x"), &state).isEmpty)
        #expect(state.pendingKeys == [.control("x")])
        #expect(press(.control("e"), &state) == [.openEditor("draft")])
        #expect(state.pendingKeys.isEmpty)
        _ = Reducer.reduce(&state, .edited("from the editor\n"), now: now)
        #expect(state.input.text == "from the editor")
        _ = press(.function(1), &state)
        #expect(state.overlay == .help(scroll: 0))
        _ = press(.down, &state)
        _ = press(.pageDown, &state)
        #expect(state.overlay == .help(scroll: 27))
        _ = press(.up, &state)
        #expect(state.overlay == .help(scroll: 26))
        _ = press(.escape, &state)
        #expect(state.overlay == nil)
    }

    @Test func scrollingBackAndFollowing() {
        var state = fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: conversation("c1")), now: now)
        _ = press(.pageUp, &state)
        #expect(state.scrollBack["c1"] == 24)
        _ = Reducer.reduce(&state, .terminal(.mouse(.wheelDown(x: 1, y: 1))), now: now)
        #expect(state.scrollBack["c1"] == 21)
        _ = press(.end, &state)
        #expect(state.scrollBack["c1"] == nil)
    }
}

@Suite("Keymap")
struct KeyMapTests {
    @Test func overridesRebindAndUnbind() throws {
        let map = try KeyMap.withOverrides(["ctrl-g": "bot_picker", "ctrl-b": "none", "alt-x alt-y": "help"])
        #expect(map.lookup([.control("g")]) == .action(.botPicker))
        #expect(map.lookup([.control("b")]) == .unbound)
        #expect(map.lookup([KeyPress(.character("x"), .alt)]) == .prefix)
        #expect(map.lookup([KeyPress(.character("x"), .alt), KeyPress(.character("y"), .alt)]) == .action(.help))
        #expect(throws: KeyMapError.unknownKey("ctrl-banana")) { try KeyMap.withOverrides(["ctrl-banana": "help"]) }
        #expect(throws: KeyMapError.unknownAction("fly", key: "f5")) { try KeyMap.withOverrides(["f5": "fly"]) }
    }

    @Test func documentationListsEveryAction() {
        let docs = KeyMap.defaults.documentation()
        for action in Action.allCases { #expect(docs.contains("`\(action.rawValue)`"), "\(action)") }
        #expect(docs.contains("`ctrl-x ctrl-e`"))
        #expect(docs.contains("`alt-enter`, `ctrl-j`"))
    }

    @Test func keyNamesRoundTrip() {
        for binding in KeyMap.defaults.bindings {
            #expect(KeyName.parseSequence(binding.name) == binding.keys, "\(binding.name)")
        }
    }
}

@Suite("Bot picker")
struct BotPickerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func opened() -> AppState {
        var state = AppState(width: 100, height: 30, defaultBot: "Echo")
        state.favouriteBots = ["Claude-Sonnet-4.5", "GPT-5"]
        let conversation = Conversation(id: "c1", title: "t", createdAt: now, bot: "Echo")
        _ = Reducer.reduce(&state, .started(conversations: [conversation.summary], open: conversation), now: now)
        #expect(Reducer.reduce(&state, .terminal(.key(.control("b"))), now: now) == [.fetchCatalog])
        _ = Reducer.reduce(&state, .catalog([
            BotEntry(id: "Replace", owner: "poe-emulator", description: "replaces its draft"),
            BotEntry(id: "Artist", owner: "poe-emulator", description: "draws a picture", inputs: ["text"], outputs: ["image"]),
            BotEntry(id: "GPT-5", owner: "OpenAI"),
        ]), now: now)
        return state
    }

    func type(_ text: String, _ state: inout AppState) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .terminal(.key(KeyPress(.character($0)))), now: now) }
    }

    @Test func tabTogglesAFavouriteAndRemembersIt() throws {
        var state = opened()
        _ = type("art", &state)
        let added = Reducer.reduce(&state, .terminal(.key(KeyPress(.tab))), now: now)
        #expect(state.favouriteBots == ["Claude-Sonnet-4.5", "GPT-5", "Artist"])
        #expect(added == [.remember(Remembered(favouriteBots: ["Claude-Sonnet-4.5", "GPT-5", "Artist"]))])
        #expect(state.status?.text == "Artist is favourite 3: press 3 in the picker.")
        guard case .botPicker(let picker) = state.overlay else { Issue.record("the picker closed"); return }
        #expect(state.pickerCandidates(picker)[picker.selection].id == "Artist", "the selection follows the bot")

        // Removed again, from an empty filter where the favourites lead the list.
        for _ in 0..<3 { _ = Reducer.reduce(&state, .terminal(.key(KeyPress(.backspace))), now: now) }
        _ = Reducer.reduce(&state, .terminal(.key(KeyPress(.tab))), now: now)
        #expect(state.favouriteBots == ["GPT-5", "Artist"])
        #expect(state.remembered.favouriteBots == ["GPT-5", "Artist"])
        // 1 now chooses the new first favourite.
        _ = Reducer.reduce(&state, .terminal(.key(KeyPress(.escape))), now: now)
        _ = Reducer.reduce(&state, .terminal(.key(.control("b"))), now: now)
        _ = type("1", &state)
        #expect(state.current?.bot == "GPT-5")
    }

    @Test func favouritesThenRecentThenCatalogRankedByMatch() {
        let state = opened()
        guard case .botPicker(let picker)? = state.overlay else {
            Issue.record("the picker is not open")
            return
        }
        #expect(state.pickerCandidates(picker).map(\.id) == ["Claude-Sonnet-4.5", "GPT-5", "Echo", "Replace", "Artist"])
        var filtered = picker
        filtered.filter = "pic"
        #expect(state.pickerCandidates(filtered).map(\.id) == ["Artist"])  // by description
        filtered.filter = "rp"
        #expect(state.pickerCandidates(filtered).map(\.id) == ["Replace"])  // in-order letters
    }

    @Test func typingFiltersAndEnterChooses() {
        var state = opened()
        _ = type("rep", &state)
        let effects = Reducer.reduce(&state, .terminal(.key(KeyPress(.enter))), now: now)
        #expect(state.overlay == nil)
        #expect(state.current?.bot == "Replace")
        #expect(effects.count == 1)
    }

    @Test func digitsPickFavouritesAndUnknownNamesAreUsedAsTyped() {
        var state = opened()
        _ = type("2", &state)
        #expect(state.current?.bot == "GPT-5")
        _ = Reducer.reduce(&state, .terminal(.key(.control("b"))), now: now)
        _ = type("Some-Unlisted-Bot", &state)
        _ = Reducer.reduce(&state, .terminal(.key(KeyPress(.enter))), now: now)
        #expect(state.current?.bot == "Some-Unlisted-Bot")
        _ = Reducer.reduce(&state, .terminal(.key(.control("b"))), now: now)
        _ = Reducer.reduce(&state, .terminal(.key(KeyPress(.escape))), now: now)
        #expect(state.overlay == nil)
        #expect(state.current?.bot == "Some-Unlisted-Bot")
    }
}

@Suite("Rename, delete, retry")
struct ManagingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func started(_ conversations: [Conversation]) -> AppState {
        var state = AppState(width: 100, height: 30, defaultBot: "Echo")
        _ = Reducer.reduce(&state, .started(conversations: conversations.map(\.summary), open: conversations.first), now: now)
        for conversation in conversations.dropFirst() { _ = Reducer.reduce(&state, .conversationLoaded(conversation), now: now) }
        return state
    }

    func press(_ key: KeyPress, _ state: inout AppState) -> [Effect] { Reducer.reduce(&state, .terminal(.key(key)), now: now) }

    @Test func f2Renames() {
        var state = started([Conversation(id: "c1", title: "Old", createdAt: now, bot: "Echo")])
        _ = press(KeyPress(.function(2)), &state)
        _ = press(.control("u"), &state)
        for character in "New name" { _ = press(KeyPress(.character(character)), &state) }
        #expect(press(KeyPress(.enter), &state) == [.rename(id: "c1", title: "New name")])
        #expect(state.current?.title == "New name")
        #expect(state.conversations.first?.title == "New name")
    }

    @Test func ctrlDDeletesOnlyAfterYes() {
        let first = Conversation(id: "c1", title: "one", createdAt: now, bot: "Echo")
        let second = Conversation(id: "c2", title: "two", createdAt: now, bot: "Echo")
        var state = started([first, second])
        _ = press(.control("d"), &state)
        _ = press(KeyPress(.character("n")), &state)
        #expect(state.conversations.count == 2)
        _ = press(.control("d"), &state)
        let effects = press(KeyPress(.character("y")), &state)
        #expect(effects.first == .delete(id: "c1"))
        #expect(state.conversations.map(\.id) == ["c2"])
        #expect(state.currentID == "c2")
    }

    @Test func altRRetriesAFailedReply() throws {
        var conversation = Conversation(id: "c1", title: "t", createdAt: now, bot: "Echo")
        conversation.append(ChatMessage(role: .user, content: "question", createdAt: now))
        conversation.append(ChatMessage(role: .bot, bot: "Fail", content: "par", createdAt: now, status: .error,
                                        error: MessageError(text: "boom", kind: "bot_error", retryable: true)))
        var state = started([conversation])
        let effects = press(KeyPress(.character("r"), .alt), &state)
        let current = try #require(state.current)
        #expect(current.messages.count == 2)
        #expect(current.messages.last?.status == .streaming)
        #expect(current.messages.last?.bot == "Fail")
        #expect(effects == [.save(current), .startReply(conversation: current, replyID: current.messages[1].id)])
        // Nothing to retry while it streams, or after a complete reply.
        #expect(press(KeyPress(.character("r"), .alt), &state).isEmpty)
    }
}
