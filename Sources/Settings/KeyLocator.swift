/// Finds the line where a setting is written, for error messages: TOMLKit reports lines for
/// syntax errors only, not for values it parsed.
struct KeyLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `key` inside `[table]` (nil table: the top level), if written plainly.
    func line(of key: String, inTable table: String? = nil) -> Int? {
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                continue
            }
            guard current == table else { continue }
            if Self.assigns(key, line) { return index + 1 }
        }
        return nil
    }

    /// Whether the (trimmed) line sets `key`, bare or quoted: `key =`, `"key" =`, `'key' =`.
    static func assigns(_ key: String, _ line: String) -> Bool {
        [key, "\"\(key)\"", "'\(key)'"].contains { candidate in
            line.hasPrefix(candidate) && line.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }.first == "="
        }
    }
}

import Foundation
