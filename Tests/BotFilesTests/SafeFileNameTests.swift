import Testing

@testable import BotFiles

@Suite("Safe file names: whatever a bot calls its file, one plain name in the folder")
struct SafeFileNameTests {
    static let cases: [(name: String, contentType: String, safe: String)] = [
        ("cat.png", "image/png", "cat.png"),
        ("../../x", "image/png", "x"),
        ("/abs/path", "image/png", "path"),
        ("a\\b", "image/png", "b"),
        ("C:\\Users\\me\\Desktop\\evil.exe", "application/octet-stream", "evil.exe"),
        ("dir/", "image/png", "dir"),
        ("\u{1B}[31mred\u{1B}[0m.png", "image/png", "red.png"),
        ("\u{1B}]0;pwned\u{07}title.txt", "text/plain", "title.txt"),
        ("\u{1B}]8;;http://evil.example/x\u{1B}\\link\u{1B}]8;;\u{1B}\\.png", "image/png", "link.png"),
        ("\u{1B}(Bplain\u{1B}c.txt", "text/plain", "plain.txt"),
        ("\u{9B}31mred\u{9D}0;t\u{9C}.png", "image/png", "red.png"),
        ("", "image/png", "file.png"),
        ("", "image/jpeg; charset=binary", "file.jpg"),
        ("", "application/x-never-heard-of", "file"),
        (".", "image/png", "file.png"),
        ("..", "image/png", "file.png"),
        ("...", "image/png", "file.png"),
        ("../..", "text/csv", "file.csv"),
        ("x/.", "image/png", "file.png"),
        (".bashrc", "text/plain", "bashrc"),
        (". .hidden. ", "text/plain", "hidden"),
        ("name. . .", "text/plain", "name"),
        ("  spaced  .png ", "image/png", "spaced  .png"),
        ("line\nbreak\ttab.txt", "text/plain", "line break tab.txt"),
        ("nul\u{0}byte\u{7F}.png", "image/png", "nulbyte.png"),
        ("photo\u{202E}gnp.exe", "image/png", "photognp.exe"),
        ("\u{FEFF}\u{200F}bom.png", "image/png", "bom.png"),
        ("日本語の写真.png", "image/png", "日本語の写真.png"),
        ("写真 (1).png", "image/png", "写真 (1).png"),
        ("e\u{301}te\u{301}.png", "image/png", "e\u{301}te\u{301}.png"),
        ("\u{1B}", "image/png", "file.png"),
        ("\u{1B}[", "image/png", "file.png"),
    ]

    @Test(arguments: cases)
    func hostileNamesBecomePlainOnes(_ name: String, contentType: String, safe: String) {
        let made = SafeFileName.make(from: name, contentType: contentType)
        #expect(made == safe, "\(name.debugDescription)")
        Self.expectSafe(made)
    }

    @Test func longNamesKeepTheirExtensionWithin255Bytes() {
        let ascii = SafeFileName.make(from: String(repeating: "a", count: 1000) + ".png", contentType: "image/png")
        #expect(ascii == String(repeating: "a", count: 251) + ".png")

        let cjk = SafeFileName.make(from: String(repeating: "語", count: 1000) + ".png", contentType: "image/png")
        #expect(cjk == String(repeating: "語", count: 83) + ".png")  // 83 × 3 + 4 = 253 bytes; one more would be 256

        // A cut never splits a character, even one of several scalars.
        let emoji = SafeFileName.make(from: String(repeating: "👍🏽", count: 100) + ".gif", contentType: "image/gif")
        #expect(emoji == String(repeating: "👍🏽", count: 31) + ".gif")

        #expect(SafeFileName.make(from: String(repeating: "b", count: 300), contentType: "") == String(repeating: "b", count: 255))
        // An "extension" too long to be one is cut like the rest of the name.
        let longTail = SafeFileName.make(from: "a." + String(repeating: "x", count: 300), contentType: "")
        #expect(longTail == "a." + String(repeating: "x", count: 253))
        // A cut that ends on a space or dot does not leave it before the extension.
        let spaced = SafeFileName.make(from: String(repeating: "a", count: 250) + " .... " + String(repeating: "c", count: 10) + ".txt", contentType: "")
        #expect(spaced == String(repeating: "a", count: 250) + ".txt")
        for name in [ascii, cjk, emoji, longTail, spaced] { Self.expectSafe(name) }
    }

    @Test func numberedNamesPutTheNumberBeforeTheExtension() {
        #expect(SafeFileName.numbered("cat.png", 1) == "cat (1).png")
        #expect(SafeFileName.numbered("cat.png", 12) == "cat (12).png")
        #expect(SafeFileName.numbered("README", 2) == "README (2)")
        #expect(SafeFileName.numbered("archive.tar.gz", 1) == "archive.tar (1).gz")
        let long = SafeFileName.numbered(String(repeating: "a", count: 251) + ".png", 12)
        #expect(long == String(repeating: "a", count: 246) + " (12).png" && long.utf8.count == 255)
        let cjk = SafeFileName.numbered(String(repeating: "語", count: 83) + ".png", 3)
        #expect(cjk == String(repeating: "語", count: 82) + " (3).png")  // 246 + 8 bytes
    }

    @Test func randomHostileTextAlwaysGivesASafeName() {
        var generator = SplitMix(seed: 7)
        let pieces = ["a", "Z", "/", "\\", ".", "..", " ", "\u{1B}", "[", "]", "31m", "\u{07}", "\u{0}", "\n", "\u{9B}",
                      "\u{202E}", "日本", "👍🏽", "e\u{301}", ".png", "~", "-", "(1)", String(repeating: "x", count: 90)]
        for _ in 0..<3000 {
            let name = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let safe = SafeFileName.make(from: name, contentType: "image/png")
            Self.expectSafe(safe, "\(name.debugDescription)")
            Self.expectSafe(SafeFileName.numbered(safe, Int.random(in: 1...9999, using: &generator)), "\(name.debugDescription)")
        }
    }

    /// What every saved name must be, whatever it came from.
    static func expectSafe(_ name: String, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let fine = !name.isEmpty && name.utf8.count <= 255 && name != "." && name != ".."
            && !name.contains("/") && !name.contains("\\") && !name.hasPrefix(".")
            && !name.hasSuffix(".") && !name.hasSuffix(" ") && !name.hasPrefix(" ")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
            && !name.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
        #expect(fine, "\(name.debugDescription) from \(comment)", sourceLocation: sourceLocation)
    }
}

/// A deterministic random number generator (SplitMix64), so failures repeat.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
