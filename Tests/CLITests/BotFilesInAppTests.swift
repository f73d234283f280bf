import Foundation
import Testing
@testable import PoeEmulator

/// Files bots send, saved from the full-screen app into the downloads folder.
@Suite("Bot files in the full-screen app", .serialized)
struct BotFilesInAppTests {
    @Test func artistsPictureIsSavedWithExactlyTheServedBytesAndHostileNamesStayInside() async throws {
        var environment = CommandRunner.environment(["TERM": "tmux-256color"])
        let downloads = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("Saved files")
        environment["XDG_DOWNLOAD_DIR"] = downloads.path
        let app = try TmuxSession(width: 200, height: 40, command: "'\(CommandRunner.binary.path)' --demo", environment: environment)
        await app.waitFor(text: "Offline demo")
        try app.type("/bot Artist", then: "Enter")
        try app.type("draw", then: "Enter")
        // The markdown's ![alt][ref] shows the file in place, and the file is listed under the reply.
        await app.waitFor(text: "📎 artist.png (a small picture)")
        await app.waitFor(text: "Alt-S saves")
        try app.press("M-s")
        await app.waitFor(text: "Saved \(downloads.path)/artist.png")
        #expect(try Data(contentsOf: downloads.appendingPathComponent("artist.png")) == PNGImage.artistPicture)
        await app.waitFor(text: "saved: \(downloads.path)/artist.png")

        // Saving again does not make a second copy.
        try app.press("M-o")
        await app.waitFor(text: "Files from bots")
        try app.type("s")
        await app.waitFor(text: "Already saved: \(downloads.path)/artist.png")
        #expect(try FileManager.default.contentsOfDirectory(atPath: downloads.path) == ["artist.png"])

        // A hostile name lands inside the downloads folder, stripped of its folders.
        try app.type("/set file_name ../../escaped.png", then: "Enter")
        try app.type("again", then: "Enter")
        // (the input box title shows the parameter at once: wait for the file under the new reply)
        await app.waitFor(text: "📎 ../../escaped.png (image/png)")
        try app.press("M-s")
        await app.waitFor(text: "Saved \(downloads.path)/escaped.png")
        #expect(FileManager.default.fileExists(atPath: downloads.appendingPathComponent("escaped.png").path))
        #expect(!FileManager.default.fileExists(atPath: downloads.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("escaped.png").path))
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
    }
}
