import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// Saves the API key in `config.toml`, for the first-run screen: the one place poe-tui writes
/// the file a person otherwise edits by hand.
///
/// Only the top-level `api_key` line changes: an existing one is replaced (its trailing comment
/// kept), otherwise the line is added after the last top-level setting, or before the first
/// `[table]` and the comments just above it. Every other byte stays as it was. The result is
/// parsed before anything is written and must hold the same settings plus the key; if not, the
/// file is left alone and the error says so. The file is written whole to a temporary file and
/// renamed over the old one, with mode 0600 (new folders 0700), so a crash leaves the old file
/// or the new one, never half of either, and never a key readable by others.
public enum ConfigKeyWriter {
    /// Writes `key` (trimmed) into the file at `url`, creating it and its folders if needed.
    /// A symbolic link is followed, so a config kept in a dotfiles repository stays there.
    public static func save(key: String, to url: URL) throws(ConfigKeyError) {
        let file = url.resolvingSymlinksInPath()
        let path = file.path
        var original: String?
        if FileManager.default.fileExists(atPath: path) {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw .unreadable(file: path, reason: error.localizedDescription)
            }
            guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(file: path) }
            original = text
        }
        let text = try edited(original, key: key, file: path)
        try createFolders(file.deletingLastPathComponent())
        try writeAtomically(Data(text.utf8), to: file)
    }

    /// The file's text with `key` set; `original` nil means there is no file yet.
    static func edited(_ original: String?, key rawKey: String, file: String) throws(ConfigKeyError) -> String {
        let key = try validated(rawKey)
        let text = original ?? ""
        let before = try parse(text, file: file)
        if before.contains(key: "api_key_command") {
            throw .cannotEdit(file: file, reason: "it sets api_key_command, which cannot be combined with api_key")
        }
        // Split on the scalar: in a Swift string "\r\n" is one character, which "\n" never matches.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let newline = lines.first?.hasSuffix("\r") == true ? "\r" : ""
        let assignment = "api_key = \(quoted(key))"
        let layout = TopLevelLayout(lines: lines)
        var result = lines
        if let existing = layout.apiKey {
            let last = lines[existing.lines.upperBound - 1]
            let indentation = String(lines[existing.lines.lowerBound].prefix { $0 == " " || $0 == "\t" })
            // The comment after the old value stays, spacing and all; so does a CRLF ending.
            let trailing = existing.comment.map { String(last[$0...]) } ?? (last.hasSuffix("\r") ? "\r" : "")
            result.replaceSubrange(existing.lines, with: [indentation + assignment + trailing])
        } else if let end = layout.lastStatementEnd {
            result.insert(assignment + newline, at: end)
        } else if var index = layout.firstHeader {
            // Comments right above the first table belong to it: go in before them.
            while index > 0, lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { index -= 1 }
            result.insert(contentsOf: [assignment + newline, newline], at: index)
        } else if text.isEmpty {
            result = [assignment, ""]
        } else {
            // Comments only: the key goes at the end, on a line of its own.
            if result.last?.isEmpty == true { result.removeLast() }
            result += [assignment + newline, ""]
        }
        let output = result.joined(separator: "\n")
        try verify(output, sets: key, over: before, file: file)
        return output
    }

    /// The key without surrounding blanks; refused when empty or when it holds a control
    /// character, which no key has and which a TOML string cannot hold as it is.
    public static func validated(_ key: String) throws(ConfigKeyError) -> String {
        let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyKey }
        if let control = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .controlCharacter(control.value)
        }
        return trimmed
    }

    /// A TOML basic string: only the quote and the backslash need escaping once control
    /// characters are refused.
    static func quoted(_ key: String) -> String {
        var result = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func parse(_ text: String, file: String) throws(ConfigKeyError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .cannotEdit(file: file, reason: "line \(error.source.begin.line): \(error.description); fix it first")
        } catch {
            throw .cannotEdit(file: file, reason: "\(error)")
        }
    }

    /// The edit must add the key and change nothing else, as TOML sees it.
    private static func verify(_ text: String, sets key: String, over before: TOMLTable, file: String) throws(ConfigKeyError) {
        let after = try parse(text, file: file)
        guard after["api_key"]?.string == key else {
            throw .cannotEdit(file: file, reason: "the api_key line could not be placed at the top level")
        }
        after.remove(at: "api_key")
        before.remove(at: "api_key")
        guard after == before else {
            throw .cannotEdit(file: file, reason: "adding the api_key line would change other settings")
        }
    }

    /// Creates missing folders one by one with mode 0700: they hold a secret.
    private static func createFolders(_ folder: URL) throws(ConfigKeyError) {
        var missing: [URL] = []
        var current = folder
        while !FileManager.default.fileExists(atPath: current.path), current.pathComponents.count > 1 {
            missing.append(current)
            current.deleteLastPathComponent()
        }
        for folder in missing.reversed() where mkdir(folder.path, 0o700) != 0 && errno != EEXIST {
            throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno)))
        }
    }

    private static func writeAtomically(_ data: Data, to file: URL) throws(ConfigKeyError) {
        let folder = file.deletingLastPathComponent().path
        let temporary = folder + "/.\(file.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp"
        func failure(_ call: String) -> ConfigKeyError {
            let reason = "\(call): \(String(cString: strerror(errno)))"
            unlink(temporary)
            return .writeFailed(file: file.path, reason: reason)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .writeFailed(file: file.path, reason: "creating \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        let complete = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
        // The mode is set explicitly: a umask of 0 must not matter, nor must the old file's mode.
        guard complete, fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            let error = failure("write")
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary, file.path) == 0 else { throw failure("rename") }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }
}

