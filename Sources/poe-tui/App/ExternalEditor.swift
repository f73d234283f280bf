import Foundation

/// Ctrl-X Ctrl-E: the message in `$VISUAL` or `$EDITOR` (else `vi`), on a private temporary file.
///
/// The editor runs from an argument list (its command split on spaces), never through a shell
/// string. The caller gives the editor the terminal first and takes it back after.
enum ExternalEditor {
    /// The edited text, or an error message saying why there is none.
    static func edit(_ text: String) -> Result<String, EditorFailure> {
        let environment = ProcessInfo.processInfo.environment
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let words = command.split(separator: " ").map(String.init)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("poe-tui-\(UUID().uuidString).md")
        do {
            try Data(text.utf8).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        } catch {
            return .failure(EditorFailure(message: "cannot write a temporary file: \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = words + [file.path]
        do {
            try process.run()
        } catch {
            return .failure(EditorFailure(message: "cannot start \(command): \(error.localizedDescription)"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(EditorFailure(message: "\(command) exited with status \(process.terminationStatus); the message is unchanged"))
        }
        guard let edited = try? String(contentsOf: file, encoding: .utf8) else {
            return .failure(EditorFailure(message: "cannot read the edited text back"))
        }
        return .success(edited)
    }
}

struct EditorFailure: Error {
    let message: String
}
