import BotFiles
import ChatStore
import Foundation
import PoeAPI

/// `ask --save-files DIR`: the files of a finished reply saved into DIR one after another, each
/// reported as it is done: `Saved: PATH` on stderr, or a `saved_file` / `save_error` line on
/// stdout with `--json`. A failed file does not stop the others; a cancel does.
struct ReplyFilesSaver {
    let saver: BotFileSaver
    let folder: String
    let json: Bool

    /// The files as they are now (the saved ones with their path and size) and the first
    /// failure, if any.
    func save(_ files: [ReceivedFile]) async -> (files: [ReceivedFile], failure: PoeError?) {
        var result = files
        var failure: PoeError?
        let showProgress = !json && StandardStreams.stderrIsTerminal
        for (index, file) in files.enumerated() {
            let label = TerminalText.inert(file.name)
            do {
                let copy = try await saver.save(file, into: folder) { received, total in
                    guard showProgress, let total, total > 0 else { return }
                    StandardStreams.writeError("\rSaving \(label): \(received * 100 / total)%")
                }
                if showProgress { StandardStreams.writeError("\r\u{1B}[K") }
                result[index] = file.saved(copy)
                report(saved: result[index], path: copy.path, size: copy.size)
            } catch {
                if showProgress { StandardStreams.writeError("\r\u{1B}[K") }
                let error = error as? PoeError ?? .unwritableFile(path: folder, reason: "\(error)")
                failure = failure ?? error
                if error == .cancelled { break }
                report(file, failed: error)
            }
        }
        return (result, failure)
    }

    private func report(saved file: ReceivedFile, path: String, size: Int64) {
        if json {
            StandardStreams.writeOut(JSONValue.object([
                "type": "saved_file", "name": .string(file.name), "url": .string(file.url),
                "content_type": .string(file.contentType), "path": .string(path), "size": .int(Int(size)),
            ]).jsonText + "\n")
        } else {
            StandardStreams.writeError("Saved: \(TerminalText.inertIfTerminal(path))\n")
        }
    }

    private func report(_ file: ReceivedFile, failed error: PoeError) {
        if json {
            StandardStreams.writeOut(JSONValue.object([
                "type": "save_error", "name": .string(file.name), "url": .string(file.url),
                "kind": .string(EventJSON.kind(of: error)), "text": .string(error.description),
            ]).jsonText + "\n")
        } else {
            StandardStreams.writeError("poe-tui: cannot save \"\(TerminalText.inertIfTerminal(file.name))\": \(TerminalText.inertIfTerminal(error.description))\n")
        }
    }
}
