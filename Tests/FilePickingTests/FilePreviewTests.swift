import Foundation
import Testing
@testable import FilePicking

@Suite("File previews")
struct FilePreviewTests {
    @Test(arguments: [
        (ImageFixtures.png, FileType.png, PixelSize(width: 3, height: 2)),
        (ImageFixtures.jpegExif, .jpeg, PixelSize(width: 7, height: 5)),
        (ImageFixtures.jpegProgressive, .jpeg, PixelSize(width: 9, height: 4)),
        (ImageFixtures.gif, .gif, PixelSize(width: 5, height: 3)),
        (ImageFixtures.webpLossy, .webp, PixelSize(width: 6, height: 4)),
        (ImageFixtures.webpLossless, .webp, PixelSize(width: 11, height: 7)),
        (ImageFixtures.webpAlpha, .webp, PixelSize(width: 13, height: 9)),
    ])
    func imagesAreRecognisedWithTheirSize(bytes: [UInt8], type: FileType, size: PixelSize) {
        #expect(ContentSniffing.sniff(bytes, complete: true) == .known(type))
        #expect(ImageDimensions.read(type, from: bytes) == size)
    }

    @Test func aJPEGFrameHeaderFarBeyondTheFirstReadIsFound() throws {
        // A 60 KB application segment between the start and the frame header, as a big EXIF
        // block with a thumbnail would be.
        var jpeg = ImageFixtures.jpegExif
        let padding = [UInt8](repeating: 0x41, count: 60_000)
        jpeg.insert(contentsOf: [0xFF, 0xE2, UInt8((padding.count + 2) >> 8), UInt8((padding.count + 2) & 0xFF)] + padding, at: 2)
        let temp = try TemporaryFolder()
        try temp.file("big-exif.jpg", jpeg)
        let preview = FilePreview.read(path: temp["big-exif.jpg"])
        #expect(preview.type == .jpeg)
        #expect(preview.dimensions == PixelSize(width: 7, height: 5))
        #expect(preview.summary == "JPEG image, 7×5")
        #expect(preview.size == Int64(jpeg.count))
    }

