import Foundation
import Testing
import TerminalUI
@testable import FilePicking

@Suite("File picker keys")
struct PickerKeyTests {
    typealias T = PickerTesting
    static let names = ["docs/", "src/", "notes.md", "report.pdf", "reply-draft.txt", "song.mp3", "zeta.txt"]

    /// One row of the table: keys typed into a picker over `names` in /data, then what is
    /// highlighted, the filter, and the last key's command.
    struct Case: CustomTestStringConvertible, Sendable {
        var keys: String
        var highlighted: String?
        var filter: String
        var command: FilePickerCommand
        var testDescription: String { keys.isEmpty ? "(no keys)" : keys }
    }

    static let table: [Case] = [
        Case(keys: "<Down><Down>", highlighted: "notes.md", filter: "", command: .preview(T.url("notes.md"))),
        Case(keys: "<Up>", highlighted: "docs", filter: "", command: .none),
        Case(keys: "<End>", highlighted: "zeta.txt", filter: "", command: .preview(T.url("zeta.txt"))),
        Case(keys: "<End><Home>", highlighted: "docs", filter: "", command: .none),
        Case(keys: "<C-n><C-n><C-n><C-p>", highlighted: "notes.md", filter: "", command: .preview(T.url("notes.md"))),
        // Fuzzy: in-order letters, the best match first. (Its preview was asked for by an earlier
        // letter that already put it on top.)
        Case(keys: "rep", highlighted: "report.pdf", filter: "rep", command: .none),
        Case(keys: "rd", highlighted: "reply-draft.txt", filter: "rd", command: .preview(T.url("reply-draft.txt"))),
        Case(keys: "rdt", highlighted: "reply-draft.txt", filter: "rdt", command: .none),
        Case(keys: "repz", highlighted: nil, filter: "repz", command: .none),
        Case(keys: "rep<BS><BS>", highlighted: "report.pdf", filter: "r", command: .none),
        Case(keys: "rep<C-u>", highlighted: "docs", filter: "", command: .none),
        // `~` and `.` are commands only while the filter is empty; after a letter they filter.
        Case(keys: "~", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: T.home, showHidden: false, recursive: false))),
        Case(keys: "s~", highlighted: nil, filter: "s~", command: .none),
        Case(keys: "e.t", highlighted: "zeta.txt", filter: "e.t", command: .none),
        // Folders: Right or Enter enter; Left or Backspace on an empty filter go up.
        Case(keys: "<Right>", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: "/data/docs", showHidden: false, recursive: false))),
        Case(keys: "<Down><Enter>", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: "/data/src", showHidden: false, recursive: false))),
        Case(keys: "sr<Enter>", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: "/data/src", showHidden: false, recursive: false))),
        Case(keys: "<Left>", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: "/", showHidden: false, recursive: false))),
        Case(keys: "<BS>", highlighted: nil, filter: "", command: .list(ListingRequest(id: 2, folder: "/", showHidden: false, recursive: false))),
        Case(keys: "<Down><Down><Right>", highlighted: "notes.md", filter: "", command: .none),
        // Ctrl-R searches below the folder, keeping the filter.
        Case(keys: "no<C-r>", highlighted: nil, filter: "no", command: .list(ListingRequest(id: 2, folder: "/data", showHidden: false, recursive: true))),
        // Enter on a file attaches it; Tab or Space mark several, Enter attaches those.
        Case(keys: "zeta<Enter>", highlighted: "zeta.txt", filter: "zeta", command: .attach([T.url("zeta.txt")])),
        Case(keys: "<Down><Down><Tab><Space><Enter>", highlighted: "reply-draft.txt", filter: "",
             command: .attach([T.url("notes.md"), T.url("report.pdf")])),
        Case(keys: "note<Space><C-u>zeta<Tab><Enter>", highlighted: "zeta.txt", filter: "zeta",
             command: .attach([T.url("notes.md"), T.url("zeta.txt")])),
        // Marking twice unmarks; Shift-Tab marks and moves up.
        Case(keys: "<End><Tab><Up><Tab><Down><Tab><Enter>", highlighted: "zeta.txt", filter: "", command: .attach([T.url("song.mp3")])),
        Case(keys: "<End><S-Tab><S-Tab><Enter>", highlighted: "reply-draft.txt", filter: "",
             command: .attach([T.url("zeta.txt"), T.url("song.mp3")])),
        // Folders are not marked.
        Case(keys: "<Tab>", highlighted: "docs", filter: "", command: .none),
        Case(keys: "<Esc>", highlighted: "docs", filter: "", command: .close),
        Case(keys: "rep<C-o>", highlighted: "report.pdf", filter: "rep", command: .close),
    ]

    @Test(arguments: table)
    func keys(_ row: Case) {
        var picker = T.picker(Self.names)
        let command = T.type(row.keys, into: &picker)
        #expect(picker.highlighted?.name == row.highlighted)
        #expect(picker.filter == row.filter)
        #expect(command == row.command)
    }

    @Test func pagesMoveByTheRowsShown() {
        var picker = T.picker((0..<30).map { "file\($0 < 10 ? "0" : "")\($0).txt" })
        picker.pageRows = 10
        T.type("<PgDn>", into: &picker)
        #expect(picker.selection == 10)
        #expect(picker.scroll == 1)
        T.type("<PgDn><PgDn><PgDn>", into: &picker)
        #expect(picker.selection == 29)
        #expect(picker.scroll == 20)
        T.type("<PgUp>", into: &picker)
        #expect(picker.selection == 19)
        T.type("<Home>", into: &picker)
        #expect(picker.selection == 0 && picker.scroll == 0)
    }

    @Test func goingUpHighlightsTheFolderLeft() {
        var picker = FilePicker(folder: "/data/src", home: T.home, rules: AttachmentRules(bot: "Echo"))
        _ = picker.receive(.entries(T.entries(["main.swift"], in: "/data/src")), for: picker.request)
        guard case .list(let request) = T.type("<Left>", into: &picker) else {
            Issue.record("no listing asked for")
            return
        }
        #expect(request.folder == "/data")
        #expect(picker.listing.count == 0 && picker.status == .loading)
        let command = picker.receive(.entries(T.entries(Self.names)), for: request)
        #expect(picker.highlighted?.name == "src")
        #expect(command == .none)  // a folder has no preview to load
    }

    @Test func resultsOfAStaleListingAreDropped() {
        var picker = T.picker(Self.names)
        let old = picker.request
        guard case .list(let new) = T.type("<Right>", into: &picker) else {
            Issue.record("no listing asked for")
            return
        }
        _ = picker.receive(.entries(T.entries(["stale.txt"])), for: old)
        _ = picker.receive(.failed(.permissionDenied), for: old)
        #expect(picker.listing.count == 0 && picker.status == .loading)
        _ = picker.receive(.entries(T.entries(["fresh.txt"], in: "/data/docs")), for: new)
        #expect(picker.shown == ["fresh.txt"])
    }

    @Test func hiddenFilesToggleWithoutANewListing() {
        var picker = T.picker([".config/", "b.txt", ".hidden", "a.txt"])
        #expect(picker.shown == ["b.txt", "a.txt"])
        #expect(T.type(".", into: &picker) == .none)
        #expect(picker.shown == [".config", "b.txt", ".hidden", "a.txt"])
        #expect(picker.showHidden)
        T.type("<End>.", into: &picker)
        #expect(picker.highlighted?.name == "a.txt")  // the highlight stays on the same file
    }

    @Test func hiddenFilesInASearchAskForANewSearch() {
        var picker = FilePicker(folder: "/data", home: T.home, rules: AttachmentRules(bot: "Echo"), recursive: true)
        #expect(T.type(".", into: &picker) == .list(ListingRequest(id: 2, folder: "/data", showHidden: true, recursive: true)))
    }

    @Test func anUnreadableFolderIsNotEntered() {
        var picker = T.picker(["locked/", "a.txt"], unreadable: ["locked"])
        #expect(T.type("<Right>", into: &picker) == .none)
        #expect(picker.folder == "/data")
        #expect(picker.notice == FilePicker.Notice("cannot read locked: permission denied", .problem))
        T.type("<Down>", into: &picker)
        #expect(picker.notice == nil)  // notices last one key
    }

    @Test func aFolderThatCannotBeReadSaysWhyAndCanBeLeft() {
        var picker = FilePicker(folder: "/data/locked", home: T.home, rules: AttachmentRules(bot: "Echo"))
        _ = picker.receive(.failed(.permissionDenied), for: picker.request)
        #expect(picker.status == .failed(.permissionDenied))
        #expect(T.type("<Enter>", into: &picker) == .none)
        #expect(T.type("<Left>", into: &picker) == .list(ListingRequest(id: 2, folder: "/data", showHidden: false, recursive: false)))
    }

    @Test func marksSurviveLeavingTheFolder() {
        var picker = T.picker(Self.names)
        T.type("notes<Tab>", into: &picker)
        guard case .list(let request) = T.type("<C-u><Right>", into: &picker) else {
            Issue.record("no listing asked for")
            return
        }
        _ = picker.receive(.entries(T.entries(["guide.md"], in: "/data/docs")), for: request)
        #expect(T.type("<Tab><Enter>", into: &picker) == .attach([T.url("notes.md"), T.url("guide.md", in: "/data/docs")]))
    }

    @Test func theDraftsAttachmentsComeAlongAndCanBeUnmarked() {
        let attached = [FilePicker.MarkedFile(path: "/data/notes.md", size: 100)]
        var picker = T.picker(Self.names, attached: attached)
        // Enter on another file adds it to the draft's.
        #expect(T.type("zeta<Enter>", into: &picker) == .attach([T.url("notes.md"), T.url("zeta.txt")]))
        // Unmarking the draft's file and choosing marks: only the new ones.
        picker = T.picker(Self.names, attached: attached)
        #expect(T.type("notes<Tab><C-u>zeta<Tab><Enter>", into: &picker) == .attach([T.url("zeta.txt")]))
    }

    @Test func filesTheBotCannotTakeNeedAYes() {
        let rules = AttachmentRules(bot: "Claude-Haiku", inputs: ["text", "image"])
        var picker = T.picker(Self.names, rules: rules)
        #expect(T.type("song<Enter>", into: &picker) == .none)
        #expect(picker.confirmation?.reason == "Claude-Haiku takes text and images; this is audio")
        #expect(T.type("y", into: &picker) == .attach([T.url("song.mp3")]))

        picker = T.picker(Self.names, rules: rules)
        T.type("song<Enter>", into: &picker)
        #expect(T.type("<Esc>", into: &picker) == .none)  // back to the list, not closed
        #expect(picker.confirmation == nil && picker.filter == "song")
        #expect(T.type("<Enter><Enter>", into: &picker) == .attach([T.url("song.mp3")]))

        // Marking one says so at once; the question comes with Enter.
        picker = T.picker(Self.names, rules: rules)
        T.type("song<Tab>", into: &picker)
        #expect(picker.notice?.severity == .warning)
        #expect(picker.isMarked("/data/song.mp3"))
        T.type("<C-u>report<Tab><Enter>", into: &picker)
        #expect(picker.confirmation?.reason == "Claude-Haiku takes text and images; this is audio (and 1 more file)")
    }

    @Test func filesOverTheUploadCapAreRefusedWithBothSizes() {
        let rules = AttachmentRules(bot: "Echo", uploadLimit: 10_000_000)
        var picker = T.picker(Self.names, rules: rules, sizes: ["report.pdf": 12_345_678])
        #expect(T.type("report<Enter>", into: &picker) == .none)
        #expect(picker.notice == FilePicker.Notice("report.pdf is 12.3 MB; the upload limit is 10 MB", .problem))
        T.type("<Tab>", into: &picker)
        #expect(picker.marked.isEmpty)
        // Sizes that round alike are given in bytes.
        picker = T.picker(Self.names, rules: rules, sizes: ["report.pdf": 10_000_001])
        T.type("report<Enter>", into: &picker)
        #expect(picker.notice?.text == "report.pdf is 10,000,001 bytes; the upload limit is 10,000,000 bytes")
    }

    @Test func unreadableAndSpecialFilesAreRefused() {
        var picker = T.picker(["secret.txt", "pipe"], unreadable: ["secret.txt"])
        #expect(T.type("<Enter>", into: &picker) == .none)
        #expect(picker.notice == FilePicker.Notice("cannot read secret.txt", .problem))
        var entries = T.entries(["pipe"])
        entries[0].kind = .special
        picker = FilePicker(folder: "/data", home: T.home, rules: AttachmentRules(bot: "Echo"))
        _ = picker.receive(.entries(entries), for: picker.request)
        #expect(T.type("<Tab>", into: &picker) == .none)
        #expect(picker.notice?.text == "pipe is not a regular file")
    }

    @Test func aPreviewIsAskedOnceForEachNewHighlight() {
        var picker = T.picker(Self.names)
        #expect(T.type("<Down>", into: &picker) == .none)  // src is a folder
        #expect(T.type("<Down>", into: &picker) == .preview(T.url("notes.md")))
        #expect(T.type("n", into: &picker) == .none)  // still notes.md on top
        // Back on a file already previewed: nothing to load.
        #expect(T.type("<BS><Down><Down>", into: &picker) == .none)
        #expect(picker.highlighted?.name == "notes.md")
    }

    @Test func thePreviewsContentTypeDecides() {
        // "photo" has no extension: unknown by name, so not dimmed until its content is known.
        var picker = T.picker(["photo", "notes.md"], rules: AttachmentRules(bot: "Claude-Haiku", inputs: ["text"]))
        let photo = picker.listing[0]
        #expect(picker.verdict(for: photo) == .accepted)
        picker.wantedPreview = photo.path
        picker.receive(FilePreview(path: photo.path, size: 100, modified: Date(), type: .png))
        #expect(picker.verdict(for: photo) == .unsupported("Claude-Haiku takes text; this is an image"))
        // A preview for another file is ignored.
        picker.receive(FilePreview(path: "/data/notes.md", size: 1, modified: Date(), type: .png))
        #expect(picker.preview?.path == photo.path)
    }

    @Test func aSearchKeepsTheHighlightWhileResultsArrive() {
        var picker = FilePicker(folder: "/data", home: T.home, rules: AttachmentRules(bot: "Echo"), recursive: true)
        _ = picker.receive(.entries(T.entries(["b/report.txt", "b/other.txt"])), for: picker.request)
        T.type("rep", into: &picker)
        #expect(picker.highlighted?.name == "b/report.txt")
        // A better match arrives: the highlight stays where the user put it.
        _ = picker.receive(.entries(T.entries(["rep"])), for: picker.request)
        #expect(picker.shown.first == "rep")
        #expect(picker.highlighted?.name == "b/report.txt")
        _ = picker.receive(.finished(ListingEnd(countLimited: true)), for: picker.request)
        #expect(picker.status == .complete(ListingEnd(countLimited: true)))
    }

    @Test func detailsArriveAfterTheNames() {
        var picker = FilePicker(folder: T.folder, home: T.home, rules: AttachmentRules(bot: "Echo", uploadLimit: 1_000))
        var names = T.entries(["big.iso", "small.txt"])
        for index in names.indices {
            names[index].size = 0
            names[index].detailsKnown = false
        }
        _ = picker.receive(.entries(names), for: picker.request)
        // Size unknown yet: no refusal, and a mark keeps what is known.
        #expect(picker.verdict(for: picker.listing[0]) == .accepted)
        T.type("<Tab>", into: &picker)
        var detailed = T.entries(["big.iso", "small.txt"], sizes: ["big.iso": 5_000, "small.txt": 10])
        _ = picker.receive(.details(from: 0, detailed), for: picker.request)
        #expect(picker.entries.map(\.size) == [5_000, 10])
        #expect(picker.marked.first?.size == 5_000)
        #expect(picker.verdict(for: picker.listing[0]) == .refused("big.iso is 5 KB; the upload limit is 1 KB"))
        // Details that do not line up with the listing are ignored.
        detailed[0] = FileEntry(name: "big.iso", in: "/elsewhere", kind: .file, size: 1)
        _ = picker.receive(.details(from: 0, detailed), for: picker.request)
        #expect(picker.entries[0].size == 5_000)
        _ = picker.receive(.details(from: 1, detailed), for: picker.request)
        #expect(picker.entries.map(\.size) == [5_000, 10])
    }
}
