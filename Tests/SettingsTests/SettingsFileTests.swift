import Foundation
import Testing
@testable import Settings

@Suite("config.toml")
struct SettingsFileTests {
    @Test func everySettingIsRead() throws {
        let text = """
        # My poe-tui settings
        api_key = "sk-test"
        api_base = "http://127.0.0.1:9000"
        upload_url = "http://127.0.0.1:9000/upload"
        default_bot = "Claude-Sonnet-4.5"
        favourite_bots = ["GPT-5", "Claude-Sonnet-4.5"]
        theme = "light"
        downloads_folder = "~/poe-files"
        upload_limit_mb = 12.5

        [leaderboard]
        referer = "https://example.org"
        title = "My app"

        [keys]
        "ctrl-b" = "bot_picker"
        """
        let (settings, warnings) = try SettingsFile.parse(text, file: "config.toml")
        #expect(warnings.isEmpty)
        #expect(settings.apiKey == .literal("sk-test"))
        #expect(settings.apiBase == "http://127.0.0.1:9000")
        #expect(settings.uploadURL == "http://127.0.0.1:9000/upload")
        #expect(settings.defaultBot == "Claude-Sonnet-4.5")
        #expect(settings.favouriteBots == ["GPT-5", "Claude-Sonnet-4.5"])
        #expect(settings.theme == "light")
        #expect(settings.downloadsFolder == "~/poe-files")
        #expect(settings.uploadLimitBytes == 12_500_000)
        #expect(settings.referer == "https://example.org")
        #expect(settings.title == "My app")
        #expect(settings.keys == ["ctrl-b": "bot_picker"])
    }

    @Test func emptyFileGivesDefaults() throws {
        let (settings, _) = try SettingsFile.parse("", file: "config.toml")
        #expect(settings == Settings())
        #expect(settings.defaultBot == "Assistant")
    }

    @Test func errorsNameFileLineAndKey() {
        let cases: [(String, String)] = [
            ("theme = \"dark\"\ndefualt_bot = \"GPT-5\"\n",
             "config.toml:2: unknown setting 'defualt_bot' (did you mean 'default_bot'?)"),
            ("\n\nfavourite_bots = \"GPT-5\"\n", "config.toml:3: 'favourite_bots' must be an array of strings."),
            ("default_bot = 5\n", "config.toml:1: 'default_bot' must be a string."),
            ("[leaderboard]\nreferrer = \"x\"\n", "config.toml:2: unknown setting 'leaderboard.referrer' (did you mean 'referer'?)"),
            ("upload_limit_mb = -1\n", "config.toml:1: 'upload_limit_mb' must be more than 0."),
            ("api_base = \"api.poe.com\"\n", "config.toml:1: 'api_base' must start with https:// or http://."),
            ("api_key = \"a\"\napi_key_command = \"pass poe\"\n", "config.toml:2: 'api_key_command' cannot be set together with api_key; keep one."),
        ]
        for (text, message) in cases {
            do {
                _ = try SettingsFile.parse(text, file: "config.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        do {
            _ = try SettingsFile.parse("theme = \"light\"\ndefault_bot = = 3\n", file: "/home/u/.config/poe-tui/config.toml")
            Issue.record("accepted bad syntax")
        } catch {
            guard case .syntax(let file, let line, _, _) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(file == "/home/u/.config/poe-tui/config.toml")
            #expect(line == 2)
            #expect(error.description.hasPrefix("/home/u/.config/poe-tui/config.toml:2:"))
        }
    }

    @Test func keyInAFileOthersCanReadIsWarnedAbout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.toml")
        try "api_key = \"sk-1\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let (_, warnings) = try SettingsFile.load(from: file)
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("chmod 600") == true)
        #expect(warnings.first?.message.contains("sk-1") == false)

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try SettingsFile.load(from: file).1.isEmpty)
        #expect(try SettingsFile.load(from: folder.appendingPathComponent("missing.toml")).0 == Settings())
    }
}

@Suite("Effective settings")
struct EffectiveSettingsTests {
    @Test func flagsOverEnvironmentOverFileOverDefaults() throws {
        var file = Settings()
        file.apiKey = .literal("file-key")
        file.apiBase = "http://file"
        file.defaultBot = "FileBot"
        file.referer = "https://file"
        let environment = ["POE_API_KEY": "env-key", "POE_API_BASE": "http://env", "HOME": "/home/u"]
        let effective = try EffectiveSettings.resolve(file: file, environment: environment, flags: .init(bot: "FlagBot"))
        #expect(effective.apiKey == "env-key")
        #expect(effective.apiBase == "http://env")
        #expect(effective.uploadURL == EffectiveSettings.defaultUploadURL)
        #expect(effective.bot == "FlagBot")
        #expect(effective.referer == "https://file")
        #expect(effective.downloadsFolder.path == "/home/u/Downloads")

        let fromFile = try EffectiveSettings.resolve(file: file, environment: ["HOME": "/home/u"])
        #expect(fromFile.apiKey == "file-key")
        #expect(fromFile.apiBase == "http://file")
        #expect(fromFile.bot == "FileBot")
    }

    @Test func keyCommandRunsOnlyWithoutAnEnvironmentKey() throws {
        var file = Settings()
        file.apiKey = .shellCommand("printf 'from-command\\nsecond line\\n'")
        #expect(try EffectiveSettings.resolve(file: file, environment: [:]).apiKey == "from-command")
        file.apiKey = .command(["/bin/echo", "argv-key"])
        #expect(try EffectiveSettings.resolve(file: file, environment: [:]).apiKey == "argv-key")
        file.apiKey = .shellCommand("exit 3")
        #expect(throws: SettingsError.keyCommandFailed(command: "exit 3", reason: "it exited with status 3")) {
            try EffectiveSettings.resolve(file: file, environment: [:])
        }
        // With POE_API_KEY set, the failing command is never run.
        #expect(try EffectiveSettings.resolve(file: file, environment: ["POE_API_KEY": "env"]).apiKey == "env")
    }

    @Test func downloadsFolderExpandsHome() throws {
        var file = Settings()
        file.downloadsFolder = "~/poe"
        #expect(try EffectiveSettings.resolve(file: file, environment: ["HOME": "/home/u"]).downloadsFolder.path == "/home/u/poe")
        #expect(try EffectiveSettings.resolve(file: Settings(), environment: ["HOME": "/h", "XDG_DOWNLOAD_DIR": "/dl"]).downloadsFolder.path == "/dl")
    }
}