    @Test func brokenImagesHaveNoSize() {
        #expect(ImageDimensions.read(.png, from: Array(ImageFixtures.png.prefix(20))) == nil)
        #expect(ImageDimensions.read(.gif, from: Array(ImageFixtures.gif.prefix(8))) == nil)
        #expect(ImageDimensions.read(.webp, from: Array(ImageFixtures.webpLossy.prefix(27))) == nil)
        #expect(ImageDimensions.read(.jpeg, from: Array(ImageFixtures.jpegExif.prefix(600))) == nil)
        // A segment claiming a length below 2 would loop forever if believed.
        #expect(ImageDimensions.read(.jpeg, from: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xC0]) == nil)
        // Scan data before any frame header: no size.
        #expect(ImageDimensions.read(.jpeg, from: [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]) == nil)
        // Fill bytes before a marker are allowed.
        #expect(ImageDimensions.read(.jpeg, from: [0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03]) == PixelSize(width: 3, height: 2))
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let magicTable: [([UInt8], FileType)] = [
        (ascii("%PDF-1.7\n"), .pdf),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], .zip),
        ([0x1F, 0x8B, 0x08, 0x00], .gzip),
        ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01], .elf),
        (ascii("ID3\u{03}\0\0\0\0"), .mp3),
        ([0xFF, 0xFB, 0x90, 0x64], .mp3),
        (ascii("RIFF\0\0\0\0WAVEfmt "), .wav),
        (ascii("OggS\0\u{02}"), .ogg),
        (ascii("fLaC\0\0"), .flac),
        ([0, 0, 0, 0x20] + ascii("ftypisom"), .mp4),
        ([0, 0, 0, 0x20] + ascii("ftypM4A "), .m4a),
        ([0, 0, 0, 0x18] + ascii("ftypheic"), .heic),
        ([0x1A, 0x45, 0xDF, 0xA3, 0x01], .matroska),
        (ascii("SQLite format 3\0"), .sqlite),
    ]

    @Test(arguments: magicTable)
    func magicNumbers(head: [UInt8], type: FileType) {
        #expect(ContentSniffing.sniff(head, complete: false) == .known(type))
    }

    @Test func textAndBinary() {
        #expect(ContentSniffing.sniff(Array("plain text, 日本語 🙂\n".utf8), complete: true) == .text)
        #expect(ContentSniffing.sniff(Array("with \u{1B}[31m colour\r\n".utf8), complete: true) == .text)
        #expect(ContentSniffing.sniff([0x68, 0x69, 0x00, 0x68], complete: true) == .binary)
        #expect(ContentSniffing.sniff([0x68, 0xC3, 0x28], complete: true) == .binary)  // invalid UTF-8
        #expect(ContentSniffing.sniff(Array(repeating: 0x01, count: 10) + Array(repeating: 0x61, count: 90), complete: true) == .binary)
        #expect(ContentSniffing.sniff([], complete: true) == .empty)
        // A read that stops inside a character is still text; a whole file that ends so is not.
        let cut = Array("abc日".utf8).dropLast()
        #expect(ContentSniffing.sniff(Array(cut), complete: false) == .text)
        #expect(ContentSniffing.sniff(Array(cut), complete: true) == .binary)
    }

    @Test func contentBeatsTheNameAndTheNameRefines() {
        #expect(ContentSniffing.type(name: "photo.jpg", verdict: .known(.png)) == .png)
        #expect(ContentSniffing.type(name: "notes.md", verdict: .text).name == "Markdown text")
        #expect(ContentSniffing.type(name: "notes", verdict: .text) == .text)
        #expect(ContentSniffing.type(name: "report.docx", verdict: .known(.zip)).name == "Word document")
        #expect(ContentSniffing.type(name: "bundle.zip", verdict: .known(.zip)) == .zip)
        #expect(ContentSniffing.type(name: "clip.webm", verdict: .known(.matroska)) == .webm)
        #expect(ContentSniffing.type(name: "song.mp3", verdict: .binary) == .mp3)
        #expect(ContentSniffing.type(name: "data.json", verdict: .binary) == .binary)
        #expect(ContentSniffing.type(name: "blob", verdict: .binary) == .binary)
    }

    @Test func theFirstLinesOfTextAreInertAndBounded() throws {
        let temp = try TemporaryFolder()
        let lines = (1...30).map { "line \($0)" }
        try temp.file("notes.txt", "\u{1B}]0;pwned\u{07}title\r\n\tindented\n" + lines.joined(separator: "\n") + "\n")
        let preview = FilePreview.read(path: temp["notes.txt"])
        #expect(preview.type == .text)
        #expect(preview.lines.count == 20)
        #expect(preview.lines[0] == "␛]0;pwned␇title")
        #expect(preview.lines[1] == "    indented")
        #expect(preview.lines[19] == "line 18")
        #expect(preview.moreText)
        #expect(preview.dimensions == nil)

        try temp.file("short.md", "# Title\n\nbody\n")
        let short = FilePreview.read(path: temp["short.md"])
        #expect(short.lines == ["# Title", "", "body"])
        #expect(!short.moreText)
        #expect(short.summary == "Markdown text")
    }

    @Test func onlyTheFirstBytesAreRead() throws {
        let temp = try TemporaryFolder()
        // 4,095 ASCII bytes then a three-byte character straddling the 4 KB boundary.
        let text = String(repeating: "a", count: 4_095) + "日" + String(repeating: "b\n", count: 100_000)
        try temp.file("big.txt", text)
        let preview = FilePreview.read(path: temp["big.txt"])
        #expect(preview.type == .text)
        #expect(preview.lines.count == 1)
        #expect(preview.lines[0].count == FilePreview.maxLineLength)
        #expect(preview.moreText)
        #expect(preview.size == Int64(text.utf8.count))
    }

    @Test func binaryFilesSayBinary() throws {
        let temp = try TemporaryFolder()
        try temp.file("blob.bin", [0x00, 0x01, 0x02, 0xFF, 0xFE] + [UInt8](repeating: 0, count: 100))
        let preview = FilePreview.read(path: temp["blob.bin"])
        #expect(preview.summary == "binary")
        #expect(preview.lines.isEmpty)
        try temp.file("empty", [])
        #expect(FilePreview.read(path: temp["empty"]).summary == "empty file")
    }

    @Test func specialFilesAreNeverOpened() throws {
        let temp = try TemporaryFolder()
        #expect(mkfifo(temp["pipe"], 0o644) == 0)
        // Opening a FIFO for reading would wait for a writer: a hang here is the failure.
        let preview = FilePreview.read(path: temp["pipe"])
        #expect(preview.type.name == "special file")
        #expect(FilePreview.read(path: temp["missing.txt"]).problem == .notFound)
        #expect(try FolderListing.read(folder: temp.path).first?.kind == .special)
    }

    @Test func loadingRunsOffTheCaller() async throws {
        let temp = try TemporaryFolder()
        try temp.file("image.gif", ImageFixtures.gif)
        let preview = await FilePreview.load(path: temp["image.gif"])
        #expect(preview.summary == "GIF image, 5×3")
    }
}

@Suite("Local time")
struct LocalTimeTests {
    @Test func agreesWithFoundationsFormatter() {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for seconds in [0.0, 1_800_000_000, 1_700_000_059.9, 951_782_400] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(LocalTime.text(for: date) == formatter.string(from: date))
        }
    }
}
