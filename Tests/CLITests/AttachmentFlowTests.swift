import Foundation
import PoeEmulator
import Testing

/// Files attached in the full-screen app, through the real client and an emulator on loopback.
@Suite("Attachments in the full-screen app", .serialized)
struct AttachmentFlowTests {
    /// A folder with a text file and a binary one, for `@path` mentions.
    func files() throws -> (folder: URL, text: URL, binary: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = folder.appendingPathComponent("notes.txt"), binary = folder.appendingPathComponent("blob.bin")
        try Data("eleven byte".utf8).write(to: text)
        try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: binary)
        return (folder, text, binary)
    }

    @Test func aRejectedUploadKeepsTheDraftAndTheRetrySendsBothFiles() async throws {
        let (folder, text, binary) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emulator = PoeEmulator(options: EmulatorOptions())
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        await emulator.setUploadFailure(status: 503)
        let environment = CommandRunner.environment(["POE_API_KEY": "test-key-123456789", "POE_API_BASE": emulator.baseURL,
                                                     "POE_UPLOAD_URL": emulator.uploadURL, "TERM": "tmux-256color"])
        let app = try TmuxSession(command: "'\(CommandRunner.binary.path)'", environment: environment)
        await app.waitFor(text: "Conversations")
        try app.type("/bot Echo", then: "Enter")
        try app.type("compare @\(text.path) with @\(binary.path)", then: "Enter")
        await app.waitFor(text: "Not sent")
        let failed = app.screen()
        // The mentions became chips; the text keeps the files' names where they were.
        #expect(failed.contains("compare notes.txt with blob.bin"), "the text is intact")
        #expect(failed.contains("📎 notes.txt 11 B") && failed.contains("📎 blob.bin 3 KB"), "the chips are intact")
        #expect(!failed.contains("You "), "nothing was sent")

        await emulator.setUploadFailure(status: nil)
        try app.press("Enter")
        await app.waitFor("Echo's reply with both files and their exact sizes") {
            // (the sent message lists them too, with sizes as people read them: "3 KB")
            $0.contains("📎 notes.txt (text/plain, 11 bytes)") && $0.contains("📎 blob.bin (application/octet-stream, 3000 bytes)")
        }
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
    }

    @Test func thePickerAttachesATextAndABinaryFileAndEchoListsTheirExactSizes() async throws {
        let environment = CommandRunner.environment(["TERM": "tmux-256color"])
        // The files are in a folder below home: reached from the picker with ~ and typing.
        let home = URL(fileURLWithPath: environment["HOME"]!)
        let folder = home.appendingPathComponent("pick-me")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("eleven byte".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: folder.appendingPathComponent("blob.bin"))
        let app = try TmuxSession(width: 120, height: 32, command: "sh -c \"cd / && exec '\(CommandRunner.binary.path)' --demo\"", environment: environment)
        await app.waitFor(text: "Offline demo")
        try app.press("C-o")
        await app.waitFor(text: "Attach files for Echo")
        try app.type("~")
        await app.waitFor(text: "pick-me/")
        try app.type("pick")
        try app.press("Right")
        await app.waitFor("the folder's files") { $0.contains("notes.txt") && $0.contains("blob.bin") }
        try app.press("Tab")
        try app.press("Tab")
        await app.waitFor(text: "2 marked")
        try app.press("Enter")
        await app.waitFor(text: "Attached 2 files")
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")

        // The chips belong to the draft: they are back after a restart, and the picker opens in
        // the folder used last.
        let again = try TmuxSession(width: 120, height: 32, command: "sh -c \"cd / && exec '\(CommandRunner.binary.path)' --demo\"", environment: environment)
        await again.waitFor("the chips restored") { $0.contains("📎 notes.txt 11 B") && $0.contains("📎 blob.bin 3 KB") }
        try again.press("C-o")
        await again.waitFor("the remembered folder") { $0.contains("~/pick-me") && $0.contains("✓ blob.bin") }
        try again.press("Escape")
        await again.waitFor("the picker closed") { !$0.contains("Attach files for") }
        try again.type("two files", then: "Enter")
        await again.waitFor("Echo's reply with exact sizes") {
            $0.contains("📎 notes.txt (text/plain, 11 bytes)") && $0.contains("📎 blob.bin (application/octet-stream, 3000 bytes)")
        }
        try again.press("C-q")
        await again.waitFor(text: "EXITED 0")
    }
}
