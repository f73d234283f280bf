import ChatStore
import FilePicking
import Foundation
import Testing
import TerminalUI
@testable import ChatCore

/// Ctrl-O in the app: where the picker starts, what it asks the runner for, what Enter attaches.
@Suite("File picker in the app")
struct FileAttachingTests {
    let fixture = ReducerTests()

    func state(remembered folder: String? = nil) -> AppState {
        var state = fixture.fresh()
        state.workingFolder = "/work/here"
        state.home = "/home/u"
        state.uploadLimit = 1_000
        state.remembered.attachFolder = folder
        _ = Reducer.reduce(&state, .started(conversations: [], open: fixture.conversation("c1")), now: fixture.now)
        return state
    }

    func shownPicker(_ state: AppState) -> FilePicker? {
        if case .filePicker(let picker) = state.overlay { return picker }
        return nil
    }

    @Test func startsInTheWorkingFolderAndListsItOffTheLoop() throws {
        var state = state()
        let effects = fixture.press(.control("o"), &state)
        let picker = try #require(shownPicker(state))
        #expect(picker.folder == "/work/here")
        #expect(picker.rules == AttachmentRules(bot: "Echo", inputs: [], uploadLimit: 1_000))
        #expect(effects == [.listFolder(picker.request), .fetchCatalog])
    }

    @Test func aRememberedFolderThatIsGoneFallsBackToTheWorkingFolder() throws {
        var state = state(remembered: "/no/such/folder/\(UUID().uuidString)")
        _ = fixture.press(.control("o"), &state)
        #expect(try #require(shownPicker(state)).folder == "/work/here")
        var existing = self.state(remembered: NSTemporaryDirectory())
        _ = fixture.press(.control("o"), &existing)
        #expect(try #require(shownPicker(existing)).folder == URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path)
    }

    @Test func listingResultsReachThePickerAndEnterAttachesAndRemembersTheFolder() throws {
        var state = state()
        _ = fixture.press(.control("o"), &state)
        let request = try #require(shownPicker(state)).request
        let entry = FileEntry(name: "notes.txt", in: "/work/here", kind: .file, size: 11, modified: fixture.now, readable: true)
        let effects = Reducer.reduce(&state, .listing(.entries([entry]), request), now: fixture.now)
        #expect(try #require(shownPicker(state)).entries.map(\.name) == ["notes.txt"])
        #expect(effects == [.previewFile("/work/here/notes.txt")])
        _ = Reducer.reduce(&state, .listing(.finished(.complete), request), now: fixture.now)

        let attached = fixture.press(.enter, &state)
        #expect(state.overlay == nil)
        #expect(attached == [.remember(Remembered(attachFolder: "/work/here")), .stopListing,
                             .inspectFiles(draft: "c1", paths: ["/work/here/notes.txt"])])
    }

    @Test func unmarkingInThePickerRemovesAChip() throws {
        var state = state()
        let chip = StoredAttachment(name: "a.txt", localPath: "/work/here/a.txt", contentType: "text/plain", size: 3)
        _ = Reducer.reduce(&state, .filesAttached(draft: "c1", [chip], problems: []), now: fixture.now)
        _ = fixture.press(.control("o"), &state)
        let request = try #require(shownPicker(state)).request
        let entries = ["a.txt", "b.txt"].map { FileEntry(name: $0, in: "/work/here", kind: .file, size: 3, modified: fixture.now, readable: true) }
        _ = Reducer.reduce(&state, .listing(.entries(entries), request), now: fixture.now)
        #expect(try #require(shownPicker(state)).isMarked("/work/here/a.txt"))
        _ = fixture.press(.tab, &state)  // unmarks a.txt and moves down
        let effects = fixture.press(.enter, &state)  // nothing marked: the highlighted b.txt
        #expect(state.attachments.isEmpty, "a.txt left the draft")
        #expect(effects.last == .inspectFiles(draft: "c1", paths: ["/work/here/b.txt"]))
    }

    @Test func escClosesAndStopsTheListing() {
        var state = state()
        _ = fixture.press(.control("o"), &state)
        #expect(fixture.press(.escape, &state) == [.remember(Remembered(attachFolder: "/work/here")), .stopListing])
        #expect(state.overlay == nil)
    }
}
