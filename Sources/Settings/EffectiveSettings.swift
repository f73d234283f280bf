import Foundation

/// The settings poe-tui runs with: command-line flags over the environment over the file over
/// the defaults.
public struct EffectiveSettings: Sendable {
    /// Values given on the command line; nil where the flag was absent.
    public struct Flags: Sendable {
        public var bot: String?
        public var theme: String?
        public init(bot: String? = nil, theme: String? = nil) {
            self.bot = bot
            self.theme = theme
        }
    }

    public static let defaultAPIBase = "https://api.poe.com"
    public static let defaultUploadURL = "https://www.quora.com/poe_api/file_upload_3RD_PARTY_POST"

    /// Empty when no key is configured anywhere.
    public var apiKey: String
    public var apiBase: String
    public var uploadURL: String
    public var bot: String
    public var favouriteBots: [String]
    public var referer: String?
    public var title: String?
    public var theme: String
    public var keys: [String: String]
    public var downloadsFolder: URL
    public var uploadLimitBytes: Int64

    /// Layers `flags`, `environment` and `file`. Runs `api_key_command` only when no key is set
    /// by the environment, since it may prompt (a password manager unlocking).
    public static func resolve(
        file: Settings,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: Flags = Flags()
    ) throws(SettingsError) -> EffectiveSettings {
        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        var key = env("POE_API_KEY") ?? ""
        if key.isEmpty, let source = file.apiKey {
            key = try KeyCommand.key(from: source)
        }
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        let downloads: URL
        if let folder = file.downloadsFolder {
            downloads = folder == "~" || folder.hasPrefix("~/")
                ? home.appendingPathComponent(String(folder.dropFirst(min(2, folder.count))))
                : URL(fileURLWithPath: folder)
        } else if let xdg = env("XDG_DOWNLOAD_DIR") {
            downloads = URL(fileURLWithPath: xdg)
        } else {
            downloads = home.appendingPathComponent("Downloads")
        }
        return EffectiveSettings(
            apiKey: key,
            apiBase: env("POE_API_BASE") ?? file.apiBase ?? defaultAPIBase,
            uploadURL: env("POE_UPLOAD_URL") ?? file.uploadURL ?? defaultUploadURL,
            bot: flags.bot ?? file.defaultBot,
            favouriteBots: file.favouriteBots,
            referer: env("POE_REFERER") ?? file.referer,
            title: env("POE_TITLE") ?? file.title,
            theme: flags.theme ?? file.theme,
            keys: file.keys,
            downloadsFolder: downloads,
            uploadLimitBytes: file.uploadLimitBytes
        )
    }
}

/// Runs `api_key_command` and takes its first line of output as the key.
enum KeyCommand {
    static func key(from source: Settings.KeySource) throws(SettingsError) -> String {
        let arguments: [String]
        let display: String
        switch source {
        case .literal(let key): return key
        case .shellCommand(let command):
            arguments = ["/bin/sh", "-c", command]
            display = command
        case .command(let words):
            arguments = words
            display = words.joined(separator: " ")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0].contains("/") ? arguments[0] : "/usr/bin/env")
        process.arguments = arguments[0].contains("/") ? Array(arguments.dropFirst()) : arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.standardInput  // a password manager may ask for a passphrase
        do {
            try process.run()
        } catch {
            throw .keyCommandFailed(command: display, reason: error.localizedDescription)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .keyCommandFailed(command: display, reason: "it exited with status \(process.terminationStatus)")
        }
        let key = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !key.isEmpty else { throw .keyCommandFailed(command: display, reason: "it printed nothing") }
        return key
    }
}
