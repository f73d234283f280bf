import JSONValues
import FilePicking
import Foundation
import TerminalUI

/// The file picker's right column: what the highlighted entry is, and the start of a text file.
struct FilePickerPreviewColumn {
    let picker: FilePicker
    let theme: Theme

    func draw(in area: Rect, on screen: inout Screen) {
        guard let entry = picker.highlighted, area.width > 2, area.height > 0 else { return }
        let base = theme.style(for: "overlay")
        let dim = theme.style(for: "text.dim").merged(over: base)
        var y = area.y
        func line(_ text: String, _ style: Style) {
            guard y < area.maxY else { return }
            screen.draw(TextWidth.standard.truncate(text, to: area.width), style: style, x: area.x, y: y, clip: area)
            y += 1
        }
        let preview = picker.preview.flatMap { $0.path == entry.path ? $0 : nil }
        line(InertText.inert(String(entry.fileName)) + (entry.isFolder ? "/" : ""), theme.style(for: "title").merged(over: base))
        switch entry.kind {
        case .folder:
            line(entry.isSymlink ? "folder (a link)" : "folder", base)
        case .special:
            line("special file (FIFO, socket, device or broken link)", base)
        case .file:
            line(preview?.summary ?? "…", base)
            if let size = preview?.size ?? (entry.detailsKnown ? entry.size : nil) {
                line(ByteSize.format(size) + (size >= 1000 ? " (\(ByteSize.exact(size)))" : ""), dim)
            }
        }
        if let modified = preview?.modified ?? (entry.detailsKnown ? entry.modified : nil) {
            line("modified \(LocalTime.text(for: modified))", dim)
        }
        if let reason = picker.verdict(for: entry)?.reason ?? (entry.readable ? nil : "cannot read: permission denied") {
            for wrapped in TextWrapper.wrap(reason, width: area.width) { line(String(wrapped.text), theme.style(for: "message.error").merged(over: base)) }
        }
        guard let preview, !preview.lines.isEmpty, y + 1 < area.maxY else { return }
        y += 1
        for text in preview.lines { line(text, base) }
        if preview.moreText { line("…", dim) }
    }
}