/// Why the key could not be saved. No case carries the key itself.
public enum ConfigKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyKey
    case controlCharacter(UInt32)
    case unreadable(file: String, reason: String)
    case notUTF8(file: String)
    case cannotEdit(file: String, reason: String)
    case writeFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case .emptyKey:
            return "The key is empty: paste the key from https://poe.com/api_key."
        case .controlCharacter(let value):
            let code = String(value, radix: 16, uppercase: true)
            return "The key holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); copy it again from https://poe.com/api_key."
        case .unreadable(let file, let reason):
            return "\(file): cannot read the configuration: \(reason)."
        case .notUTF8(let file):
            return "\(file) is not UTF-8 text; poe-tui will not rewrite it. Add api_key = \"...\" yourself."
        case .cannotEdit(let file, let reason):
            return "\(file): poe-tui did not add the key: \(reason). Add api_key = \"...\" yourself."
        case .writeFailed(let file, let reason):
            return "\(file): cannot save the key: \(reason)."
        }
    }
}

/// Where the top-level statements of a TOML text are, found line by line with just enough of
/// TOML's lexical rules (strings of all four kinds, arrays and inline tables over several lines,
/// comments) that a `[` inside a value is never taken for a table header.
struct TopLevelLayout {
    struct Statement {
        /// The lines the statement spans.
        var lines: Range<Int>
        /// Where the comment on its last line starts, with the blanks before it.
        var comment: String.Index?
    }

    /// The top-level `api_key` statement, if any.
    private(set) var apiKey: Statement?
    /// The line after the last top-level statement.
    private(set) var lastStatementEnd: Int?
    /// The first `[table]` or `[[array]]` header line.
    private(set) var firstHeader: Int?

    init(lines: [String]) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed == "\r" || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            if trimmed.hasPrefix("[") {
                firstHeader = index
                return
            }
            var scanner = ValueScanner()
            let start = index
            var comment = scanner.scan(line)
            index += 1
            while !scanner.isComplete, index < lines.count {
                comment = scanner.scan(lines[index])
                index += 1
            }
            lastStatementEnd = index
            if KeyLocator.assigns("api_key", trimmed) { apiKey = Statement(lines: start..<index, comment: comment) }
        }
    }
}

/// Follows a statement across lines: strings, brackets and comments.
private struct ValueScanner {
    enum Mode { case normal, basic, literal, multilineBasic, multilineLiteral }
    var mode = Mode.normal
    var depth = 0

    /// Whether the statement ends with the last line scanned.
    var isComplete: Bool { mode == .normal && depth <= 0 }

    /// Scans one line; returns where its comment starts (with the blanks before it), if any.
    mutating func scan(_ line: String) -> String.Index? {
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            switch mode {
            case .normal:
                switch character {
                case "#":
                    var start = index
                    while start > line.startIndex, [" ", "\t"].contains(line[line.index(before: start)]) { start = line.index(before: start) }
                    return start
                case "\"", "'":
                    let run = line[index...].prefix { $0 == character }.count
                    if run >= 3 {
                        mode = character == "\"" ? .multilineBasic : .multilineLiteral
                        index = line.index(index, offsetBy: 3)
                        continue
                    }
                    if run == 2 {  // an empty string
                        index = line.index(index, offsetBy: 2)
                        continue
                    }
                    mode = character == "\"" ? .basic : .literal
                case "[", "{": depth += 1
                case "]", "}": depth -= 1
                default: break
                }
            case .basic, .multilineBasic:
                if character == "\\" {
                    index = line.index(after: index)
                    if index == line.endIndex { return nil }
                } else if character == "\"" {
                    if mode == .basic {
                        mode = .normal
                    } else {
                        index = closeMultiline(line, at: index, quote: "\"")
                        continue
                    }
                }
            case .literal, .multilineLiteral:
                if character == "'" {
                    if mode == .literal {
                        mode = .normal
                    } else {
                        index = closeMultiline(line, at: index, quote: "'")
                        continue
                    }
                }
            }
            index = line.index(after: index)
        }
        // A one-line string cannot run past its line; TOML would reject it, and the edit's check
        // catches that. Scanning goes on as if it had closed.
        if mode == .basic || mode == .literal { mode = .normal }
        return nil
    }

    /// Three or more quotes end a multi-line string (up to two of them belong to its text).
    private mutating func closeMultiline(_ line: String, at index: String.Index, quote: Character) -> String.Index {
        let run = line[index...].prefix { $0 == quote }.count
        if run >= 3 { mode = .normal }
        return line.index(index, offsetBy: run)
    }
}
