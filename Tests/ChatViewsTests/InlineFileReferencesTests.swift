import ChatStore
import Testing
@testable import ChatViews

/// `![alt][ref]` in a reply shows the file the bot sent with that `inline_ref`.
@Suite("Inline file references")
struct InlineFileReferencesTests {
    let picture = ReceivedFile(name: "art_1*.png", url: "http://e/a.png", contentType: "image/png", inlineRef: "art00001")

    @Test(arguments: [
        ("Here: ![a small picture][art00001] done", "Here: 📎 art\\_1\\*\\.png (a small picture) done"),
        ("[art_1*.png][art00001]", "📎 art\\_1\\*\\.png"),
        ("![x](http://other) and ![][art00001]", "![x](http://other) and 📎 art\\_1\\*\\.png"),
        ("no reference [here][other]", "no reference [here][other]"),
        ("twice ![a][art00001] ![b][art00001]", "twice 📎 art\\_1\\*\\.png (a) 📎 art\\_1\\*\\.png (b)"),
    ])
    func resolves(markdown: String, expected: String) {
        #expect(InlineFileReferences.resolve(markdown, files: [picture]) == expected)
    }
}
