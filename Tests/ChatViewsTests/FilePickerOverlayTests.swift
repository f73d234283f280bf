import ChatCore
import FilePicking
import Foundation
import Testing
import TerminalUI
@testable import ChatViews

@Suite("File picker screen")
struct FilePickerOverlayTests {
    let theme = Theme.builtInDefault(colors: .colors256)
    static let folder = "/home/me/projects"
    static let modified = Date(timeIntervalSince1970: 1_800_000_000)

    static func entries(_ names: [String], in folder: String = folder, size: Int64 = 1_234) -> [FileEntry] {
        names.map { name in
            let isFolder = name.hasSuffix("/")
            let plain = isFolder ? String(name.dropLast()) : name
            return FileEntry(name: plain, in: folder, kind: isFolder ? .folder : .file, size: isFolder ? 0 : size, modified: modified)
        }
    }

    static func picker(_ entries: [FileEntry], rules: AttachmentRules = AttachmentRules(bot: "Echo"),
                       recursive: Bool = false, end: ListingEnd? = .complete) -> FilePicker {
        var picker = FilePicker(folder: folder, home: "/home/me", rules: rules, recursive: recursive)
        if !entries.isEmpty { _ = picker.receive(.entries(entries), for: picker.request) }
        if let end { _ = picker.receive(.finished(end), for: picker.request) }
        return picker
    }

    /// The picker alone on a blank screen.
    func draw(_ picker: FilePicker, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        FilePickerOverlay(picker: picker, theme: theme).draw(in: screen.bounds, on: &screen)
        return screen
    }

    func lines(_ screen: Screen) -> [String] { screen.text.components(separatedBy: "\n") }

    /// What holds on every frame: wide glyphs whole, nothing raw from a file name reaches the
    /// terminal, nothing drawn outside the box's columns.
    func expectSound(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<screen.height {
            for x in 0..<screen.width where screen[x, y].isContinuation {
                #expect(x > 0 && screen[x - 1, y].width == 2, "stray half at \(x),\(y)", sourceLocation: sourceLocation)
            }
        }
        #expect(!screen.text.contains("\u{1B}"), sourceLocation: sourceLocation)
    }

    @Test func aSmallFolder() {
        var picker = Self.picker(Self.entries(["docs/", "notes.md", "report.pdf", "song.mp3"]),
                                 rules: AttachmentRules(bot: "Claude-Haiku", inputs: ["text", "image"]))
        _ = picker.handle(KeyPress(.down))
        _ = picker.handle(KeyPress(.tab))
        _ = picker.handle(KeyPress(.character("p")))
        let expected = """

          ╭─ Attach files for Claude-Haiku — Enter attaches, Esc closes ───╮
          │ ~/projects                                            1 marked │
          │ › p                                                            │
          │   report.pdf                                    file ✗  1.2 KB │
          │   song.mp3                                     audio ✗  1.2 KB │
          │                                                                │
          │                                                                │
          │                                                                │
          │                                                                │
          │ 2 of 4 match                                                   │
          │ Tab mark · → open · ← up · ~ home · . hidden · ^R search below │
          ╰────────────────────────────────────────────────────────────────╯

        """
        let screen = draw(picker, width: 70, height: 14)
        #expect(screen.text == expected)
        expectSound(screen)
        // The cursor sits after the filter.
        #expect(screen.cursor?.x == 7 && screen.cursor?.y == 3)
    }

    @Test func rowsAreStyledByWhatTheBotTakes() {
        var picker = Self.picker(Self.entries(["docs/", "notes.md", "song.mp3"]), rules: AttachmentRules(bot: "Claude-Haiku", inputs: ["text"]))
        _ = picker.handle(KeyPress(.down))
        let screen = draw(picker, width: 70, height: 14)
        let rows = lines(screen)
        let overlay = theme.style(for: "overlay")
        func style(of text: String) -> Style? {
            guard let y = rows.firstIndex(where: { $0.contains(text) }), let x = rows[y].range(of: text).map({ rows[y].distance(from: rows[y].startIndex, to: $0.lowerBound) }) else { return nil }
            return screen[x, y].style
        }
        #expect(style(of: "song.mp3") == theme.style(for: "overlay.disabled").merged(over: overlay))
        #expect(style(of: "notes.md") == theme.style(for: "overlay.selected").merged(over: overlay))
        #expect(style(of: "docs/")?.attributes.contains(.bold) == true)
    }

