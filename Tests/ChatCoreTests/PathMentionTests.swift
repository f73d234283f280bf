import ChatStore
import Foundation
import Testing
@testable import ChatCore

/// `@path` in the input: Tab completion, and mentions that become attachments on send.
@Suite("@path mentions")
struct PathMentionTests {
    let fixture = ReducerTests()
    let notes = StoredAttachment(name: "notes.txt", localPath: "/home/u/notes.txt", contentType: "text/plain", size: 5)

    @Test(arguments: [
        ("see @docs/no", "docs/no"), ("@~/x", "~/x"), ("@", ""), ("mail a@b.c", nil), ("no mention", nil), ("@a b", nil),
    ] as [(String, String?)])
    func tokenBeforeTheCaret(text: String, token: String?) {
        #expect(PathMentions.token(beforeCaretIn: InputBuffer(text: text)) == token)
    }

    @Test func tokensAndReplacement() {
        #expect(PathMentions.tokens(in: "read @a.txt and @b/c.md, @a.txt again; a@b.c @") == ["a.txt", "b/c.md,", "a.txt"].uniqued())
        #expect(PathMentions.replacing(["a.txt": "a.txt", "~/x/y.png": "y.png"], in: "read @a.txt\nand @~/x/y.png @who") == "read a.txt\nand y.png @who")
    }

    @Test func tabCompletesWhileTheInputStillEndsThere() {
        var state = fixture.fresh()
        _ = fixture.type("look at @do", into: &state)
        #expect(fixture.press(.tab, &state) == [.completePath(draft: "", token: "do")])
        _ = Reducer.reduce(&state, .pathCompleted(draft: "", token: "do", completion: "docs/", choices: ["docs/"]), now: fixture.now)
        #expect(state.input.text == "look at @docs/")
        _ = Reducer.reduce(&state, .pathCompleted(draft: "", token: "docs/", completion: "docs/n", choices: ["notes.md", "notes.txt"]), now: fixture.now)
        #expect(state.input.text == "look at @docs/n")
        #expect(state.status?.text == "notes.md  notes.txt")
        // A late answer for a token no longer there changes nothing.
        _ = fixture.type(" more", into: &state)
        _ = Reducer.reduce(&state, .pathCompleted(draft: "", token: "docs/n", completion: "docs/notes", choices: ["a", "b"]), now: fixture.now)
        #expect(state.input.text == "look at @docs/n more")
    }

    @Test func mentionsThatNameFilesAreAttachedOnSend() throws {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        #expect(fixture.type("sum up @~/notes.txt for @team\n", into: &state) == [.resolveMentions(draft: "c1", tokens: ["~/notes.txt", "team"])])
        #expect(state.input.text == "sum up @~/notes.txt for @team", "kept, locked, while checking")
        let effects = Reducer.reduce(&state, .mentionsResolved(draft: "c1", files: ["~/notes.txt": notes], problems: []), now: fixture.now)
        #expect(effects == [.upload(conversationID: "c1", files: [notes])])
        var uploaded = notes
        uploaded.url = "http://e/notes.txt"
        _ = Reducer.reduce(&state, .uploaded(conversationID: "c1", uploaded), now: fixture.now)
        _ = Reducer.reduce(&state, .uploadsEnded(conversationID: "c1", failure: nil), now: fixture.now)
        let message = try #require(state.current?.messages.first)
        #expect(message.content == "sum up notes.txt for @team")
        #expect(message.attachments == [uploaded])
    }

    @Test func aMentionThatCannotGoKeepsTheText() {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        _ = fixture.type("@big.iso\n", into: &state)
        _ = Reducer.reduce(&state, .mentionsResolved(draft: "c1", files: [:], problems: ["@big.iso: over the limit"]), now: fixture.now)
        #expect(state.input.text == "@big.iso")
        #expect(state.status == StatusMessage("Not sent: @big.iso: over the limit", .error))
        #expect(state.uploads.isEmpty)
    }

    @Test func escWhileCheckingUnlocks() {
        var state = fixture.fresh()
        _ = fixture.type("@a\n", into: &state)
        #expect(fixture.press(.escape, &state).isEmpty)
        #expect(state.uploads.isEmpty && state.input.text == "@a")
        // The late answer is ignored.
        #expect(Reducer.reduce(&state, .mentionsResolved(draft: "", files: [:], problems: []), now: fixture.now).isEmpty)
    }
}

private extension Array where Element: Equatable {
    func uniqued() -> [Element] { reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
}
