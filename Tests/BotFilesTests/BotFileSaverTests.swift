import ChatStore
import Foundation
import PoeAPI
import PoeEmulator
import Testing

@testable import BotFiles

@Suite("Saving bots' files: exact bytes, safe free names, nothing left behind on failure")
struct BotFileSaverTests {
    @Test func artistsPictureIsSavedByteForByteUnderAFreeName() async throws {
        let bench = try await SaverBench.start()
        defer { Task { await bench.emulator.stop() } }
        let scratch = try ScratchFolder()
        let folder = scratch.path + "/new/downloads"
        let file = try #require(try await bench.artistFiles().first)

        let first = try await bench.saver.save(file, into: folder)
        let second = try await bench.saver.save(file, into: folder)
        let served = try #require(await bench.emulator.storedUpload(url: file.url))
        #expect(first == BotFileSaver.SavedFile(path: folder + "/artist.png", size: Int64(served.count)))
        #expect(second.path == folder + "/artist (1).png")
        for saved in [first, second] { #expect(FileManager.default.contents(atPath: saved.path) == served) }
        // Only the two files: no temporary name is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["artist (1).png", "artist.png"])

        let recorded = file.saved(first)
        #expect(recorded.savedPath == first.path && recorded.size == first.size && recorded.inlineRef == "art00001")
    }

    @Test func hostileNamesLandInsideTheFolder() async throws {
        let bench = try await SaverBench.start()
        defer { Task { await bench.emulator.stop() } }
        let scratch = try ScratchFolder()
        let names = ["../../x", "/abs/path", "\u{1B}]0;pwned\u{07}\u{1B}[31mred.png", "", "...", "a\\b", "..\\..\\win.ini"]
        for (index, name) in names.enumerated() {
            let folder = scratch.path + "/in \(index)"
            let files = try await bench.artistFiles(["file_name": .string(name), "files": 2])
            #expect(files.count == 2 && files.allSatisfy { $0.name == name })
            var saved: [String] = []
            for file in files {
                let copy = try await bench.saver.save(file, into: folder)
                #expect((copy.path as NSString).deletingLastPathComponent == folder)
                #expect(FileManager.default.contents(atPath: copy.path) == (await bench.emulator.storedUpload(url: file.url)))
                saved.append((copy.path as NSString).lastPathComponent)
            }
            let safe = SafeFileName.make(from: name, contentType: "image/png")
            #expect(saved == [safe, SafeFileName.numbered(safe, 1)], "\(name.debugDescription)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == saved.sorted())
        }
        // Nothing was written outside the folders.
        #expect(scratch.names == names.indices.map { "in \($0)" }.sorted())
    }

    @Test func aFailedDownloadLeavesNothing() async throws {
        let bench = try await SaverBench.start()
        defer { Task { await bench.emulator.stop() } }
        let scratch = try ScratchFolder()
        let missing = ReceivedFile(name: "gone.png", url: bench.emulator.baseURL + "/files/000000000999/gone.png", contentType: "image/png")
        await #expect(throws: PoeError.downloadFailed("HTTP 404: File '000000000999' does not exist")) {
            try await bench.saver.save(missing, into: scratch.path)
        }
        #expect(scratch.names.isEmpty)

        // A folder that cannot be made is said plainly, and nothing is fetched.
        try Data().write(to: URL(fileURLWithPath: scratch.path + "/file"))
        let file = try #require(try await bench.artistFiles().first)
        await #expect(throws: PoeError.unwritableFile(path: scratch.path + "/file", reason: "it is not a folder")) {
            try await bench.saver.save(file, into: scratch.path + "/file")
        }
    }
}

/// An emulator and a saver whose client talks to it.
struct SaverBench {
    let emulator: PoeEmulator
    let saver: BotFileSaver

    static func start() async throws -> SaverBench {
        let emulator = PoeEmulator()
        try await emulator.start()
        let client = PoeClient(configuration: PoeConfiguration(apiKey: "test-key-0123456789", apiBase: emulator.baseURL, uploadURL: emulator.uploadURL))
        return SaverBench(emulator: emulator, saver: BotFileSaver(client: client))
    }

    /// The files of one Artist reply, as the store keeps them.
    func artistFiles(_ parameters: [String: JSONValue] = [:]) async throws -> [ReceivedFile] {
        let reply = saver.client.stream(bot: "Artist", messages: [ProtocolMessage(role: .user, content: "draw")], parameters: parameters)
        var files: [ReceivedFile] = []
        for try await event in reply.events {
            if case .file(let file) = event {
                files.append(ReceivedFile(name: file.name, url: file.url, contentType: file.contentType, inlineRef: file.inlineRef))
            }
        }
        return files
    }
}
