import Foundation

/// Everything a user can set in `config.toml`, with the defaults that apply when the file is
/// silent. Values here come from the file only; `ResolvedSettings` layers flags and the
/// environment on top.
public struct Settings: Sendable, Equatable {
    /// Where the key comes from, when the file gives one.
    public enum KeySource: Sendable, Equatable {
        case literal(String)
        /// A command whose standard output is the key (password managers): a string runs with
        /// `/bin/sh -c`, an array runs as an argument list.
        case shellCommand(String)
        case command([String])
    }

    public var apiKey: KeySource?
    public var apiBase: String?
    public var uploadURL: String?
    public var defaultBot: String = "Assistant"
    public var favouriteBots: [String] = []
    /// Leaderboard attribution, sent as `HTTP-Referer` and `X-Title`.
    public var referer: String?
    public var title: String?
    public var theme: String = "default"
    /// Key overrides for the full-screen interface: key name → action name.
    public var keys: [String: String] = [:]
    /// Where files that bots send are saved; nil means `$XDG_DOWNLOAD_DIR`, else `~/Downloads`.
    public var downloadsFolder: String?
    public var uploadLimitBytes: Int64 = 50 * 1_000_000

    public init() {}
}

/// Something worth telling the user that does not stop poe-tui.
public struct SettingsWarning: Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
