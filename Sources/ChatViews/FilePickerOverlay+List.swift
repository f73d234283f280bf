import JSONValues
import FilePicking
import TerminalUI

/// The entries column of the file picker.
extension FilePickerOverlay {
    func drawList(in area: Rect, on screen: inout Screen) {
        let base = theme.style(for: "overlay")
        if let message = emptyMessage {
            let role: ThemeRole = if case .failed = picker.status { "message.error" } else { "text.dim" }
            for (offset, line) in TextWrapper.wrap(message, width: max(1, area.width)).prefix(area.height).enumerated() {
                screen.draw(line.text, style: theme.style(for: role).merged(over: base), x: area.x, y: area.y + offset, clip: area)
            }
            return
        }
        let count = picker.listing.count
        let rows = area.height
        // The picker scrolls by its own page size; the screen may differ: keep the selection in view.
        var first = min(max(picker.scroll, picker.selection - rows + 1), picker.selection)
        first = max(0, min(first, count - rows))
        for row in first..<min(count, first + rows) {
            drawRow(row, at: Rect(x: area.x, y: area.y + row - first, width: area.width, height: 1), on: &screen)
        }
    }

    /// Why there is nothing to list, or nil when there is.
    var emptyMessage: String? {
        if case .failed(let error) = picker.status { return "cannot read this folder: \(error) — ← goes up" }
        guard picker.listing.count == 0 else { return nil }
        if picker.status == .loading { return picker.recursive ? "searching…" : "reading…" }
        if !picker.filter.isEmpty {
            return "no match for “\(picker.filter)”" + (picker.recursive ? "" : " here — ^R searches the folders below")
        }
        if !picker.entries.isEmpty { return "only hidden files here — . shows them" }
        return picker.recursive ? "nothing below this folder" : "empty folder"
    }

    private func drawRow(_ row: Int, at line: Rect, on screen: inout Screen) {
        let entry = picker.listing[row]
        let selected = row == picker.selection
        let base = theme.style(for: "overlay")
        let rowStyle = selected ? theme.style(for: "overlay.selected").merged(over: base) : base
        screen.fill(line, style: rowStyle)
        let verdict = picker.verdict(for: entry)
        let dimmed = verdict.map { $0 != .accepted } ?? !entry.readable
        let nameStyle = dimmed ? theme.style(for: "overlay.disabled").merged(over: rowStyle)
            : entry.isFolder ? theme.style(for: "title").merged(over: rowStyle) : rowStyle
        let marked = picker.isMarked(entry.path)
        screen.draw(marked ? "✓" : " ", style: theme.style(for: "text.accent").merged(over: rowStyle), x: line.x, y: line.y, clip: line)

        let right = rightColumn(entry, verdict)
        let rightWidth = TextWidth.standard.columns(of: right)
        let nameWidth = max(1, line.width - 2 - (rightWidth > 0 ? rightWidth + 1 : 0))
        let name = TextWidth.standard.truncate(nameSpans(entry, style: nameStyle), to: nameWidth)
        screen.draw(name, x: line.x + 2, y: line.y, clip: line)
        if rightWidth > 0, rightWidth + 3 <= line.width {
            screen.draw(right, style: theme.style(for: dimmed ? "overlay.disabled" : "text.dim").merged(over: rowStyle),
                        x: line.maxX - rightWidth, y: line.y, clip: line)
        }
    }

    /// The size, after a one-word reason when the file cannot be attached as it is.
    private func rightColumn(_ entry: FileEntry, _ verdict: AttachmentVerdict?) -> String {
        guard !entry.isFolder else { return entry.readable ? "" : "unreadable" }
        // Sizes arrive a moment after names (FolderListing reads them in a second step).
        let size = entry.detailsKnown ? ByteSize.format(entry.size) : ""
        switch verdict {
        case .unsupported?:
            return "\(picker.knownType(of: entry)?.modality.rawValue ?? "file") ✗" + (size.isEmpty ? "" : "  \(size)")
        case .refused?:
            if entry.kind == .special { return "special" }
            let previewFailed = picker.preview.map { $0.path == entry.path && $0.problem != nil } ?? false
            return !entry.readable || previewFailed ? "unreadable" : "too big  \(size)"
        case .accepted?, nil:
            return size
        }
    }

    /// The name with the filter's matched characters picked out, `/` after a folder and `@`
    /// after a link to a file.
    private func nameSpans(_ entry: FileEntry, style: Style) -> [StyledSpan] {
        let suffix = entry.isFolder ? "/" : entry.isSymlink ? "@" : ""
        let matched = matchedCharacters(entry)
        // Tabs too become pictures (the screen would expand them): a name is one line of symbols.
        guard !matched.isEmpty else { return [StyledSpan(InertText.inert(entry.name) + suffix, style: style)] }
        let highlight = theme.style(for: "text.accent").merged(over: style)
        var spans: [StyledSpan] = []
        for (offset, character) in entry.name.enumerated() {
            let characterStyle = matched.contains(offset) ? highlight : style
            let shown = InertText.inert(String(character))
            if let last = spans.last, last.style == characterStyle {
                spans[spans.count - 1] = StyledSpan(last.text + shown, style: characterStyle)
            } else {
                spans.append(StyledSpan(shown, style: characterStyle))
            }
        }
        spans.append(StyledSpan(suffix, style: style))
        return spans
    }

    /// Offsets (in characters) of the name's characters the filter matched.
    private func matchedCharacters(_ entry: FileEntry) -> Set<Int> {
        let key = Array(entry.key.utf8)
        guard !picker.filter.isEmpty, let bytes = FuzzyMatch.positions(picker.listing.query, in: key) else { return [] }
        // Where each character's lowercased bytes start in the key; lowercasing that changes
        // with context (rare) shows no highlight rather than a wrong one.
        var starts: [Int] = []
        var total = 0
        for character in entry.name {
            starts.append(total)
            total += String(character).lowercased().utf8.count
        }
        guard total == key.count else { return [] }
        var result = Set<Int>()
        var index = 0
        for byte in bytes {
            while index + 1 < starts.count, starts[index + 1] <= byte { index += 1 }
            result.insert(index)
        }
        return result
    }
}
