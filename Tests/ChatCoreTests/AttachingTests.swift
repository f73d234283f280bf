import ChatStore
import Foundation
import Testing
@testable import ChatCore

/// Files on the draft: chips, uploads on send, failures that lose nothing.
@Suite("Attachments")
struct AttachingTests {
    let fixture = ReducerTests()
    let text = StoredAttachment(name: "notes.txt", localPath: "/tmp/a/notes.txt", contentType: "text/plain", size: 12)
    let image = StoredAttachment(name: "cat.png", localPath: "/tmp/a/cat.png", contentType: "image/png", size: 2048)

    func opened() -> AppState {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        _ = Reducer.reduce(&state, .filesAttached(draft: "c1", [text, image], problems: []), now: fixture.now)
        return state
    }

    func uploaded(_ file: StoredAttachment) -> StoredAttachment {
        var file = file
        file.url = "http://emulator/files/\(file.name)"
        return file
    }

    @Test func attachingAsksTheRunnerToCheckTheFiles() {
        var state = fixture.fresh()
        #expect(Attaching.add(["/x/a.txt"], &state) == [.inspectFiles(draft: "", paths: ["/x/a.txt"])])
        _ = Reducer.reduce(&state, .filesAttached(draft: "", [text], problems: ["big.iso: over the upload limit"]), now: fixture.now)
        #expect(state.attachments == [text])
        #expect(state.status == StatusMessage("big.iso: over the upload limit", .error))
        // The same file twice is one chip.
        _ = Reducer.reduce(&state, .filesAttached(draft: "", [text], problems: []), now: fixture.now)
        #expect(state.attachments == [text])
    }

    @Test func sendingUploadsThenSendsWithTheAttachments() throws {
        var state = opened()
        let effects = fixture.type("look\n", into: &state)
        #expect(effects == [.upload(conversationID: "c1", files: [text, image])])
        #expect(state.input.text == "look", "the text stays, locked, while the files upload")
        #expect(state.current?.messages.isEmpty == true)

        // Typing is refused while uploading; nothing is lost.
        #expect(fixture.type("x", into: &state).isEmpty)
        #expect(fixture.press(.backspace, &state).isEmpty)
        #expect(state.input.text == "look" && state.attachments.count == 2)

        _ = Reducer.reduce(&state, .uploadProgress(conversationID: "c1", path: "/tmp/a/notes.txt", sent: 12, total: 12), now: fixture.now)
        _ = Reducer.reduce(&state, .uploadProgress(conversationID: "c1", path: "/tmp/a/cat.png", sent: 1024, total: 2048), now: fixture.now)
        #expect(state.status?.text.hasPrefix("Uploading… 50%") == true)
        _ = Reducer.reduce(&state, .uploaded(conversationID: "c1", uploaded(text)), now: fixture.now)
        _ = Reducer.reduce(&state, .uploaded(conversationID: "c1", uploaded(image)), now: fixture.now)
        let sent = Reducer.reduce(&state, .uploadsEnded(conversationID: "c1", failure: nil), now: fixture.now)
        let current = try #require(state.current)
        #expect(current.messages[0].content == "look")
        #expect(current.messages[0].attachments == [uploaded(text), uploaded(image)])
        #expect(sent == [.save(current), .startReply(conversation: current, replyID: current.messages[1].id)])
        #expect(state.input.isEmpty && state.attachments.isEmpty && state.uploads.isEmpty)
        #expect(current.draftAttachments.isEmpty)
    }

    @Test func aFailedUploadKeepsTheDraftAndNeverUploadsAFileTwice() {
        var state = opened()
        _ = fixture.type("look\n", into: &state)
        _ = Reducer.reduce(&state, .uploaded(conversationID: "c1", uploaded(text)), now: fixture.now)
        _ = Reducer.reduce(&state, .uploadsEnded(conversationID: "c1", failure: "cat.png did not upload (HTTP 503)"), now: fixture.now)
        #expect(state.input.text == "look")
        #expect(state.attachments == [uploaded(text), image])
        #expect(state.current?.messages.isEmpty == true)
        #expect(state.status?.severity == .error)
        #expect(state.status?.text.contains("cat.png did not upload (HTTP 503)") == true)

        // Enter again uploads only what has no URL yet.
        #expect(fixture.press(.enter, &state) == [.upload(conversationID: "c1", files: [image])])
    }

    @Test func escCancelsAnUpload() {
        var state = opened()
        _ = fixture.type("look\n", into: &state)
        #expect(fixture.press(.escape, &state) == [.cancelUpload(conversationID: "c1")])
    }

    @Test func backspaceOnAnEmptyInputRemovesTheLastChip() {
        var state = opened()
        _ = fixture.type("a", into: &state)
        _ = fixture.press(.backspace, &state)
        #expect(state.attachments.count == 2, "the first backspace deletes the character")
        _ = fixture.press(.backspace, &state)
        #expect(state.attachments == [text])
        #expect(state.status?.text == "Removed cat.png from the message.")
    }

    @Test func filesAloneCanBeSentAndAttachBeforeTheFirstConversation() throws {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .filesAttached(draft: "", [uploaded(text)], problems: []), now: fixture.now)
        #expect(fixture.press(.enter, &state) == [.create(bot: "Echo")])
        _ = Reducer.reduce(&state, .conversationCreated(fixture.conversation("c9")), now: fixture.now)
        let current = try #require(state.current)
        #expect(current.messages.first?.attachments == [uploaded(text)])
        #expect(current.messages.first?.content == "")
    }

    @Test func draftsComeBackWithTheirFiles() {
        var state = fixture.fresh()
        var stored = fixture.conversation("c1")
        stored.draft = "half typed"
        stored.draftAttachments = [text]
        _ = Reducer.reduce(&state, .started(conversations: [stored.summary], open: stored), now: fixture.now)
        #expect(state.input.text == "half typed")
        #expect(state.attachments == [text])
    }
}
