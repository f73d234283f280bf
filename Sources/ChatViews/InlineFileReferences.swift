import ChatStore

/// A reply's markdown may place a file it sent by reference: `![alt][ref]` (or `[alt][ref]`)
/// where `ref` is the file's `inline_ref`. There is no definition for `ref` in the text, so
/// CommonMark would print the brackets; the file is shown there instead, as `📎 name (alt)`.
enum InlineFileReferences {
    static func resolve(_ markdown: String, files: [ReceivedFile]) -> String {
        let named = files.compactMap { file in file.inlineRef.map { ($0, file) } }
        guard !named.isEmpty, markdown.contains("][") else { return markdown }
        var text = markdown
        for (ref, file) in named {
            var searchFrom = text.startIndex
            while let close = text.range(of: "][\(ref)]", range: searchFrom..<text.endIndex) {
                // The alt text is what lies after the nearest `[`; a `!` before it makes it an image.
                guard let bracket = text[..<close.lowerBound].lastIndex(where: { $0 == "[" || $0 == "]" }), text[bracket] == "[" else {
                    searchFrom = close.upperBound
                    continue
                }
                let start = bracket > text.startIndex && text[text.index(before: bracket)] == "!" ? text.index(before: bracket) : bracket
                let alt = String(text[text.index(after: bracket)..<close.lowerBound])
                let label = "📎 " + escaped(file.name.isEmpty ? "file" : file.name) + (alt.isEmpty || alt == file.name ? "" : " (\(alt))")
                text.replaceSubrange(start..<close.upperBound, with: label)
                searchFrom = text.index(start, offsetBy: label.count)
            }
        }
        return text
    }

    /// A bot's file name as literal markdown text: ASCII punctuation backslash-escaped.
    static func escaped(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isASCII, character.isPunctuation || character.isSymbol { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
