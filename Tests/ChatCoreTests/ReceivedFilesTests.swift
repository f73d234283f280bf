import ChatStore
import Foundation
import Testing
import TerminalUI
@testable import ChatCore

/// Files bots send: Alt-S saves the newest reply's, Alt-O lists them to open or save.
@Suite("Files from bots")
struct ReceivedFilesTests {
    let fixture = ReducerTests()
    let picture = ReceivedFile(name: "artist.png", url: "http://e/files/1/artist.png", contentType: "image/png", inlineRef: "art00001")
    let clip = ReceivedFile(name: "clip.mp4", url: "http://e/files/2/clip.mp4", contentType: "video/mp4")
    let song = ReceivedFile(name: "song.mp3", url: "http://e/files/3/song.mp3", contentType: "audio/mpeg")

    /// Two replies with files: the older has the picture, the newer the clip and the song.
    func state() -> (AppState, older: String, newer: String) {
        var conversation = fixture.conversation("c1", bot: "Artist")
        conversation.append(ChatMessage(role: .user, content: "draw", createdAt: fixture.now))
        let older = ChatMessage(role: .bot, bot: "Artist", content: "here", createdAt: fixture.now, files: [picture])
        conversation.append(older)
        conversation.append(ChatMessage(role: .user, content: "film", createdAt: fixture.now))
        let newer = ChatMessage(role: .bot, bot: "Artist", content: "both", createdAt: fixture.now, files: [clip, song])
        conversation.append(newer)
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [conversation.summary], open: conversation), now: fixture.now)
        return (state, older.id, newer.id)
    }

    @Test func altSSavesEveryFileOfTheNewestReply() {
        var (state, _, newer) = state()
        #expect(fixture.press(KeyPress(.character("s"), .alt), &state) == [.saveFiles(conversationID: "c1", [
            FileReference(messageID: newer, index: 0, file: clip), FileReference(messageID: newer, index: 1, file: song),
        ], open: false)])
    }

    @Test func altOListsNewestFirstToOpenOrSave() {
        var (state, older, newer) = state()
        _ = fixture.press(KeyPress(.character("o"), .alt), &state)
        #expect(state.overlay == .files(selection: 0))
        #expect(ReceivedFiles.all(in: state.current).map(\.file.name) == ["clip.mp4", "song.mp3", "artist.png"])
        _ = fixture.press(.down, &state)
        _ = fixture.press(.down, &state)
        _ = fixture.press(.down, &state)
        #expect(state.overlay == .files(selection: 2))
        #expect(fixture.press(.enter, &state) == [.saveFiles(conversationID: "c1", [FileReference(messageID: older, index: 0, file: picture)], open: true)])
        #expect(state.overlay == nil)

        _ = fixture.press(KeyPress(.character("o"), .alt), &state)
        _ = fixture.press(.down, &state)
        #expect(fixture.type("s", into: &state) == [.saveFiles(conversationID: "c1", [FileReference(messageID: newer, index: 1, file: song)], open: false)])
        _ = fixture.press(KeyPress(.character("o"), .alt), &state)
        #expect(fixture.type("a", into: &state).first == .saveFiles(conversationID: "c1", [
            FileReference(messageID: newer, index: 0, file: clip), FileReference(messageID: newer, index: 1, file: song),
        ], open: false))
    }

    @Test func aSavedFileIsRecordedOnItsMessage() throws {
        var (state, older, _) = state()
        var saved = picture
        saved.savedPath = "/home/u/Downloads/artist.png"
        saved.size = 90
        let effects = Reducer.reduce(&state, .fileSaved(conversationID: "c1", FileReference(messageID: older, index: 0, file: saved)), now: fixture.now)
        let current = try #require(state.current)
        #expect(current.message(older)?.files == [saved])
        #expect(effects == [.save(current)])
        #expect(state.status?.text == "Saved /home/u/Downloads/artist.png")
    }

    @Test func noFilesSaysWhereTheyComeFrom() {
        var state = fixture.fresh()
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        #expect(fixture.press(KeyPress(.character("o"), .alt), &state).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.status?.text.hasPrefix("No files here") == true)
    }
}
