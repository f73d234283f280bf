import ChatCore
import ChatStore
import FilePicking
import Foundation
import PoeAPI

/// Files going out: checking what the user attached, and uploading a send's files.
extension EffectRunner {
    /// Each path becomes a chip (name, type, size) or a reason it cannot be attached.
    nonisolated func inspect(_ paths: [String], draft: String) {
        var files: [StoredAttachment] = []
        var problems: [String] = []
        for path in paths {
            do {
                files.append(try attachment(at: path))
            } catch {
                problems.append("\((path as NSString).lastPathComponent): \(error)")
            }
        }
        inbox.post(.filesAttached(draft: draft, files, problems: problems))
    }

    /// The mentions that name files become attachments; the others stay text.
    nonisolated func resolveMentions(_ tokens: [String], draft: String) {
        var files: [String: StoredAttachment] = [:]
        var problems: [String] = []
        for token in tokens where PathCompletion.namesFile(token) {
            do {
                files[token] = try attachment(at: PathCompletion.expand(token))
            } catch {
                problems.append("@\(token): \(error)")
            }
        }
        inbox.post(.mentionsResolved(draft: draft, files: files, problems: problems))
    }

    /// Lists a folder for the picker off the loop, batch by batch; a new listing stops the last.
    func list(_ request: ListingRequest) {
        listing?.cancel()
        let inbox = inbox
        listing = Task.detached(priority: .userInitiated) {
            for await event in FolderListing.events(for: request) {
                if Task.isCancelled { return }
                inbox.post(.listing(event, request))
            }
        }
    }

    /// A chip for a local file, or why it cannot be uploaded.
    private nonisolated func attachment(at path: String) throws -> StoredAttachment {
        let name = (path as NSString).lastPathComponent
        let size = try PoeClient.checkedUploadSize(path, limit: client.configuration.maxUploadBytes)
        return StoredAttachment(name: name, localPath: path, contentType: MediaType.guess(fileName: name), size: size)
    }

    /// Uploads `files` one after another; each uploaded chip gets its URL at once, so a later
    /// failure or a cancel never makes a retry upload it again.
    func upload(_ files: [StoredAttachment], conversationID: String) {
        let client = client, inbox = inbox
        let task = Task {
            var failure: String?
            for file in files {
                guard let path = file.localPath else { continue }
                do {
                    let attachment = try await client.upload(path: path, contentType: file.contentType) { sent, total in
                        inbox.post(.uploadProgress(conversationID: conversationID, path: path, sent: sent, total: total))
                    }
                    var uploaded = file
                    uploaded.url = attachment.url
                    uploaded.contentType = attachment.contentType
                    inbox.post(.uploaded(conversationID: conversationID, uploaded))
                } catch PoeError.cancelled {
                    failure = "the upload was cancelled"
                    break
                } catch {
                    failure = "\(file.name) did not upload (\(error))"
                    break
                }
            }
            if Task.isCancelled, failure == nil { failure = "the upload was cancelled" }
            inbox.post(.uploadsEnded(conversationID: conversationID, failure: failure))
            self.uploadEnded(conversationID)
        }
        uploadTasks[conversationID] = task
    }

    func cancelUpload(_ conversationID: String) {
        uploadTasks[conversationID]?.cancel()
    }

    private func uploadEnded(_ conversationID: String) {
        uploadTasks[conversationID] = nil
    }
}
