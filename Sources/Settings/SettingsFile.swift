import Foundation
import TOMLKit

/// Reads `config.toml` into `Settings`, strictly: an unknown setting, a value of the wrong type
/// or a syntax error stops poe-tui with a message naming the file, the line and the setting,
/// rather than a guess.
///
/// - Important: The file is only read, never written: a hand-edited file keeps its comments.
public enum SettingsFile {
    /// The top-level settings and their types, as written in the file.
    static let topLevel: [String: String] = [
        "api_key": "a string", "api_key_command": "a string or an array of strings",
        "api_base": "a string", "upload_url": "a string", "default_bot": "a string",
        "favourite_bots": "an array of strings", "theme": "a string", "downloads_folder": "a string",
        "upload_limit_mb": "a positive number",
    ]
    static let tables: [String: [String: String]] = [
        "leaderboard": ["referer": "a string", "title": "a string"],
        "keys": [:],  // any key name; values are action names
    ]

    /// Settings and warnings from the file at `url`; defaults when it does not exist.
    public static func load(from url: URL) throws(SettingsError) -> (Settings, [SettingsWarning]) {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { return (Settings(), []) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        var (settings, warnings) = try parse(text, file: path)
        if settings.apiKey != nil, let mode = permissions(of: path), mode & 0o077 != 0 {
            let octal = String(mode & 0o777, radix: 8)
            warnings.append(SettingsWarning(message:
                "\(path) holds an API key and is readable by group or others (mode \(octal)); run: chmod 600 \(path)"))
        }
        return (settings, warnings)
    }

    /// Parses configuration text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(SettingsError) -> (Settings, [SettingsWarning]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .syntax(file: file, line: 1, column: 1, message: "\(error)")
        }
        var reader = TableReader(table: table, file: file, locator: KeyLocator(text: text))
        return (try reader.settings(), [])
    }

    private static func permissions(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}

/// Walks the parsed table, checking every key and type.
private struct TableReader {
    let table: TOMLTable
    let file: String
    let locator: KeyLocator

    mutating func settings() throws(SettingsError) -> Settings {
        var settings = Settings()
        if table["api_key"] != nil, table["api_key_command"] != nil {
            throw .invalidValue(file: file, line: locator.line(of: "api_key_command"), key: "api_key_command",
                                reason: "cannot be set together with api_key; keep one")
        }
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let known = SettingsFile.tables[key] {
                guard let inner = value.table else { throw wrongType(key, "a table ([\(key)])") }
                try read(table: key, inner, known: known, into: &settings)
                continue
            }
            guard SettingsFile.topLevel[key] != nil else {
                throw unknown(key, table: nil, candidates: Array(SettingsFile.topLevel.keys) + Array(SettingsFile.tables.keys))
            }
            try read(key, value, into: &settings)
        }
        return settings
    }

    private func read(_ key: String, _ value: any TOMLValueConvertible, into settings: inout Settings) throws(SettingsError) {
        switch key {
        case "api_key": settings.apiKey = .literal(try nonEmptyString(key, value))
        case "api_key_command":
            if let command = value.string, !command.trimmingCharacters(in: .whitespaces).isEmpty {
                settings.apiKey = .shellCommand(command)
            } else if let words = try? strings(key, value), !words.isEmpty {
                settings.apiKey = .command(words)
            } else {
                throw wrongType(key, "a command string or a non-empty array of strings")
            }
        case "api_base": settings.apiBase = try url(key, value)
        case "upload_url": settings.uploadURL = try url(key, value)
        case "default_bot": settings.defaultBot = try nonEmptyString(key, value)
        case "favourite_bots": settings.favouriteBots = try strings(key, value)
        case "theme": settings.theme = try nonEmptyString(key, value)
        case "downloads_folder": settings.downloadsFolder = try nonEmptyString(key, value)
        case "upload_limit_mb":
            guard let megabytes = value.double ?? value.int.map(Double.init) else { throw wrongType(key, "a number") }
            guard megabytes > 0 else {
                throw .invalidValue(file: file, line: locator.line(of: key), key: key, reason: "must be more than 0")
            }
            settings.uploadLimitBytes = Int64(megabytes * 1_000_000)
        default: break
        }
    }

    private func read(table name: String, _ inner: TOMLTable, known: [String: String], into settings: inout Settings) throws(SettingsError) {
        for key in inner.keys {
            guard let value = inner[key] else { continue }
            if name == "keys" {
                guard let action = value.string else { throw wrongType(key, "an action name (a string)", table: name) }
                settings.keys[key] = action
                continue
            }
            guard known[key] != nil else { throw unknown(key, table: name, candidates: Array(known.keys)) }
            guard let text = value.string else { throw wrongType(key, "a string", table: name) }
            switch key {
            case "referer": settings.referer = text
            case "title": settings.title = text
            default: break
            }
        }
    }

    private func nonEmptyString(_ key: String, _ value: any TOMLValueConvertible) throws(SettingsError) -> String {
        guard let text = value.string else { throw wrongType(key, "a string") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidValue(file: file, line: locator.line(of: key), key: key, reason: "is empty")
        }
        return text
    }

    private func url(_ key: String, _ value: any TOMLValueConvertible) throws(SettingsError) -> String {
        let text = try nonEmptyString(key, value)
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            throw .invalidValue(file: file, line: locator.line(of: key), key: key, reason: "must start with https:// or http://")
        }
        return text
    }

    private func strings(_ key: String, _ value: any TOMLValueConvertible) throws(SettingsError) -> [String] {
        guard let array = value.array else { throw wrongType(key, "an array of strings") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw wrongType(key, "an array of strings") }
            result.append(text)
        }
        return result
    }

    private func wrongType(_ key: String, _ expected: String, table: String? = nil) -> SettingsError {
        .wrongType(file: file, line: locator.line(of: key, inTable: table), key: table.map { "\($0).\(key)" } ?? key, expected: expected)
    }

    private func unknown(_ key: String, table: String?, candidates: [String]) -> SettingsError {
        .unknownSetting(file: file, line: locator.line(of: key, inTable: table),
                        key: table.map { "\($0).\(key)" } ?? key, suggestion: Spelling.closest(to: key, in: candidates))
    }
}

/// "Did you mean …?" for misspelt setting names.
enum Spelling {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(2, word.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
