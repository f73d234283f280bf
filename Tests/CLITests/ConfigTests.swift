import Foundation
import PoeEmulator
import Testing

@Suite("poe-tui with a config file")
struct ConfigTests {
    private func configFile(_ text: String, mode: Int = 0o600) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poe-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file
    }

    @Test func aBadConfigStopsWithFileLineAndSetting() async throws {
        let file = try configFile("theme = \"light\"\ndefualt_bot = \"Echo\"\n")
        let result = try await CommandRunner.run(["ask", "--demo", "--config", file.path, "hi"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):2: unknown setting 'defualt_bot' (did you mean 'default_bot'?)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func theConfigIsFoundInXDGConfigHome() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("poe-xdg-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("poe-tui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "default_bot = 7\n".write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let result = try await CommandRunner.run(["ask", "--demo", "hi"], environment: CommandRunner.environment(["XDG_CONFIG_HOME": home.path]))
        #expect(result.status == 2)
        #expect(result.stderr.contains("poe-tui/config.toml:1: 'default_bot' must be a string."), "\(result.stderr)")
    }

    @Test func keyBaseAndDefaultBotComeFromTheFile() async throws {
        var options = EmulatorOptions()
        options.key = "file-key-0123456789abcdef"
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let file = try configFile("""
        api_key = "file-key-0123456789abcdef"
        api_base = "\(emulator.baseURL)"
        default_bot = "Replace"
        [leaderboard]
        title = "from the config"
        """)
        let result = try await CommandRunner.run(["ask", "--config", file.path, "hi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Final answer.\n")
        let bot = try #require(await emulator.recordedRequests().first { $0.path.hasPrefix("/bot/") })
        #expect(bot.path == "/bot/Replace")
        #expect(bot.headers["x-title"] == "from the config")
    }

    @Test func keyCommandAndWorldReadableWarning() async throws {
        var options = EmulatorOptions()
        options.key = "command-key-0123456789abc"
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let file = try configFile("""
        api_key_command = "echo command-key-0123456789abc"
        api_base = "\(emulator.baseURL)"
        """)
        let ok = try await CommandRunner.run(["ask", "--config", file.path, "--bot", "Echo", "hi"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "hi\n")

        let readable = try configFile("api_key = \"command-key-0123456789abc\"\napi_base = \"\(emulator.baseURL)\"\n", mode: 0o644)
        let warned = try await CommandRunner.run(["ask", "--config", readable.path, "--bot", "Echo", "hi"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("chmod 600"))
        #expect(!warned.stderr.contains("command-key-0123456789abc"))
    }
}

@Suite("Generated documentation")
struct GeneratedDocsTests {
    @Test func keysDocMatchesTheKeymap() async throws {
        let result = try await CommandRunner.run(["keys"])
        #expect(result.status == 0)
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
        let committed = try String(contentsOf: docs, encoding: .utf8)
        #expect(result.stdout == committed, "docs/keys.md is stale: run `poe-tui keys > docs/keys.md`")
    }

    @Test func keyOverridesApplyAndBadOnesStop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try "[keys]\n\"ctrl-g\" = \"bot_picker\"\n".write(to: file, atomically: true, encoding: .utf8)
        let good = try await CommandRunner.run(["keys", "--config", file.path])
        #expect(good.stdout.contains("`ctrl-b`, `ctrl-g` | Choose the bot"))
        try "[keys]\n\"ctrl-g\" = \"fly\"\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try await CommandRunner.run(["keys", "--config", file.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'ctrl-g' = 'fly': no such action"))
    }
}
