/// A theme poe-tui refuses to guess about. Each message names the file and, where there is
/// one, the line and the role, so it alone says what to fix.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key the format does not have, at the top level (`role` nil) or in a role.
    case unknownKey(file: String, line: Int, role: String?, key: String, suggestion: String?)
    case unknownRole(file: String, line: Int, role: String, suggestion: String?)
    case invalidValue(file: String, line: Int, role: String?, key: String, reason: String)
    case unreadable(file: String, reason: String)
    case notFound(name: String, searched: [String])
    case invalidName(String)
    /// Themes that inherit in a circle, in the order followed: `a → b → a`.
    case inheritanceCycle([String])

    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)."
        case .unknownKey(let file, let line, let role, let key, let suggestion):
            let place = role.map { "role '\($0)': " } ?? ""
            let known = role == nil ? "'description', 'inherits' and 'roles'" : "fg, bg, bold, italic, underline, dim, reverse, basic and mono"
            return "\(file):\(line): \(place)unknown key '\(key)'\(Self.hint(suggestion)); the keys are \(known)."
        case .unknownRole(let file, let line, let role, let suggestion):
            return "\(file):\(line): unknown role '\(role)'\(Self.hint(suggestion)); the roles are listed in docs/themes.md."
        case .invalidValue(let file, let line, let role, let key, let reason):
            let place = role.map { "role '\($0)': " } ?? ""
            return "\(file):\(line): \(place)'\(key)' \(reason)."
        case .unreadable(let file, let reason):
            return "\(file): cannot read the theme: \(reason)."
        case .notFound(let name, let searched):
            let places = searched.isEmpty ? "" : " (looked for \(name).json in \(searched.joined(separator: ", ")))"
            return "theme '\(name)' not found\(places); the shipped themes are default, light and high-contrast."
        case .invalidName(let name):
            return "'\(name)' is not a theme name: use letters, digits, '-', '_' and '.', not a path."
        case .inheritanceCycle(let names):
            return "themes inherit in a circle: \(names.joined(separator: " → "))."
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
