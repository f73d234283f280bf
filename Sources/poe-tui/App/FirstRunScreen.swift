import CursesTerminal
import Foundation
import PoeAPI
import Settings
import Synchronization
import TerminalUI

/// How the first-run screen ended.
enum FirstRunOutcome: Sendable, Equatable {
    /// The key is in the config file: start the app with it.
    case saved
    case demo
    case quit
    /// SIGTERM, SIGHUP or SIGINT arrived; exit with 128 + the signal.
    case terminated(Int32)
}

/// With no key anywhere, before the chat app: asks for the key and saves it in the config file,
/// or starts the demo, on the same terminal layer and theme as the app.
///
/// The loop owns the terminal on a thread of its own, as the chat app's loop does, and sleeps
/// in `poll()` until a key or the result of a key check arrives; nothing else runs meanwhile.
final class FirstRunScreen {
    private let terminal = Terminal()
    private let configFile: URL
    private let settings: EffectiveSettings
    private let theme: ThemeDefinition
    private let results = CheckResults()
    private var check: Task<Void, Never>?

    private init(configFile: URL, settings: EffectiveSettings, theme: ThemeDefinition) {
        self.configFile = configFile
        self.settings = settings
        self.theme = theme
    }

    /// Runs the screen until the user decides; the terminal is given back before it returns.
    static func run(configFile: URL, settings: EffectiveSettings, theme: ThemeDefinition) async throws(TerminalError) -> FirstRunOutcome {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<FirstRunOutcome, TerminalError>, Never>) in
            let thread = Thread {
                let screen = FirstRunScreen(configFile: configFile, settings: settings, theme: theme)
                continuation.resume(returning: screen.run())
            }
            thread.name = "poe-tui first run"
            thread.start()
        }
        return try result.get()
    }

    /// Whether the screen can be shown: a person at a terminal, not a pipe or a script.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    private func run() -> Result<FirstRunOutcome, TerminalError> {
        do {
            try terminal.start()
        } catch {
            return .failure(error)
        }
        defer {
            check?.cancel()
            terminal.stop()
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let theme = Theme(theme, colors: ColorMode(colorCount: terminal.colorCount, noColor: noColor))
        let size = terminal.size
        var state = FirstRunState(width: size.width, height: size.height, configPath: Self.shortPath(configFile.path))
        while true {
            terminal.present(FirstRunView(state: state, theme: theme).render())
            let events: [TerminalEvent]
            do {
                events = try terminal.nextEvents()
            } catch {
                if case .terminated(let signal) = error { return .success(.terminated(signal)) }
                return .failure(error)
            }
            var commands = events.compactMap { state.handle($0) }
            commands += results.take().compactMap { state.finishCheck($0.result, number: $0.number) }
            for command in commands {
                switch command {
                case .check(let key, let number):
                    startCheck(key, number: number)
                case .save(let key):
                    do {
                        try ConfigKeyWriter.save(key: key, to: configFile)
                        return .success(.saved)
                    } catch {
                        state.saveFailed(error.description)
                    }
                case .demo:
                    return .success(.demo)
                case .quit:
                    return .success(.quit)
                }
            }
        }
    }

    /// Asks Poe for the key's points balance: the cheapest request that needs a valid key and
    /// costs nothing. No retries, a short connect timeout: the person is waiting.
    private func startCheck(_ key: String, number: Int) {
        check?.cancel()
        var configuration = PoeConfiguration(apiKey: key, apiBase: settings.apiBase, uploadURL: settings.uploadURL)
        configuration.retryPolicy.maxRetries = 0
        configuration.connectTimeout = .seconds(10)
        let results = results, waker = terminal.waker
        check = Task {
            let result: FirstRunState.CheckResult
            do {
                result = .accepted(points: try await PoeClient(configuration: configuration).balance())
            } catch PoeError.invalidKey {
                result = .refused
            } catch PoeError.cancelled {
                return
            } catch {
                result = .inconclusive("\(error)")
            }
            results.post(result, number: number)
            waker.wake()
        }
    }

    /// `~/…` for a path in the home folder: shorter, and what people type.
    static func shortPath(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        guard !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}

/// Results of key checks, handed from the check's task to the loop's thread.
private final class CheckResults: Sendable {
    private let pending = Mutex<[(result: FirstRunState.CheckResult, number: Int)]>([])

    func post(_ result: FirstRunState.CheckResult, number: Int) {
        pending.withLock { $0.append((result, number)) }
    }

    func take() -> [(result: FirstRunState.CheckResult, number: Int)] {
        pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }
}
