import ArgumentParser
import Foundation
import PoeAPI
import PoeEmulator
import Settings

/// Options every command that talks to Poe shares, and the client they produce.
struct ConnectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Use the built-in Poe emulator instead of Poe: no key, no network, no points.")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $XDG_CONFIG_HOME/poe-tui/config.toml).", valueName: "path"))
    var config: String?

    /// `--config`, else `$XDG_CONFIG_HOME/poe-tui/config.toml`.
    var configFile: URL {
        config.map { URL(fileURLWithPath: $0) } ?? XDGDirectories().config.appendingPathComponent("config.toml")
    }

    /// The settings in force: flags, then the environment, then the config file, then defaults.
    /// A bad config file stops here, with its file, line and setting named.
    func settings(flags: EffectiveSettings.Flags = .init()) throws -> EffectiveSettings {
        do {
            let (fileSettings, warnings) = try SettingsFile.load(from: configFile)
            for warning in warnings { StandardStreams.writeError("poe-tui: warning: \(warning)\n") }
            var environment = ProcessInfo.processInfo.environment
            if demo { environment["POE_API_KEY"] = "demo-key" }  // never run a key command for the demo
            return try EffectiveSettings.resolve(file: fileSettings, environment: environment, flags: flags)
        } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
    }

    /// A client for Poe as configured, or for an in-process emulator with `--demo`.
    /// Keep the returned session alive for as long as the client is used.
    func connect(flags: EffectiveSettings.Flags = .init()) async throws -> ConnectionSession {
        let settings = try settings(flags: flags)
        var configuration = PoeConfiguration(apiKey: settings.apiKey, apiBase: settings.apiBase, uploadURL: settings.uploadURL)
        configuration.referer = settings.referer
        configuration.title = settings.title
        configuration.maxUploadBytes = settings.uploadLimitBytes
        configuration.cacheDirectory = XDGDirectories().cache
        guard demo else {
            guard !settings.apiKey.isEmpty else {
                throw CommandFailure(status: .invalidKey, message: PoeError.missingKey.description)
            }
            return ConnectionSession(client: PoeClient(configuration: configuration), emulator: nil, settings: settings)
        }
        let emulator = PoeEmulator(options: EmulatorOptions())
        try await emulator.start()
        configuration.apiBase = emulator.baseURL
        configuration.uploadURL = emulator.uploadURL
        return ConnectionSession(client: PoeClient(configuration: configuration), emulator: emulator, settings: settings)
    }
}

/// A client and, in demo mode, the emulator it talks to.
struct ConnectionSession {
    let client: PoeClient
    let emulator: PoeEmulator?
    let settings: EffectiveSettings

    var isDemo: Bool { emulator != nil }

    func close() async {
        await emulator?.stop()
    }
}
