import ChatStore
import Foundation

/// A send waiting for its files to upload. The text stays in the input (locked) until every
/// file has a URL; then the message goes. A failure unlocks the input with text and chips intact.
public struct UploadJob: Sendable, Equatable {
    public var text: String
    /// Still checking the send's `@path` mentions: nothing is uploading yet.
    public var checkingMentions = false
    /// Bytes sent and in all, by local path, as the uploads report them.
    public var progress: [String: Progress] = [:]

    public struct Progress: Sendable, Equatable {
        public var sent: Int64
        public var total: Int64
    }

    /// 0…1 over every file still uploading, for the status line.
    public var fraction: Double {
        let total = progress.values.reduce(Int64(0)) { $0 + $1.total }
        guard total > 0 else { return 0 }
        return Double(progress.values.reduce(Int64(0)) { $0 + $1.sent }) / Double(total)
    }
}

/// Files on the draft: added from the picker or `@path`, shown as chips, uploaded on send.
/// Uploaded files keep their URL on the chip, so a retried send never uploads them twice.
enum Attaching {
    /// The picker (or `@path`) chose files: the runner checks each and answers `.filesAttached`.
    static func add(_ paths: [String], _ state: inout AppState) -> [Effect] {
        guard !paths.isEmpty else { return [] }
        return [.inspectFiles(draft: state.currentID ?? "", paths: paths)]
    }

    static func attached(_ files: [StoredAttachment], problems: [String], draft: String, _ state: inout AppState) {
        var chips = state.draftAttachments[draft] ?? []
        for file in files where !chips.contains(where: { $0.localPath == file.localPath }) { chips.append(file) }
        state.draftAttachments[draft] = chips
        if let problem = problems.first {
            state.status = StatusMessage(problems.count == 1 ? problem : "\(problem) (and \(problems.count - 1) more)", .error)
        } else if !files.isEmpty {
            state.status = StatusMessage(files.count == 1 ? "Attached \(files[0].name): it goes with the next message."
                                                          : "Attached \(files.count) files: they go with the next message.")
        }
    }

    /// Backspace on an empty input takes the last chip off.
    static func removeLast(_ state: inout AppState) {
        let key = state.currentID ?? ""
        guard var chips = state.draftAttachments[key], let removed = chips.popLast() else { return }
        state.draftAttachments[key] = chips.isEmpty ? nil : chips
        state.status = StatusMessage("Removed \(removed.name) from the message.")
    }

    /// Starts the uploads this send needs, or nil when every file already has its URL.
    static func uploadFirst(_ state: inout AppState, id: String, text: String) -> [Effect]? {
        let waiting = (state.draftAttachments[id] ?? []).filter { $0.url == nil }
        guard !waiting.isEmpty else { return nil }
        state.uploads[id] = UploadJob(text: text)
        state.inputs[id] = InputBuffer(text: text)
        state.status = StatusMessage("Uploading \(waiting.count == 1 ? waiting[0].name : "\(waiting.count) files")… (Esc cancels)")
        return [.upload(conversationID: id, files: waiting)]
    }

    static func progress(_ state: inout AppState, id: String, path: String, sent: Int64, total: Int64) {
        guard var job = state.uploads[id] else { return }
        job.progress[path] = UploadJob.Progress(sent: sent, total: total)
        state.uploads[id] = job
        if id == state.currentID {
            state.status = StatusMessage("Uploading… \(Int((job.fraction * 100).rounded(.down)))% (Esc cancels)")
        }
    }

    static func uploaded(_ state: inout AppState, id: String, file: StoredAttachment) {
        guard var chips = state.draftAttachments[id], let index = chips.firstIndex(where: { $0.localPath == file.localPath }) else { return }
        chips[index] = file
        state.draftAttachments[id] = chips
    }

    /// Every upload ended: the message goes, or the draft stays as it was with the reason.
    static func ended(_ state: inout AppState, id: String, failure: String?, now: Date) -> [Effect] {
        guard let job = state.uploads.removeValue(forKey: id) else { return [] }
        if let failure {
            state.status = StatusMessage("Not sent: \(failure). Enter tries again (files already uploaded are not sent twice).", .error)
            return []
        }
        state.inputs[id] = InputBuffer()
        if id == state.currentID { state.status = nil }
        return Sending.send(&state, in: id, text: job.text, now: now)
    }

    /// While a send uploads, its text is locked: only these keys act.
    static func allowedWhileUploading(_ action: Action) -> Bool {
        switch action {
        case .send, .newline, .caretLeft, .caretRight, .lineStart, .lineEnd, .wordLeft, .wordRight, .backspace,
             .deleteForward, .killToLineEnd, .killToLineStart, .killWordBackward, .yank, .historyPrevious,
             .historyNext, .editInEditor, .retry, .delete, .rename, .botPicker:
            return false
        default:
            return true
        }
    }
}
