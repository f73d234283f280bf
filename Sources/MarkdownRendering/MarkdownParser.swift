internal import CCmark
import Synchronization

/// Parses GitHub-flavoured markdown with libcmark-gfm and copies the result into Swift values.
enum MarkdownParser {
    /// The extensions a bot reply may use; footnotes stay off (a chat has no page end).
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Registers the core extensions once: the C function guards itself with a plain static flag,
    /// which two threads could race on; a Swift static is initialised exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps the inline "special characters" of strikethrough and autolink in one
    /// global table that every parse sets and clears (github/cmark-gfm#176): two parses at once
    /// can lose a strikethrough. One parse at a time, then; the app parses on one thread anyway.
    private static let oneAtATime = Mutex(())

    static func parse(_ markdown: String) -> [MarkdownBlock] {
        oneAtATime.withLock { _ in parseAlone(markdown) }
    }

    private static func parseAlone(_ markdown: String) -> [MarkdownBlock] {
        _ = registered
        // A parser cannot be reused after `cmark_parser_finish`: a new one per parse.
        guard let parser = cmark_parser_new(poe_cmark_options()) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        return NodeReader().blocks(under: document)
    }
}

/// Walks cmark's tree. Core node types are compared by value; extension nodes by their type
/// string, which is valid whatever order the extensions registered in.
private struct NodeReader {
    func blocks(under parent: OpaquePointer) -> [MarkdownBlock] {
        children(of: parent).compactMap(block)
    }

    private func children(of parent: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            result.append(node)
            child = cmark_node_next(node)
        }
        return result
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func typeString(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: return .paragraph(inlines(under: node))
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node))
        case CMARK_NODE_BLOCK_QUOTE: return .quote(blocks(under: node))
        case CMARK_NODE_LIST: return .list(list(node))
        case CMARK_NODE_CODE_BLOCK:
            // Not `cmark_node_get_fenced(n, nil, nil, nil)`: it writes all three out-pointers.
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            return .code(info: language, literal: literal(node))
        case CMARK_NODE_HTML_BLOCK: return .html(literal(node))
        case CMARK_NODE_THEMATIC_BREAK: return .rule
        default:
            if typeString(node) == "table" { return .table(table(node)) }
            // Unknown blocks (footnote definitions, custom blocks): keep their content.
            let inner = blocks(under: node)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    private func list(_ node: OpaquePointer) -> MarkdownList {
        let items = children(of: node).map { item in
            let task: Bool? = typeString(item) == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            return MarkdownListItem(task: task, blocks: blocks(under: item))
        }
        return MarkdownList(
            isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            start: Int(cmark_node_get_list_start(node)),
            isTight: cmark_node_get_list_tight(node) != 0,
            items: items
        )
    }

    private func table(_ node: OpaquePointer) -> MarkdownTable {
        let count = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [MarkdownTable.Alignment] = []
        let raw = cmark_gfm_extensions_get_table_alignments(node)
        for index in 0..<count {
            switch raw?[index] {
            case UInt8(ascii: "c"): alignments.append(.center)
            case UInt8(ascii: "r"): alignments.append(.right)
            default: alignments.append(.left)
            }
        }
        let rows = children(of: node).map { row in
            var cells = children(of: row).map { inlines(under: $0) }
            // cmark pads short rows already; this only guards the renderer's invariant.
            if cells.count < count { cells += Array(repeating: [], count: count - cells.count) }
            return Array(cells.prefix(count))
        }
        return MarkdownTable(alignments: alignments, rows: rows)
    }

    private func inlines(under parent: OpaquePointer) -> [MarkdownInline] {
        children(of: parent).map(inline)
    }

    private func inline(_ node: OpaquePointer) -> MarkdownInline {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_EMPH: return .emphasis(inlines(under: node))
        case CMARK_NODE_STRONG: return .strong(inlines(under: node))
        case CMARK_NODE_LINK: return .link(url: url(node), inlines(under: node))
        case CMARK_NODE_IMAGE: return .image(url: url(node), inlines(under: node))
        case CMARK_NODE_HTML_INLINE: return .html(literal(node))
        default:
            if typeString(node) == "strikethrough" { return .strikethrough(inlines(under: node)) }
            let inner = inlines(under: node)
            return inner.isEmpty ? .text(literal(node)) : .text(inner.plainText)
        }
    }

    private func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }
}
