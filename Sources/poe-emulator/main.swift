import ArgumentParser
import Dispatch
import Foundation
import PoeEmulator

/// `poe-emulator`: runs the Poe emulator on 127.0.0.1 until SIGINT or SIGTERM.
///
/// The first line of stdout is the base URL, flushed at once, so a script can start it with
/// `--port 0` and read where it listens.
struct PoeEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poe-emulator",
        abstract: "A local Poe API (bot protocol, uploads, models, usage) on 127.0.0.1.",
        discussion: "Prints its base URL (http://127.0.0.1:PORT) as the first line of stdout. "
            + "Bots: Echo, Stream, Markdown, Suggest, Replace, Artist, Fail, Slow; see docs/emulator.md."
    )

    @Option(help: "TCP port on 127.0.0.1 (0 picks a free one).")
    var port: UInt16 = 0

    @Option(help: "The only API key accepted (default: any non-empty key).")
    var key: String?

    @Option(name: .customLong("ping-seconds"), help: "Idle seconds before a ': ping' keep-alive (0 = none).")
    var pingSeconds: Double = 15

    @Option(name: .customLong("rate-limit"), help: "Requests per key per minute (0 = unlimited).")
    var rateLimit: Int = 500

    @Option(name: .customLong("balance"), help: "Starting point balance.")
    var balance: Int = 1_000_000

    func validate() throws {
        guard pingSeconds >= 0, pingSeconds.isFinite else { throw ValidationError("--ping-seconds must be >= 0") }
    }

    func run() async throws {
        var options = EmulatorOptions()
        options.port = port
        options.key = key
        options.pingInterval = .milliseconds(Int((pingSeconds * 1000).rounded()))
        options.rateLimitPerMinute = rateLimit
        options.startingBalance = balance

        let (stopSignals, sources) = Self.signals([SIGINT, SIGTERM])
        defer { sources.forEach { $0.cancel() } }
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        FileHandle.standardOutput.write(Data((emulator.baseURL + "\n").utf8))  // unbuffered

        for await _ in stopSignals { break }
        await emulator.stop()
    }

    /// Delivers the given signals as an async sequence instead of killing the process, so the
    /// emulator can close its socket and end streams before exiting with status 0.
    /// The caller keeps the returned sources alive for as long as it wants the signals.
    static func signals(_ numbers: [Int32]) -> (AsyncStream<Int32>, [any DispatchSourceSignal]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = numbers.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        return (stream, sources)
    }
}

// Parse and run explicitly: in top-level code `main()` resolves to ParsableCommand's
// synchronous overload, which cannot run an async command.
do {
    let command = try PoeEmulatorCommand.parse()
    try await command.run()
} catch {
    PoeEmulatorCommand.exit(withError: error)
}