    @Test func thePreviewColumnShowsFromEightyColumns() {
        var picker = Self.picker(Self.entries(["notes.md", "song.mp3"]), rules: AttachmentRules(bot: "Claude-Haiku", inputs: ["text"]))
        picker.receive(FilePreview(path: Self.folder + "/notes.md", size: 1_234, modified: Self.modified, type: FileType("Markdown text", .text),
                                   lines: ["# Notes", "- 日本語のテキスト and a line that is far too long for the preview column to hold whole"], moreText: true))
        #expect(!draw(picker, width: 79, height: 20).text.contains("Markdown text"))
        let screen = draw(picker, width: 80, height: 20)
        let text = screen.text
        #expect(text.contains("Markdown text"))
        #expect(text.contains("1.2 KB (1,234 bytes)"))
        #expect(text.contains("# Notes"))
        #expect(text.contains("- 日本語のテキスト and a"))
        expectSound(screen)
        // The unsupported file's preview gives the whole reason.
        _ = picker.handle(KeyPress(.down))
        #expect(draw(picker, width: 100, height: 20).text.contains("Claude-Haiku takes text; this is audio"))
    }

    static let hardNames = [
        "日本語のファイル名がとても長い場合にどう表示されるかを確かめるためのテスト.txt",
        String(repeating: "very-long-name-", count: 20) + "end.pdf",
        "emoji 🙂👍🏽 and 한국어 파일.png",
        "short.txt",
        "tab\tand\u{1B}[31mescape\u{07}.txt",
    ]

    @Test(arguments: [(40, 10), (60, 16), (80, 24), (120, 30), (200, 50)])
    func cjkAndVeryLongNamesAreCutByWidth(size: (Int, Int)) {
        let picker = Self.picker(Self.entries(Self.hardNames))
        let screen = draw(picker, width: size.0, height: size.1)
        expectSound(screen)
        let rows = lines(screen)
        let listRows = rows.filter { $0.contains("1.2 KB") }
        #expect(listRows.count == min(Self.hardNames.count, FilePicker.pageRows(screenHeight: size.1)))
        // Sizes line up on the right whatever came before them.
        let ends = Set(listRows.map { row in TextWidth.standard.columns(of: row[..<row.range(of: "1.2 KB")!.upperBound]) })
        #expect(ends.count == 1)
        // The long names are cut with an ellipsis; the short one is whole.
        #expect(listRows.first { $0.contains("日本語") }.map { $0.contains("…") || $0.contains("テスト.txt") } == true)
        #expect(listRows.first { $0.contains("very-long-name-") }?.contains("…") == true)
        #expect(listRows.contains { $0.contains("short.txt ") } || size.1 < 16)
        // A name's tab and escape sequence show as pictures.
        #expect(listRows.contains { $0.contains("tab␉and␛[31mescape␇.txt") } || size.1 < 16)
    }

    @Test func anEmptyFolder() {
        #expect(draw(Self.picker([]), width: 80, height: 20).text.contains("empty folder"))
        let hiddenOnly = Self.picker(Self.entries([".bashrc", ".config/"]))
        #expect(draw(hiddenOnly, width: 80, height: 20).text.contains("only hidden files here — . shows them"))
        var filtered = Self.picker(Self.entries(["a.txt"]))
        _ = filtered.handle(KeyPress(.character("z")))
        #expect(draw(filtered, width: 100, height: 20).text.contains("no match for “z” here — ^R searches the folders below"))
        #expect(draw(Self.picker([], end: nil), width: 80, height: 20).text.contains("reading…"))
    }

