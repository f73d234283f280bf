import Foundation
import PoeEmulator
import Testing

/// `poe-tui` with no key anywhere, in tmux: the first-run screen asks for one and saves it, or
/// starts the demo, or quits, and writes nothing unless a key is saved.
@Suite("First run in tmux", .serialized)
struct FirstRunTests {
    /// A fresh home with private, empty XDG folders, and Poe's address pointing at `apiBase`.
    func environment(apiBase: String? = nil) -> (environment: [String: String], home: URL) {
        var environment = CommandRunner.environment()
        let home = URL(fileURLWithPath: environment["HOME"]!)
        for (variable, folder) in [("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")] {
            environment[variable] = home.appendingPathComponent(folder).path
        }
        if let apiBase { environment["POE_API_BASE"] = apiBase }
        environment["TERM"] = "tmux-256color"
        return (environment, home)
    }

    func start(_ environment: [String: String]) async throws -> TmuxSession {
        let session = try TmuxSession(command: "'\(CommandRunner.binary.path)'", environment: environment)
        await session.waitFor(text: "Welcome to poe-tui")
        await session.waitFor(text: "https://poe.com/api_key")
        return session
    }

    @Test func aKeyIsCheckedSavedPrivatelyAndUsed() async throws {
        let key = "first-run-key-0123456789abcdef"
        var options = EmulatorOptions()
        options.key = key
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let (environment, home) = self.environment(apiBase: emulator.baseURL)
        let config = home.appendingPathComponent("config/poe-tui/config.toml")
        let app = try await start(environment)

        // Nothing typed: refused on the screen.
        try app.press("Enter")
        await app.waitFor(text: "The key is empty")
        // A key Poe refuses is not saved.
        try app.type("wrong-key-000000000000000", then: "Enter")
        await app.waitFor(text: "Poe does not accept this key")
        #expect(!FileManager.default.fileExists(atPath: config.path))

        // The right key, pasted (bracketed paste, with the line break a copy brings along).
        try app.press("C-u")
        try app.tmux(["set-buffer", key + "\n"])
        try app.tmux(["paste-buffer", "-p", "-t", "main"])
        await app.waitFor("the masked key") { $0.contains("••••cdef") && $0.contains("\(key.count) characters") }
        #expect(!app.screen().contains(key), "the key is shown whole")
        try app.press("Enter")
        await app.waitFor(text: "Key saved in ~/config/poe-tui/config.toml")

        // The chat app runs with the saved key: the emulator answers only that key.
        try app.type("/bot Echo", then: "Enter")
        try app.type("hello after the first run", then: "Enter")
        await app.waitFor("Echo's reply") { $0.components(separatedBy: "hello after the first run").count >= 3 }
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")

        #expect(try String(contentsOf: config, encoding: .utf8) == "api_key = \"\(key)\"\n")
        #expect(mode(of: config.path) == 0o600)
        #expect(mode(of: config.deletingLastPathComponent().path) == 0o700)
        // The key never went to the log either.
        let log = home.appendingPathComponent("state/poe-tui/poe-tui.log")
        #expect(!((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains(key))

        // Next time, no first-run screen: the key is found in the file.
        let again = try TmuxSession(command: "'\(CommandRunner.binary.path)'", environment: environment)
        await again.waitFor(text: "hello after the first run")
        #expect(!again.screen().contains("Welcome to poe-tui"))
        try again.press("C-q")
        await again.waitFor(text: "EXITED 0")
    }

    @Test func aKeyThatCannotBeCheckedIsSavedOnlyOnASecondEnter() async throws {
        let (environment, home) = self.environment(apiBase: "http://127.0.0.1:9")  // nothing listens
        let config = home.appendingPathComponent("config/poe-tui/config.toml")
        let app = try await start(environment)
        try app.type("unchecked-key-0123456789", then: "Enter")
        await app.waitFor(text: "Could not check the key")
        #expect(!FileManager.default.fileExists(atPath: config.path))
        try app.press("Enter")
        await app.waitFor(text: "Key saved in")
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
        #expect(try String(contentsOf: config, encoding: .utf8) == "api_key = \"unchecked-key-0123456789\"\n")
    }

    @Test func ctrlDStartsTheDemoAndWritesNothing() async throws {
        let (environment, home) = self.environment()
        let app = try await start(environment)
        try app.type("half a key")
        try app.press("C-d")
        await app.waitFor(text: "Offline demo")
        try app.type("demo hello", then: "Enter")
        await app.waitFor("Echo's reply") { $0.components(separatedBy: "demo hello").count >= 3 }
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("config").path))
    }

    @Test func escQuitsChangingNothing() async throws {
        let (environment, home) = self.environment()
        let app = try await start(environment)
        try app.type("a key I changed my mind about")
        try app.press("Escape")
        await app.waitFor(text: "EXITED 0")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("config").path))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("data").path))
    }

    private func mode(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
