import BotFiles
import ChatCore
import ChatStore
import Foundation
import PoeAPI

/// Files coming in: saving bots' files to the downloads folder and opening them.
extension EffectRunner {
    /// Saves each file not already saved (a copy still on disk is used as it is), records where,
    /// then opens the first when asked. Runs off the actor: downloads can be large.
    nonisolated func save(_ files: [FileReference], conversationID: String, thenOpen open: Bool) {
        let saver = BotFileSaver(client: client), inbox = inbox, folder = downloads.path
        Task {
            var firstPath: String?
            for reference in files {
                if let path = reference.file.savedPath, FileManager.default.fileExists(atPath: path) {
                    firstPath = firstPath ?? path
                    if !open { inbox.post(.notice(StatusMessage("Already saved: \(path)"))) }
                    continue
                }
                do {
                    inbox.post(.notice(StatusMessage("Saving \(reference.file.name)…")))
                    let copy = try await saver.save(reference.file, into: folder)
                    var saved = reference
                    saved.file = reference.file.saved(copy)
                    inbox.post(.fileSaved(conversationID: conversationID, saved))
                    firstPath = firstPath ?? copy.path
                } catch {
                    inbox.post(.notice(StatusMessage("\(reference.file.name) was not saved: \(error)", .error)))
                    return
                }
            }
            guard open, let path = firstPath else { return }
            do {
                try Opener().open(path)
                inbox.post(.notice(StatusMessage("Opened \(path)")))
            } catch {
                inbox.post(.notice(StatusMessage("Saved \(path), but it cannot be opened: \(error)", .error)))
            }
        }
    }
}
