import Foundation

/// A folder under the system's temporary folder, removed (permissions restored first) when the
/// test is done with it.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("poe-tui-picker-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Folders made unreadable by a test must be writable again to be removed.
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in walker { chmod(path + "/" + relative, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func folder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
    }

    func file(_ relative: String, _ contents: String) throws {
        try file(relative, Array(contents.utf8))
    }

    func file(_ relative: String, _ bytes: [UInt8]) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + relative, withDestinationPath: destination)
    }

    subscript(relative: String) -> String { path + "/" + relative }
}

/// Whether this process ignores file permissions (root, or CAP_DAC_OVERRIDE): then chmod 000
/// does not stop it from reading, and the tests check that instead.
var permissionsAreIgnored: Bool { geteuid() == 0 }
