import Foundation
import PoeEmulator
import Testing

@Suite("poe-tui ask --save-files, end to end")
struct SaveFilesTests {
    /// An emulator, a home folder shared by the commands of one test, and a place to save into.
    struct Setup {
        let emulator: PoeEmulator
        let environment: [String: String]
        let scratch: URL

        static func start() async throws -> Setup {
            let emulator = PoeEmulator()
            try await emulator.start()
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("poe-save-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let environment = CommandRunner.environment([
                "POE_API_KEY": "test-key-0123456789", "POE_API_BASE": emulator.baseURL, "POE_UPLOAD_URL": emulator.uploadURL,
            ])
            return Setup(emulator: emulator, environment: environment, scratch: scratch)
        }

        func run(_ arguments: [String]) async throws -> CommandRunner.Result {
            try await CommandRunner.run(arguments, environment: environment)
        }

        func stop() async {
            await emulator.stop()
            try? FileManager.default.removeItem(at: scratch)
        }
    }

    @Test func theSavedBytesAreWhatTheEmulatorServesAndTheStoreKnowsWhere() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let folder = setup.scratch.appendingPathComponent("not/yet/there").path
        let result = try await setup.run(["ask", "--json", "--bot", "Artist", "--save-files", folder, "draw"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(lines.map { $0["type"] as? String }.suffix(2) == ["done", "saved_file"])
        let event = try #require(lines.first { $0["type"] as? String == "file" })
        let saved = try #require(lines.last)
        let url = try #require(event["url"] as? String)
        let path = try #require(saved["path"] as? String)
        #expect(path == folder + "/artist.png")
        #expect(saved["name"] as? String == "artist.png" && saved["url"] as? String == url)
        let served = try #require(await setup.emulator.storedUpload(url: url))
        #expect(FileManager.default.contents(atPath: path) == served)
        #expect(saved["size"] as? Int == served.count)

        // The stored reply says where its file went, how big it is, and its inline_ref.
        let id = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("conversation: ") }?.dropFirst("conversation: ".count))
        let export = try await setup.run(["export", String(id), "--format", "json"])
        let conversation = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let reply = try #require((conversation["messages"] as? [[String: Any]])?.last)
        #expect(reply["status"] as? String == "complete")
        let file = try #require((reply["files"] as? [[String: Any]])?.first)
        #expect(file["savedPath"] as? String == path)
        #expect(file["size"] as? Int == served.count)
        #expect(file["inlineRef"] as? String == "art00001")
    }

    /// The hostile names, and two that must survive as they are; the rules in full are
    /// SafeFileName's unit tests.
    static let hostileNames = ["../../x", "/abs/path", "\u{1B}]0;pwned\u{07}\u{1B}[31mred.png", "", "...", "a\\b", "日本語の絵.png"]

    @Test func hostileNamesAreSavedInsideTheFolder() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        // One after another: each is a process of its own, and the machine has two cores.
        for (index, name) in Self.hostileNames.enumerated() {
            let folder = setup.scratch.appendingPathComponent("downloads \(index)").path
            let result = try await setup.run(["ask", "--no-save", "--bot", "Artist", "--param", "file_name=\(name)", "--param", "files=2",
                                              "--save-files", folder, "draw"])
            #expect(result.status == 0, "\(result.stderr)")
            let paths = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Saved: ") }.map { String($0.dropFirst("Saved: ".count)) }
            #expect(paths.count == 2, "\(result.stderr)")
            for path in paths {
                #expect((path as NSString).deletingLastPathComponent == folder, "\(path)")
                let saved = (path as NSString).lastPathComponent
                #expect(!saved.hasPrefix(".") && !saved.unicodeScalars.contains { $0.value < 0x20 }, "\(saved.debugDescription)")
                #expect(FileManager.default.contents(atPath: path)?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
            }
            #expect(Set(paths).count == 2)
            // Exactly the two files, inside the folder.
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(paths.map { ($0 as NSString).lastPathComponent }))
        }
        // And nothing beside the folders.
        let expected = Set(Self.hostileNames.indices.map { "downloads \($0)" })
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: setup.scratch.path)) == expected)
    }

    @Test func aFileThatCannotBeSavedExits8AndKeepsTheReply() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let blocker = setup.scratch.appendingPathComponent("a-file").path
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: blocker))

        let plain = try await setup.run(["ask", "--bot", "Artist", "--save-files", blocker, "draw"])
        #expect(plain.status == 8)
        #expect(plain.stdout == "Here is your picture: ![a small picture][art00001]\n")
        #expect(plain.stderr.contains("poe-tui: cannot save \"artist.png\": Cannot write \(blocker): it is not a folder."), "\(plain.stderr)")

        let json = try await setup.run(["ask", "--json", "--bot", "Artist", "--save-files", blocker, "draw"])
        #expect(json.status == 8)
        let last = try #require(try JSONSerialization.jsonObject(with: Data((json.stdout.split(separator: "\n").last ?? "").utf8)) as? [String: Any])
        #expect(last["type"] as? String == "save_error" && last["kind"] as? String == "save" && last["name"] as? String == "artist.png")
        #expect(FileManager.default.contents(atPath: blocker) == Data("in the way".utf8))
    }

    @Test func theDemoSavesToo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poe-demo-save-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Artist", "--save-files", folder, "draw"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Saved: \(folder)/artist.png\n"))
        #expect(FileManager.default.contents(atPath: folder + "/artist.png")?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
        // A reply without files saves nothing and makes no folder.
        let echo = try await CommandRunner.run(["ask", "--demo", "--bot", "Echo", "--save-files", folder + "/echo", "hi"])
        #expect(echo.status == 0 && !echo.stderr.contains("Saved:"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/echo"))
    }
}
