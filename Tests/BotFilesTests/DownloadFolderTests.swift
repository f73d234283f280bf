import Foundation
import PoeAPI
import Synchronization
import Testing

@testable import BotFiles

@Suite("Download folder: free names taken atomically, nothing overwritten")
struct DownloadFolderTests {
    @Test func takenNamesGetNumbers() throws {
        let scratch = try ScratchFolder()
        let folder = DownloadFolder(scratch.path)
        #expect(try folder.reserve("cat.png") == scratch.path + "/cat.png")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: scratch.path + "/cat.png"))
        #expect(try folder.reserve("cat.png") == scratch.path + "/cat (1).png")
        // A folder and a dangling link are taken names too; the link's target is never created.
        try FileManager.default.createDirectory(atPath: scratch.path + "/cat (2).png", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/cat (3).png", withDestinationPath: scratch.path + "/target")
        #expect(try folder.reserve("cat.png") == scratch.path + "/cat (4).png")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/target"))
        #expect(FileManager.default.contents(atPath: scratch.path + "/cat.png") == Data("mine".utf8))
        #expect(FileManager.default.contents(atPath: scratch.path + "/cat (4).png") == Data())
    }

    @Test func racingReservationsNeverShareAName() async throws {
        let scratch = try ScratchFolder()
        let folder = DownloadFolder(scratch.path)
        // On threads of their own, not the cooperative pool the other tests need.
        let taken = await withCheckedContinuation { continuation in
            Thread {
                let paths = Mutex<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 64) { _ in
                    if let path = try? folder.reserve("same.png") { paths.withLock { $0.append(path) } }
                }
                continuation.resume(returning: paths.withLock { $0 })
            }.start()
        }
        #expect(taken.count == 64 && Set(taken).count == 64)
        #expect(Set(taken) == Set([scratch.path + "/same.png"] + (1..<64).map { scratch.path + "/same (\($0)).png" }))
    }

    @Test func onlyPlainNamesAreReserved() throws {
        let scratch = try ScratchFolder()
        let folder = DownloadFolder(scratch.path)
        for bad in ["", ".", "..", "../x", "a/b", "nul\u{0}"] {
            #expect(throws: PoeError.unwritableFile(path: scratch.path + "/" + bad, reason: "it is not a plain file name")) {
                try folder.reserve(bad)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func foldersAreCreatedAndPathsMadeAbsolute() throws {
        let scratch = try ScratchFolder()
        let nested = DownloadFolder(scratch.path + "/a/b/../c")
        #expect(nested.path == scratch.path + "/a/c")
        try nested.create()
        try nested.create()  // again: already there
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/a/c", isDirectory: &isFolder) && isFolder.boolValue)

        try Data().write(to: URL(fileURLWithPath: scratch.path + "/plain"))
        #expect(throws: PoeError.unwritableFile(path: scratch.path + "/plain", reason: "it is not a folder")) {
            try DownloadFolder(scratch.path + "/plain").create()
        }
        #expect(throws: PoeError.unwritableFile(path: scratch.path + "/plain/x", reason: "Not a directory")) {
            try DownloadFolder(scratch.path + "/plain/x").create()
        }
        #expect(DownloadFolder("relative/x").path == FileManager.default.currentDirectoryPath + "/relative/x")
    }

    @Test func theStandardDownloadsFolder() throws {
        let scratch = try ScratchFolder()
        let home = scratch.path
        #expect(DownloadFolder.standard(environment: ["HOME": home]).path == home + "/Downloads")
        #expect(DownloadFolder.standard(environment: ["HOME": home, "XDG_DOWNLOAD_DIR": "/srv/in"]).path == "/srv/in")
        #expect(DownloadFolder.standard(environment: ["HOME": home, "XDG_DOWNLOAD_DIR": "relative"]).path == home + "/Downloads")

        try FileManager.default.createDirectory(atPath: home + "/.config", withIntermediateDirectories: true)
        try Data("""
            # written by xdg-user-dirs-update
            XDG_DESKTOP_DIR="$HOME/Bureau"
            XDG_DOWNLOAD_DIR="$HOME/Téléchargements"

            """.utf8).write(to: URL(fileURLWithPath: home + "/.config/user-dirs.dirs"))
        #expect(DownloadFolder.standard(environment: ["HOME": home]).path == home + "/Téléchargements")
        #expect(DownloadFolder.userDirectory("XDG_DOWNLOAD_DIR", in: #"XDG_DOWNLOAD_DIR="/data/dl""#, home: home) == "/data/dl")
        #expect(DownloadFolder.userDirectory("XDG_DOWNLOAD_DIR", in: #"XDG_DOWNLOAD_DIR="$HOME""#, home: home) == home)
        for invalid in [#"XDG_DOWNLOAD_DIR=$HOME/x"#, #"XDG_DOWNLOAD_DIR="relative""#, #"XDG_DOWNLOAD_DIR="${HOME}/x""#, "XDG_DOWNLOAD_DIRX=\"/x\""] {
            #expect(DownloadFolder.userDirectory("XDG_DOWNLOAD_DIR", in: invalid, home: home) == nil, "\(invalid)")
        }
    }
}

/// A folder of its own under the temporary directory, removed when the test ends.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("poe-files-\(UUID().uuidString)").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
