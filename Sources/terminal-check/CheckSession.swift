import CursesTerminal
import Dispatch
import Synchronization
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Ticks counted by the background waker: written on a Dispatch queue, read by the loop.
let tickCount = Atomic<Int>(0)

/// Runs terminal-check: start the terminal, draw, log events, stop on Ctrl-Q or a signal.
final class CheckSession {
    private let terminal = Terminal()
    private var log: [String] = []
    private let dumpPath = getenv("TERMINAL_CHECK_DUMP").map { String(cString: $0) }
    private let crashOnControlX = getenv("TERMINAL_CHECK_CRASHABLE") != nil

    /// The exit status: 0 after Ctrl-Q, 128 + signal after SIGTERM/SIGHUP/SIGINT, 1 on errors.
    func run() -> Int32 {
        do {
            try terminal.start()
        } catch {
            report("terminal-check: \(error)\n")
            return 1
        }
        startTicker()
        draw()
        while true {
            let events: [TerminalEvent]
            do {
                events = try terminal.nextEvents()
            } catch {
                terminal.stop()
                if case .terminated = error { return error.exitStatus }
                report("terminal-check: \(error)\n")
                return 1
            }
            for event in events {
                if event == .key(.control("q")) {
                    terminal.stop()
                    return 0
                }
                if event == .key(.control("x")), crashOnControlX {
                    fatalError("terminal-check: crash requested with Ctrl-X")
                }
                log.append(EventText.describe(event))
            }
            if log.count > CheckScreen.logLines { log.removeFirst(log.count - CheckScreen.logLines) }
            draw()
        }
    }

    private func draw() {
        let (width, height) = terminal.size
        let info = CheckScreen.Info(
            term: getenv("TERM").map { String(cString: $0) } ?? "",
            colorCount: terminal.colorCount,
            pid: Int(getpid()),
            ticks: tickCount.load(ordering: .relaxed),
            log: log
        )
        let screen = CheckScreen.render(width: width, height: height, info: info)
        terminal.present(screen)
        if let dumpPath { dump(screen.text, to: dumpPath) }
    }

    /// With TERMINAL_CHECK_TICK set, wakes the loop from another thread: proof that `wake()`
    /// gets a blocked `nextEvents` to return.
    private func startTicker() {
        guard let value = getenv("TERMINAL_CHECK_TICK"), let milliseconds = Int(String(cString: value)), milliseconds > 0 else { return }
        let waker = terminal.waker
        @Sendable func tick() {
            tickCount.add(1, ordering: .relaxed)
            waker.wake()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds), execute: tick)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds), execute: tick)
    }

    /// Writes to a temporary file and renames it, so a reader never sees half a frame.
    private func dump(_ text: String, to path: String) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        rename(temporary, path)
    }

    private func report(_ message: String) {
        var bytes = Array(message.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
