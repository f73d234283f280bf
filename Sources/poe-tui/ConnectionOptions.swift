import ArgumentParser
import Foundation
import PoeAPI
import PoeEmulator

/// Options every command that talks to Poe shares, and the client they produce.
struct ConnectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Use the built-in Poe emulator instead of Poe: no key, no network, no points.")
    var demo = false

    /// A client for the real service (from the environment), or for an in-process emulator.
    /// Keep the returned session alive for as long as the client is used.
    func connect() async throws -> ConnectionSession {
        guard demo else {
            let configuration = PoeConfiguration.fromEnvironment()
            guard !configuration.apiKey.isEmpty else {
                throw CommandFailure(status: .invalidKey, message: PoeError.missingKey.description)
            }
            return ConnectionSession(client: PoeClient(configuration: configuration), emulator: nil)
        }
        let emulator = PoeEmulator(options: EmulatorOptions())
        try await emulator.start()
        var configuration = PoeConfiguration.fromEnvironment()
        configuration.apiKey = "demo-key"
        configuration.apiBase = emulator.baseURL
        configuration.uploadURL = emulator.uploadURL
        return ConnectionSession(client: PoeClient(configuration: configuration), emulator: emulator)
    }
}

/// A client and, in demo mode, the emulator it talks to.
struct ConnectionSession {
    let client: PoeClient
    let emulator: PoeEmulator?

    var isDemo: Bool { emulator != nil }

    func close() async {
        await emulator?.stop()
    }
}
