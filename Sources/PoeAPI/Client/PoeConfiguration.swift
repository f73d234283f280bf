import Foundation

/// Where and how the client talks to Poe.
///
/// - Important: `apiKey` is sent only in Authorization headers; `KeyRedactor` scrubs it from
///   every message the client produces.
public struct PoeConfiguration: Sendable {
    public static let defaultAPIBase = "https://api.poe.com"
    public static let defaultUploadURL = "https://www.quora.com/poe_api/file_upload_3RD_PARTY_POST"
    public static let version = "0.1.0"

    public var apiKey: String
    /// Bots live at `<apiBase>/bot/<name>`, the catalog at `/v1/models`, points at `/usage/...`.
    public var apiBase: String
    public var uploadURL: String
    /// Leaderboard attribution, sent as `HTTP-Referer` and `X-Title` when set.
    public var referer: String?
    public var title: String?
    public var userAgent = "poe-tui/\(PoeConfiguration.version)"
    public var connectTimeout: Duration = .seconds(15)
    /// A stream that sends nothing, not even Poe's 15-second pings, for this long is dead.
    public var idleTimeout: Duration = .seconds(60)
    public var retryPolicy = RetryPolicy()
    /// Client-side cap, under Poe's 500 requests a minute per key.
    public var requestsPerMinute = 480
    public var maxUploadBytes: Int64 = 50 * 1_000_000
    /// Where the bot catalog is cached; nil disables the cache.
    public var cacheDirectory: URL?
    public var catalogMaxAge: Duration = .seconds(24 * 3600)

    public init(apiKey: String, apiBase: String = defaultAPIBase, uploadURL: String = defaultUploadURL) {
        self.apiKey = apiKey
        self.apiBase = apiBase
        self.uploadURL = uploadURL
    }

    /// Reads `POE_API_KEY`, `POE_API_BASE`, `POE_UPLOAD_URL`, `POE_REFERER`, `POE_TITLE` and the
    /// XDG cache folder from `environment`. The key may be empty: requests then fail with
    /// `PoeError.missingKey`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PoeConfiguration {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        var configuration = PoeConfiguration(
            apiKey: value("POE_API_KEY") ?? "",
            apiBase: value("POE_API_BASE") ?? defaultAPIBase,
            uploadURL: value("POE_UPLOAD_URL") ?? defaultUploadURL
        )
        configuration.referer = value("POE_REFERER")
        configuration.title = value("POE_TITLE")
        configuration.cacheDirectory = XDGDirectories(environment: environment).cache
        return configuration
    }

    /// `apiBase` without trailing slashes, ready to have a path appended.
    var trimmedBase: String {
        var base = apiBase
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    func botURL(_ name: String) -> String {
        let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
        return "\(trimmedBase)/bot/\(escaped)"
    }
}

/// The XDG base directories poe-tui uses, each with a `poe-tui` folder inside.
public struct XDGDirectories: Sendable {
    public var cache: URL
    public var data: URL
    public var config: URL
    public var state: URL
    /// `$HOME` as the shell has it (not the password file's: tests and sandboxes set it).
    public var home: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        self.home = home
        func base(_ name: String, _ fallback: String) -> URL {
            if let path = environment[name], path.hasPrefix("/") { return URL(fileURLWithPath: path) }
            return home.appendingPathComponent(fallback)
        }
        cache = base("XDG_CACHE_HOME", ".cache").appendingPathComponent("poe-tui")
        data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("poe-tui")
        config = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("poe-tui")
        state = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("poe-tui")
    }
}
