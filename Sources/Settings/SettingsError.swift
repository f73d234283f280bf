/// A configuration poe-tui refuses to guess about. Every case names the file and, where the
/// file has one, the line and the setting, so the message alone says what to fix.
public enum SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(file: String, line: Int, column: Int, message: String)
    case unknownSetting(file: String, line: Int?, key: String, suggestion: String?)
    case wrongType(file: String, line: Int?, key: String, expected: String)
    case invalidValue(file: String, line: Int?, key: String, reason: String)
    case unreadable(file: String, reason: String)
    case keyCommandFailed(command: String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        case .unknownSetting(let file, let line, let key, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "\(Self.place(file, line)): unknown setting '\(key)'\(hint). The settings are listed in docs/configuration.md."
        case .wrongType(let file, let line, let key, let expected):
            return "\(Self.place(file, line)): '\(key)' must be \(expected)."
        case .invalidValue(let file, let line, let key, let reason):
            return "\(Self.place(file, line)): '\(key)' \(reason)."
        case .unreadable(let file, let reason):
            return "\(file): cannot read the configuration: \(reason)."
        case .keyCommandFailed(let command, let reason):
            return "api_key_command '\(command)' failed: \(reason)."
        }
    }

    private static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
