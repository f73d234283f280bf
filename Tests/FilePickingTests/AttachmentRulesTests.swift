import JSONValues
import Testing
@testable import FilePicking

@Suite("Attachment rules")
struct AttachmentRulesTests {
    @Test func theBotsInputsDecide() {
        let haiku = AttachmentRules(bot: "Claude-Haiku", inputs: ["text", "image"])
        #expect(haiku.verdict(name: "a.png", type: .png, size: 10) == .accepted)
        #expect(haiku.verdict(name: "a.txt", type: .text, size: 10) == .accepted)
        #expect(haiku.verdict(name: "a.mp3", type: .mp3, size: 10) == .unsupported("Claude-Haiku takes text and images; this is audio"))
        #expect(haiku.verdict(name: "a.mp4", type: .mp4, size: 10) == .unsupported("Claude-Haiku takes text and images; this is a video"))
        #expect(haiku.verdict(name: "a.pdf", type: .pdf, size: 10) == .unsupported("Claude-Haiku takes text and images; this is a file (PDF document)"))
        #expect(haiku.verdict(name: "blob", type: .binary, size: 10) == .unsupported("Claude-Haiku takes text and images; this is a binary file"))
        // Nothing known about the file: allowed.
        #expect(haiku.verdict(name: "blob", type: nil, size: 10) == .accepted)
        let artist = AttachmentRules(bot: "Artist", inputs: ["text"])
        #expect(artist.verdict(name: "a.png", type: .png, size: 1).reason == "Artist takes text; this is an image")
        let many = AttachmentRules(bot: "Omni", inputs: ["text", "image", "audio"])
        #expect(many.verdict(name: "a.mp4", type: .mp4, size: 1).reason == "Omni takes text, images and audio; this is a video")
    }

    @Test func aBotTakingFilesOrUnknownTakesAnything() {
        #expect(AttachmentRules(bot: "Echo", inputs: ["text", "image", "file"]).verdict(name: "a.mp3", type: .mp3, size: 1) == .accepted)
        #expect(AttachmentRules(bot: "Unlisted").verdict(name: "a.mp3", type: .mp3, size: 1) == .accepted)
        #expect(AttachmentRules(bot: "Caps", inputs: ["TEXT", "Image"]).supports(.image))
    }

    @Test func theUploadCapRefusesWithBothSizes() {
        let rules = AttachmentRules(bot: "Echo", uploadLimit: 50_000_000)
        #expect(rules.verdict(name: "disk.iso", type: .binary, size: 1_200_000_000) == .refused("disk.iso is 1.2 GB; the upload limit is 50 MB"))
        #expect(rules.verdict(name: "ok.png", type: .png, size: 50_000_000) == .accepted)
        // The cap comes before the modality: a refusal needs no confirmation.
        let strict = AttachmentRules(bot: "T", inputs: ["text"], uploadLimit: 10)
        #expect(strict.verdict(name: "a.png", type: .png, size: 11) == .refused("a.png is 11 B; the upload limit is 10 B"))
    }

    @Test(arguments: [
        (Int64(0), "0 B"), (999, "999 B"), (1_000, "1 KB"), (1_234, "1.2 KB"), (99_949, "99.9 KB"), (99_950, "100 KB"),
        (999_499, "999 KB"), (999_999, "1 MB"), (12_345_678, "12.3 MB"), (1_200_000_000, "1.2 GB"),
    ])
    func sizes(bytes: Int64, text: String) {
        #expect(ByteSize.format(bytes) == text)
    }

    @Test func exactSizes() {
        #expect(ByteSize.exact(1) == "1 byte")
        #expect(ByteSize.exact(999) == "999 bytes")
        #expect(ByteSize.exact(12_345_678) == "12,345,678 bytes")
    }
}
