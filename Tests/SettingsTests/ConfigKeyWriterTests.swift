import Foundation
import Testing
@testable import Settings

/// Saving the key from the first-run screen: only the api_key line changes, and the file stays
/// private and readable by the strict reader.
@Suite("Saving the API key in config.toml")
struct ConfigKeyWriterTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poe-config-\(UUID().uuidString)")

    func edited(_ text: String?, _ key: String = "sk-new-key") throws -> String {
        try ConfigKeyWriter.edited(text, key: key, file: "config.toml")
    }

    /// The key the strict reader finds in `text`.
    func readKey(_ text: String) throws -> Settings.KeySource? {
        try SettingsFile.parse(text, file: "config.toml").0.apiKey
    }

    @Test func aNewFileHoldsJustTheKey() throws {
        #expect(try edited(nil) == "api_key = \"sk-new-key\"\n")
        #expect(try edited("") == "api_key = \"sk-new-key\"\n")
    }

    @Test func commentsTablesAndLayoutStayByteForByte() throws {
        let head = #"""
            # My poe-tui settings
            # (hand-written; keep this comment)

            default_bot = "GPT-5"   # the usual one
            favourite_bots = [
              "GPT-5",  # [not a table]
              "Claude-Sonnet-4.5",
            ]
            theme = """
            [still a string]
            # not a comment"""

            """#
        let tail = #"""

            # Attribution
            [leaderboard]
            title = "mine"

            [keys]
            "ctrl-b" = "bot_picker"

            """#
        let original = head + tail
        let result = try edited(original)
        // The line goes right after the last top-level setting; nothing else moves.
        #expect(result == head + "api_key = \"sk-new-key\"\n" + tail)
        #expect(try readKey(result) == .literal("sk-new-key"))
    }

    @Test func theKeyParsesWithTheStrictReaderAndOtherSettingsStay() throws {
        let original = """
            # settings
            default_bot = "GPT-5"
            favourite_bots = ["GPT-5"]

            [leaderboard]
            title = "mine"

            [keys]
            "ctrl-b" = "bot_picker"
            """
        let result = try edited(original)
        let (settings, _) = try SettingsFile.parse(result, file: "config.toml")
        let (before, _) = try SettingsFile.parse(original, file: "config.toml")
        #expect(settings.apiKey == .literal("sk-new-key"))
        var withoutKey = settings
        withoutKey.apiKey = nil
        #expect(withoutKey == before)
    }

    @Test func anExistingKeyLineIsReplacedKeepingItsCommentAndIndentation() throws {
        let original = "theme = \"light\"\n  api_key = \"old-key\"   # from poe.com\n\n[keys]\napi_key = \"a key name in a table\"\n"
        let result = try edited(original)
        #expect(result == "theme = \"light\"\n  api_key = \"sk-new-key\"   # from poe.com\n\n[keys]\napi_key = \"a key name in a table\"\n")
        #expect(try readKey(result) == .literal("sk-new-key"))
    }

    @Test func quotedKeyNamesAndLiteralStringsAreReplacedToo() throws {
        #expect(try edited("'api_key' = 'old'\n") == "api_key = \"sk-new-key\"\n")
        #expect(try edited("\"api_key\"=\"old\"") == "api_key = \"sk-new-key\"")
    }

    @Test func withNoTopLevelSettingTheKeyGoesAboveTheFirstTableAndItsComments() throws {
        let original = "# poe-tui\n\n# Attribution\n[leaderboard]\ntitle = \"mine\"\n"
        #expect(try edited(original) == "# poe-tui\n\napi_key = \"sk-new-key\"\n\n# Attribution\n[leaderboard]\ntitle = \"mine\"\n")
        #expect(try edited("[keys]\n\"ctrl-b\" = \"bot_picker\"\n") == "api_key = \"sk-new-key\"\n\n[keys]\n\"ctrl-b\" = \"bot_picker\"\n")
    }

    @Test func aFileOfCommentsGetsTheKeyAtTheEnd() throws {
        #expect(try edited("# nothing yet\n") == "# nothing yet\napi_key = \"sk-new-key\"\n")
        #expect(try edited("# no newline at the end") == "# no newline at the end\napi_key = \"sk-new-key\"\n")
    }

    @Test func windowsLineEndingsAreKept() throws {
        let result = try edited("theme = \"light\"\r\n[keys]\r\n")
        #expect(result == "theme = \"light\"\r\napi_key = \"sk-new-key\"\r\n[keys]\r\n")
        #expect(try readKey(result) == .literal("sk-new-key"))
    }

    @Test func quotesAndBackslashesAreEscaped() throws {
        let key = #"a"b\c'd"#
        let result = try edited(nil, key)
        #expect(result == #"api_key = "a\"b\\c'd""# + "\n")
        #expect(try readKey(result) == .literal(key))
    }

    @Test func unicodeKeysRoundTrip() throws {
        #expect(try readKey(try edited("", "clé-日本-🙂")) == .literal("clé-日本-🙂"))
    }

    @Test func blanksAroundThePastedKeyAreTrimmed() throws {
        #expect(try edited(nil, "  sk-pasted\n") == "api_key = \"sk-pasted\"\n")
    }

    @Test func emptyKeysAndControlCharactersAreRefusedWithoutShowingTheKey() throws {
        #expect(throws: ConfigKeyError.emptyKey) { try edited(nil, " \n\t") }
        #expect(throws: ConfigKeyError.controlCharacter(7)) { try edited(nil, "secret\u{07}key") }
        #expect(throws: ConfigKeyError.controlCharacter(0x1B)) { try edited(nil, "secret\u{1B}[2Jkey") }
        let message = ConfigKeyError.controlCharacter(7).description
        #expect(message.contains("U+0007") && !message.contains("secret"))
    }

    @Test func aFileWithAKeyCommandOrBrokenTOMLIsNotTouched() throws {
        #expect(throws: ConfigKeyError.self) { try edited("api_key_command = \"pass show poe\"\n") }
        #expect(throws: ConfigKeyError.self) { try edited("theme = \n") }
        // A dotted api_key would make the file contradict itself: refused, not written.
        #expect(throws: ConfigKeyError.self) { try edited("api_key.x = 1\n") }
    }

    @Test func savingCreatesPrivateFoldersAndAPrivateFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a/poe-tui/config.toml")
        try ConfigKeyWriter.save(key: "sk-saved", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "api_key = \"sk-saved\"\n")
        #expect(mode(of: file.path) == 0o600)
        #expect(mode(of: folder.appendingPathComponent("a/poe-tui").path) == 0o700)
        #expect(mode(of: folder.appendingPathComponent("a").path) == 0o700)
        // The strict reader takes it without a permissions warning.
        let (settings, warnings) = try SettingsFile.load(from: file)
        #expect(settings.apiKey == .literal("sk-saved"))
        #expect(warnings.isEmpty)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["config.toml"])
    }

    @Test func anOpenFileBecomesPrivateAndKeepsItsText() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try "# mine\ntheme = \"light\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try ConfigKeyWriter.save(key: "sk-saved", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\ntheme = \"light\"\napi_key = \"sk-saved\"\n")
        #expect(mode(of: file.path) == 0o600)
    }

    @Test func aSymbolicLinkIsFollowed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("dotfiles/config.toml")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "theme = \"light\"\n".write(to: real, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("config.toml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try ConfigKeyWriter.save(key: "sk-saved", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "theme = \"light\"\napi_key = \"sk-saved\"\n")
    }

    @Test func aFileThatIsNotUTF8IsLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        let bytes = Data([0x23, 0x20, 0xFF, 0xFE, 0x0A])
        try bytes.write(to: file)
        #expect(throws: ConfigKeyError.notUTF8(file: file.path)) { try ConfigKeyWriter.save(key: "sk", to: file) }
        #expect(try Data(contentsOf: file) == bytes)
    }

    private func mode(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