    @Test func anUnreadableFolder() {
        var picker = FilePicker(folder: Self.folder, home: "/home/me", rules: AttachmentRules(bot: "Echo"))
        _ = picker.receive(.failed(.permissionDenied), for: picker.request)
        let screen = draw(picker, width: 80, height: 20)
        #expect(screen.text.contains("cannot read this folder: permission denied"))
        expectSound(screen)
    }

    @Test func tenThousandEntries() {
        let names = (0..<10_000).map { "file-\(String(format: "%05d", $0)).txt" }
        var picker = Self.picker(Self.entries(names))
        picker.pageRows = FilePicker.pageRows(screenHeight: 30)
        _ = picker.handle(KeyPress(.end))
        #expect(picker.highlighted?.name == "file-09999.txt")
        for _ in 0..<((10_000 - 5_000) / picker.pageRows) { _ = picker.handle(KeyPress(.pageUp)) }
        let highlighted = picker.highlighted!.name
        let screen = draw(picker, width: 100, height: 30)
        let rows = lines(screen)
        #expect(rows.contains { $0.contains(highlighted) })
        #expect(rows.filter { $0.contains("file-") && $0.contains("1.2 KB") }.count == picker.pageRows)
        #expect(screen.text.contains("10,000 shown"))
        // Filtering: "9999" puts file-09999 first.
        for character in "9999" { _ = picker.handle(KeyPress(.character(character))) }
        #expect(picker.highlighted?.name == "file-09999.txt")
        #expect(draw(picker, width: 100, height: 30).text.contains("of 10,000 match"))
    }

    @Test func aSearchSaysHowFarItGot() {
        let found = Self.entries((0..<1_234).map { "sub/file\($0).txt" })
        let searching = Self.picker(found, recursive: true, end: nil)
        let text = draw(searching, width: 100, height: 20).text
        #expect(text.contains("searching… 1,234 found"))
        #expect(text.contains("searching below"))
        #expect(text.contains("^R this folder only"))
        let stopped = Self.picker(found, recursive: true, end: ListingEnd(countLimited: true, depthLimited: true))
        #expect(draw(stopped, width: 140, height: 20).text.contains("1,234 found — stopped at 20,000 — not deeper than 8 folders"))
    }

    @Test func aConfirmationAndNoticesShowAboveTheKeys() {
        var picker = Self.picker(Self.entries(["song.mp3"]), rules: AttachmentRules(bot: "Claude-Haiku", inputs: ["text", "image"], uploadLimit: 1_000))
        _ = picker.handle(KeyPress(.enter))
        #expect(draw(picker, width: 100, height: 20).text.contains("song.mp3 is 1.2 KB; the upload limit is 1 KB"))
        picker.rules.uploadLimit = nil
        _ = picker.handle(KeyPress(.enter))
        let text = draw(picker, width: 120, height: 20).text
        #expect(text.contains("Claude-Haiku takes text and images; this is audio. Enter or y attaches anyway; any other key goes back."))
    }

    @Test func drawnOverTheChatScreen() {
        let renderer = ChatRenderer(theme: theme)
        var screen = renderer.render(AppState(width: 100, height: 30, defaultBot: "Echo"))
        renderer.drawFilePicker(Self.picker(Self.entries(Self.hardNames)), on: &screen)
        #expect(screen.text.contains("Attach files for Echo"))
        expectSound(screen)
    }

    @Test func theHomeFolderShowsAsTilde() {
        var picker = FilePicker(folder: "/home/me", home: "/home/me", rules: AttachmentRules(bot: "Echo"))
        #expect(FilePickerOverlay(picker: picker, theme: theme).displayPath == "~")
        picker = FilePicker(folder: "/home/meadow", home: "/home/me", rules: AttachmentRules(bot: "Echo"))
        #expect(FilePickerOverlay(picker: picker, theme: theme).displayPath == "/home/meadow")
        #expect(FilePickerOverlay.truncateLeading("/a/very/long/path/to/日本語", to: 12) == "…h/to/日本語")
    }
}
