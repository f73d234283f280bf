import Foundation
import Synchronization

/// Runs the built `poe-tui` binary as a user's shell would, capturing its output.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// The folder with the built products: the one holding this test bundle.
    static let productsFolder: URL = {
        if let override = ProcessInfo.processInfo.environment["POE_TUI_BIN"] { return URL(fileURLWithPath: override) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0])
        while url.pathComponents.count > 1, !FileManager.default.fileExists(atPath: url.appendingPathComponent("poe-tui").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var binary: URL { productsFolder.appendingPathComponent("poe-tui") }

    /// A clean environment: no key, and a fresh home folder, so caches, conversations and
    /// config of one test never meet another's (or the developer's).
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("poe-home-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs the command on a thread of its own: waiting for a child must not hold one of the
    /// two cooperative threads that an in-process emulator needs to answer that child.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = environment()) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result<CommandRunner.Result, any Error> {
                    try runBlocking(arguments, stdin: stdin, environment: environment)
                })
            }.start()
        }
    }

    /// Runs blocking work (waiting for a child, reading its pipe) on a thread of its own, so it
    /// never holds one of the cooperative threads other tests' emulators need.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], stdin: String?, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot stall the child.
        let errorData = Mutex(Data())
        let errorReader = Thread { errorData.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errorReader.isExecuting || !errorReader.isFinished { usleep(1000) }
        let stderrData = errorData.withLock { $0 }
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self), stdoutBytes: outputData)
    }
}
