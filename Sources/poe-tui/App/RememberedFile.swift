import ChatCore
import Foundation
import PoeAPI

/// `$XDG_STATE_HOME/poe-tui/remembered.json`: what the interface remembers between runs.
/// A missing or unreadable file is an empty memory (it only holds conveniences); writes are
/// atomic so a crash never leaves half a file.
struct RememberedFile: Sendable {
    let url: URL

    init(folder: URL = XDGDirectories().state) {
        url = folder.appendingPathComponent("remembered.json")
    }

    func load() -> Remembered {
        guard let data = try? Data(contentsOf: url), let value = try? JSONDecoder().decode(Remembered.self, from: data) else {
            return Remembered()
        }
        return value
    }

    func save(_ remembered: Remembered) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(remembered).write(to: url, options: .atomic)
    }
}
