import ChatCore
import ChatStore
import CursesTerminal
import Foundation
import PoeAPI
import Settings
import TerminalUI

/// Starting the full-screen app: settings, keymap, theme, client and store, then the loop.
/// Everything that can fail with a message fails here, before the terminal is taken over.
enum FullScreen {
    static func run(connection: ConnectionOptions, theme themeName: String?) async throws -> Int32 {
        var connection = connection
        var notice: StatusMessage?
        let settings = try connection.settings(flags: .init(theme: themeName))
        let keyMap: KeyMap
        do {
            keyMap = try KeyMap.withOverrides(settings.keys)
        } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
        let theme = try loadTheme(settings.theme)
        if !connection.demo, settings.apiKey.isEmpty {
            if FirstRunScreen.isInteractive {
                // No key anywhere: the first-run screen asks for one, or starts the demo.
                let outcome: FirstRunOutcome
                do {
                    outcome = try await FirstRunScreen.run(configFile: connection.configFile, settings: settings, theme: theme)
                } catch {
                    throw CommandFailure(status: .usage, message: error.description)
                }
                switch outcome {
                case .saved: notice = StatusMessage("Key saved in \(FirstRunScreen.shortPath(connection.configFile.path)), readable only by you.")
                case .demo: connection.demo = true
                case .quit: return 0
                case .terminated(let signal): return 128 + signal
                }
            } else {
                connection.demo = true
                notice = StatusMessage("No API key: this is the offline demo. Set POE_API_KEY or api_key in config.toml for Poe.", .warning)
            }
        }
        let session = try await connection.connect(flags: .init(theme: themeName))
        var appSettings = session.settings
        if session.isDemo { appSettings.bot = "Echo" }  // the emulator's bots, not Poe's
        let store = try StoreAccess.open()
        let log = try DiagnosticsLog.open()
        defer { log.close() }
        let app: ChatApp
        do {
            app = try ChatApp(client: session.client, store: store, settings: appSettings, keyMap: keyMap,
                              theme: theme, notice: session.isDemo && notice == nil ? StatusMessage("Offline demo: bots Echo, Stream, Markdown, Suggest, Replace, Artist, Fail, Slow (/bot NAME).") : notice)
        } catch let error as TerminalError {
            log.close()
            throw CommandFailure(status: .usage, message: error.description)
        }
        let status = await app.run()
        await session.close()
        return status
    }

    /// The theme: a file path, or a name found in the config folder, then the installed
    /// share folder; `default` is compiled in.
    static func loadTheme(_ name: String) throws -> ThemeDefinition {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let searchPaths = [
            XDGDirectories().config.appendingPathComponent("themes"),
            executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/poe-tui/themes"),
        ]
        do {
            if name.hasSuffix(".json") || name.contains("/") {
                return try ThemeLoader.load(file: URL(fileURLWithPath: name), searchPaths: searchPaths)
            }
            return try ThemeLoader.load(name: name, searchPaths: searchPaths)
        } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
    }
}

/// While the screen is in use, stderr goes to `$XDG_STATE_HOME/poe-tui/poe-tui.log`, so
/// diagnostics never scribble over the interface.
struct DiagnosticsLog {
    private let savedStderr: Int32

    static func open() throws -> DiagnosticsLog {
        let folder = XDGDirectories().state
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent("poe-tui.log").path
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let saved = dup(STDERR_FILENO)
        if descriptor >= 0 {
            dup2(descriptor, STDERR_FILENO)
            Glibc.close(descriptor)
        }
        return DiagnosticsLog(savedStderr: saved)
    }

    func close() {
        guard savedStderr >= 0 else { return }
        dup2(savedStderr, STDERR_FILENO)
    }
}
