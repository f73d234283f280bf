import TerminalUI

/// Bullet, ordered and task lists with hanging indentation: an item's wrapped and nested lines
/// start under its text, not under its marker.
struct ListRenderer {
    let blocks: BlockRenderer

    /// Bullets by nesting depth, so nested lists stay apart at a glance.
    private static let bullets = ["•", "◦", "▪"]

    func render(_ list: MarkdownList, width: Int, depth: Int) -> [StyledLine] {
        let markers = list.items.indices.map { index in marker(list, index: index, depth: depth) }
        // Ordered markers are right-aligned to the widest number, so the texts line up.
        let markerColumns = markers.map { blocks.measure.columns(of: $0) }.max() ?? 0
        let indent = markerColumns + 1
        let style = blocks.theme.style(for: .markdownListMarker)
        var lines: [StyledLine] = []
        for (index, item) in list.items.enumerated() {
            if index > 0, !list.isTight { lines.append(.blank) }
            var content = blocks.render(item.blocks, width: width - indent, tight: list.isTight, listDepth: depth + 1)
            if content.isEmpty { content = [.blank] }
            var label = markers[index]
            let padding = markerColumns - blocks.measure.columns(of: label)
            label = String(repeating: " ", count: list.isOrdered ? padding : 0) + label
            label += String(repeating: " ", count: indent - blocks.measure.columns(of: label))
            lines += content.prefixed(
                first: [StyledSpan(label, style: style)],
                rest: [StyledSpan(String(repeating: " ", count: indent), style: blocks.theme.style(for: .text))],
                measure: blocks.measure
            )
        }
        return lines
    }

    /// `1.`, `•`, or for a task item `[x]` in place of the bullet (`1. [x]` in an ordered list).
    private func marker(_ list: MarkdownList, index: Int, depth: Int) -> String {
        let box = list.items[index].task.map { $0 ? "[x]" : "[ ]" }
        if list.isOrdered {
            let number = "\(list.start + index)."
            return box.map { number + " " + $0 } ?? number
        }
        return box ?? Self.bullets[depth % Self.bullets.count]
    }
}
