import JSONValues
import FilePicking
import Foundation
import TerminalUI

/// Ctrl-O: the file picker over the conversation. The folder on top, the filter under it, the
/// entries (folders marked with `/`, marked files with ✓, what the bot cannot take dimmed with
/// a short reason, sizes on the right), a preview column from 80 columns, a status line and the
/// main keys at the bottom.
///
/// Draws only the rows in view: a frame costs the same for 10 entries and for 20,000.
public struct FilePickerOverlay {
    let picker: FilePicker
    let theme: Theme

    public init(picker: FilePicker, theme: Theme) {
        self.picker = picker
        self.theme = theme
    }

    /// The preview column shows from this screen width.
    public static let previewWidth = 80

    public func draw(in bounds: Rect, on screen: inout Screen) {
        let margin = bounds.width >= 60 ? 2 : 0
        let rect = Rect(x: bounds.x + margin, y: bounds.y + 1, width: bounds.width - 2 * margin, height: bounds.height - 2)
        let base = theme.style(for: "overlay")
        screen.fill(rect, style: base)
        let title = "Attach files for \(picker.rules.bot) — Enter attaches, Esc closes"
        screen.drawBox(rect, style: base, characters: .rounded, title: [StyledSpan(title, style: theme.style(for: "title").merged(over: base))])
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        guard inner.width > 4, inner.height >= 5 else { return }
        drawHeader(Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), on: &screen)
        let filterEnd = screen.draw([StyledSpan("› ", style: theme.style(for: "text.dim").merged(over: base)), StyledSpan(picker.filter, style: base)],
                                    x: inner.x, y: inner.y + 1, clip: inner)
        var body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 4)
        if bounds.width >= Self.previewWidth, picker.highlighted != nil {
            let listWidth = body.width * 11 / 20
            let divider = body.x + listWidth + 1
            screen.drawVerticalLine(x: divider, y: body.y, height: body.height, style: theme.style(for: "border").merged(over: base))
            FilePickerPreviewColumn(picker: picker, theme: theme)
                .draw(in: Rect(x: divider + 2, y: body.y, width: body.maxX - divider - 2, height: body.height), on: &screen)
            body.width = listWidth
        }
        drawList(in: body, on: &screen)
        drawStatus(Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 1), on: &screen)
        drawKeys(Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), on: &screen)
        screen.cursor = (min(filterEnd, inner.maxX - 1), inner.y + 1)
    }

    // MARK: Header and footer

    /// The folder (home as ~, cut from the left when long) and the modes on the right.
    private func drawHeader(_ row: Rect, on screen: inout Screen) {
        let base = theme.style(for: "overlay")
        var tags: [String] = []
        if picker.recursive { tags.append("searching below") }
        if picker.showHidden { tags.append("hidden shown") }
        if !picker.marked.isEmpty { tags.append("\(picker.marked.count) marked") }
        let right = tags.joined(separator: " · ")
        let rightWidth = TextWidth.standard.columns(of: right)
        let room = max(1, row.width - (rightWidth > 0 ? rightWidth + 2 : 0))
        screen.draw(Self.truncateLeading(InertText.inert(displayPath), to: room), style: theme.style(for: "title").merged(over: base), x: row.x, y: row.y, clip: row)
        if rightWidth > 0, rightWidth + 2 < row.width {
            screen.draw(right, style: theme.style(for: "text.accent").merged(over: base), x: row.maxX - rightWidth, y: row.y, clip: row)
        }
    }

    var displayPath: String {
        let folder = picker.folder, home = picker.home
        if home != "/", folder == home { return "~" }
        if home != "/", folder.hasPrefix(home + "/") { return "~" + folder.dropFirst(home.count) }
        return folder
    }

    /// The end of `text` in at most `width` columns, with `…` in front when cut: the end of a
    /// path says most about where one is.
    static func truncateLeading(_ text: String, to width: Int) -> String {
        guard TextWidth.standard.columns(of: text) > width else { return text }
        var kept: [Character] = []
        var used = 1
        for character in text.reversed() {
            let columns = TextWidth.standard.columns(of: character)
            if used + columns > width { break }
            kept.append(character)
            used += columns
        }
        return "…" + String(kept.reversed())
    }

    private func drawStatus(_ row: Rect, on screen: inout Screen) {
        let base = theme.style(for: "overlay")
        if let confirmation = picker.confirmation {
            let style = theme.style(for: "overlay.selected").merged(over: base)
            screen.fill(row, style: style)
            screen.draw("\(confirmation.reason). Enter or y attaches anyway; any other key goes back.", style: style, x: row.x, y: row.y, clip: row)
            return
        }
        if let notice = picker.notice {
            let role: ThemeRole = notice.severity == .info ? "text.dim" : "message.error"
            screen.draw(notice.text, style: theme.style(for: role).merged(over: base), x: row.x, y: row.y, clip: row)
            return
        }
        screen.draw(statusText, style: theme.style(for: "text.dim").merged(over: base), x: row.x, y: row.y, clip: row)
    }

    var statusText: String {
        if case .failed = picker.status { return "" }
        let shown = picker.listing.count, total = picker.entries.count
        let counted = picker.filter.isEmpty ? "\(ByteSize.grouped(shown)) shown" : "\(ByteSize.grouped(shown)) of \(ByteSize.grouped(total)) match"
        guard picker.recursive else {
            return picker.status == .loading && total == 0 ? "reading…" : counted
        }
        switch picker.status {
        case .loading:
            return "searching… \(ByteSize.grouped(total)) found" + (picker.filter.isEmpty ? "" : ", \(ByteSize.grouped(shown)) match")
        case .complete(let end):
            var text = "\(ByteSize.grouped(total)) found" + (picker.filter.isEmpty ? "" : ", \(ByteSize.grouped(shown)) match")
            if end.countLimited { text += " — stopped at \(ByteSize.grouped(picker.request.maxCount))" }
            if end.depthLimited { text += " — not deeper than \(picker.request.maxDepth) folders" }
            return text
        case .failed:
            return ""
        }
    }

    /// As many of the main keys as fit, whole.
    private func drawKeys(_ row: Rect, on screen: inout Screen) {
        let keys = ["Tab mark", "→ open", "← up", "~ home", ". hidden", "^R " + (picker.recursive ? "this folder only" : "search below"), "^U clear"]
        var text = ""
        for key in keys {
            let next = text.isEmpty ? key : text + " · " + key
            guard TextWidth.standard.columns(of: next) <= row.width else { break }
            text = next
        }
        screen.draw(text, style: theme.style(for: "text.dim").merged(over: theme.style(for: "overlay")), x: row.x, y: row.y, clip: row)
    }
}
