import ChatStore
import FilePicking
import Foundation
import TerminalUI

/// Ctrl-O: the file picker over the conversation. It starts in the folder last used (remembered
/// across runs), else the folder poe-tui was started in; the draft's files show marked, and
/// Enter makes the marked set the draft's files. Listings and previews run in the effect runner,
/// never on the render loop.
enum FileAttaching {
    static func open(_ state: inout AppState) -> [Effect] {
        let inputs = state.catalog.first { $0.id.caseInsensitiveCompare(state.currentBot) == .orderedSame }?.inputs ?? []
        let rules = AttachmentRules(bot: state.currentBot, inputs: inputs, uploadLimit: state.uploadLimit)
        let attached = state.attachments.compactMap { file in
            file.localPath.map { FilePicker.MarkedFile(path: $0, size: file.size ?? 0, type: nil) }
        }
        var folder = state.remembered.attachFolder ?? state.workingFolder
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue { folder = state.workingFolder }
        var picker = FilePicker(folder: folder, home: state.home, rules: rules, attached: attached)
        picker.pageRows = pageRows(state)
        state.overlay = .filePicker(picker)
        return [.listFolder(picker.request)] + (state.catalog.isEmpty ? [.fetchCatalog] : [])
    }

    static func pageRows(_ state: AppState) -> Int { FilePicker.pageRows(screenHeight: state.height) }

    static func resized(_ state: inout AppState) {
        guard case .filePicker(var picker) = state.overlay else { return }
        state.overlay = nil
        picker.pageRows = pageRows(state)
        state.overlay = .filePicker(picker)
    }

    /// The picker is taken out of the state while it changes, so its 10,000 entries are not
    /// copied on every key and every listing batch (copy-on-write needs a unique owner).
    static func handle(_ state: inout AppState, _ key: KeyPress) -> [Effect] {
        guard case .filePicker(var picker) = state.overlay else { return [] }
        state.overlay = nil
        let command = picker.handle(key)
        state.overlay = .filePicker(picker)
        return perform(command, &state, picker)
    }

    /// A listing batch or a preview arrived.
    static func received(_ state: inout AppState, _ event: ListingEvent, for request: ListingRequest) -> [Effect] {
        guard case .filePicker(var picker) = state.overlay else { return [] }
        state.overlay = nil
        let command = picker.receive(event, for: request)
        state.overlay = .filePicker(picker)
        return perform(command, &state, picker)
    }

    static func received(_ state: inout AppState, _ preview: FilePreview) {
        guard case .filePicker(var picker) = state.overlay else { return }
        state.overlay = nil
        picker.receive(preview)
        state.overlay = .filePicker(picker)
    }

    private static func perform(_ command: FilePickerCommand, _ state: inout AppState, _ picker: FilePicker) -> [Effect] {
        switch command {
        case .none:
            return []
        case .list(let request):
            return [.listFolder(request)]
        case .preview(let url):
            return [.previewFile(url.path)]
        case .close:
            state.overlay = nil
            return remember(picker.folder, &state) + [.stopListing]
        case .attach(let urls):
            state.overlay = nil
            // The marked set is the draft's files now: unmarked ones leave, new ones are checked.
            let key = state.currentID ?? ""
            let paths = urls.map(\.path)
            let kept = state.attachments.filter { $0.localPath.map(paths.contains) ?? true }
            state.draftAttachments[key] = kept.isEmpty ? nil : kept
            let added = paths.filter { path in !kept.contains { $0.localPath == path } }
            if added.isEmpty { state.status = StatusMessage(kept.isEmpty ? "No files attached." : "\(kept.count) attached.") }
            return remember(picker.folder, &state) + [.stopListing] + Attaching.add(added, &state)
        }
    }

    private static func remember(_ folder: String, _ state: inout AppState) -> [Effect] {
        guard state.remembered.attachFolder != folder else { return [] }
        state.remembered.attachFolder = folder
        return [.remember(state.remembered)]
    }
}
