import Foundation
import TerminalUI

/// The picker's keys (fzf, nnn and ranger habits; docs/file-picker.md lists them).
extension FilePicker {
    public mutating func handle(_ key: KeyPress) -> FilePickerCommand {
        if let confirmation {
            self.confirmation = nil
            notice = nil
            switch (key.key, key.modifiers) {
            case (.enter, []), (.character("y"), []), (.character("Y"), []), (.character("Y"), .shift):
                return .attach(confirmation.files.map(\.url))
            default:
                return .none  // any other key goes back to the list, marks intact
            }
        }
        notice = nil
        let command = command(for: key)
        return command == .none ? previewIfNeeded() : command
    }

    private mutating func command(for key: KeyPress) -> FilePickerCommand {
        switch (key.key, key.modifiers) {
        case (.escape, _), (.character("o"), .control), (.character("c"), .control), (.character("g"), .control):
            return .close
        case (.up, []), (.character("p"), .control): move(by: -1)
        case (.down, []), (.character("n"), .control): move(by: 1)
        case (.pageUp, []): move(by: -max(1, pageRows))
        case (.pageDown, []): move(by: max(1, pageRows))
        case (.home, []): move(by: -selection)
        case (.end, []): move(by: listing.count)
        case (.right, []):
            if let entry = highlighted, entry.isFolder { return open(entry) }
        case (.left, []):
            return goUp()
        case (.enter, []):
            return choose()
        case (.tab, []), (.character(" "), []):
            toggleMark(thenMove: 1)
        case (.tab, .shift):
            toggleMark(thenMove: -1)
        case (.backspace, _):
            if filter.isEmpty { return goUp() }
            setFilter(String(filter.dropLast()))
        case (.character("u"), .control):
            setFilter("")
        case (.character("r"), .control):
            recursive.toggle()
            return relist()
        case (.character("~"), let modifiers) where filter.isEmpty && modifiers.isDisjoint(with: [.control, .alt]):
            return folder == home ? .none : go(to: home, highlighting: nil)
        case (.character("."), let modifiers) where filter.isEmpty && modifiers.isDisjoint(with: [.control, .alt]):
            return toggleHidden()
        case (.character(let character), let modifiers) where modifiers.isDisjoint(with: [.control, .alt]):
            setFilter(filter + String(character))
        default:
            break
        }
        return .none
    }

    // MARK: Moving

    mutating func move(by rows: Int) {
        selection = max(0, min(listing.count - 1, selection + rows))
        keepSelectionInView()
    }

    mutating func keepSelectionInView() {
        let rows = max(1, pageRows)
        if selection < scroll { scroll = selection }
        if selection >= scroll + rows { scroll = selection - rows + 1 }
        scroll = max(0, min(scroll, listing.count - rows))
    }

    private mutating func setFilter(_ text: String) {
        listing.setFilter(text)
        selection = 0
        scroll = 0
    }

    // MARK: Folders

    private mutating func open(_ folder: FileEntry) -> FilePickerCommand {
        guard folder.readable else {
            notice = Notice("cannot read \(folder.fileName): permission denied", .problem)
            return .none
        }
        return go(to: folder.path, highlighting: nil)
    }

    private mutating func goUp() -> FilePickerCommand {
        guard folder != "/" else { return .none }
        let path = folder as NSString
        return go(to: path.deletingLastPathComponent, highlighting: path.lastPathComponent)
    }

    /// Shows another folder: the filter is cleared, as in nnn and ranger; marks stay.
    mutating func go(to path: String, highlighting name: String?) -> FilePickerCommand {
        folder = Self.normalized(path)
        listing.removeAll()
        listing.setFilter("")
        return restart(highlighting: name)
    }

    /// Lists the same folder again (the search mode or hidden files changed), keeping the
    /// filter and, when it shows up again, the highlighted entry.
    private mutating func relist() -> FilePickerCommand {
        let name = highlighted?.name
        listing.removeAll()
        return restart(highlighting: name)
    }

    private mutating func restart(highlighting name: String?) -> FilePickerCommand {
        selection = 0
        scroll = 0
        status = .loading
        reselect = name
        request = ListingRequest(id: request.id + 1, folder: folder, showHidden: showHidden, recursive: recursive)
        return .list(request)
    }

    /// A folder's own listing holds hidden entries already, so only a search is run again.
    private mutating func toggleHidden() -> FilePickerCommand {
        let current = listing.entryIndex(ofRow: selection)
        listing.setShowHidden(!showHidden)
        if recursive { return relist() }
        selection = current.flatMap { listing.row(ofEntry: $0) } ?? 0
        keepSelectionInView()
        notice = Notice(showHidden ? "Hidden files shown." : "Hidden files hidden.", .info)
        return .none
    }

    // MARK: Marking and choosing

    private mutating func toggleMark(thenMove step: Int) {
        guard let entry = highlighted else { return }
        guard !entry.isFolder else {
            notice = Notice("Folders are not attached: Enter or → opens one.", .info)
            return
        }
        if let index = marked.firstIndex(where: { $0.path == entry.path }) {
            marked.remove(at: index)
        } else {
            switch verdict(for: entry) {
            case .refused(let reason)?:
                notice = Notice(reason, .problem)
                return
            case .unsupported(let reason)?:
                notice = Notice(reason + " (Enter will ask)", .warning)
            case .accepted?, nil:
                break
            }
            marked.append(markedFile(entry))
        }
        marksChanged = true
        move(by: step)
    }

    /// Enter: opens a folder; on a file attaches the marked files, or the highlighted one when
    /// none were marked here (files already attached to the draft come along either way).
    private mutating func choose() -> FilePickerCommand {
        if let entry = highlighted, entry.isFolder { return open(entry) }
        var files = marked
        if let entry = highlighted, !marksChanged || marked.isEmpty, !isMarked(entry.path) {
            if case .refused(let reason)? = verdict(for: entry) {
                notice = Notice(reason, .problem)
                return .none
            }
            files.append(markedFile(entry))
        }
        guard !files.isEmpty else { return .none }
        let new = files.filter { !initiallyMarked.contains($0.path) }
        let verdicts = new.map { ($0, verdict(for: $0)) }
        if let (file, refused) = verdicts.first(where: { if case .refused = $0.1 { return true } else { return false } }) {
            notice = Notice(refused.reason ?? "cannot attach \(file.name)", .problem)
            return .none
        }
        let unsupported = verdicts.compactMap { pair -> String? in
            if case .unsupported(let reason) = pair.1 { return reason }
            return nil
        }
        if let first = unsupported.first {
            let others = unsupported.count > 1 ? " (and \(unsupported.count - 1) more file\(unsupported.count > 2 ? "s" : ""))" : ""
            confirmation = Confirmation(files: files, reason: first + others)
            return .none
        }
        return .attach(files.map(\.url))
    }

    private func markedFile(_ entry: FileEntry) -> MarkedFile {
        let previewed = preview.flatMap { $0.path == entry.path ? $0.size : nil }
        return MarkedFile(path: entry.path, size: previewed ?? entry.size, type: knownType(of: entry))
    }

    /// Asks for the highlighted file's preview once each time the highlight moves to a new one.
    mutating func previewIfNeeded() -> FilePickerCommand {
        guard let entry = highlighted, entry.kind == .file, entry.path != wantedPreview else { return .none }
        wantedPreview = entry.path
        return .preview(entry.url)
    }
}
