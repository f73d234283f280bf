import Foundation
import Synchronization
import Testing
import TmuxTesting

/// terminal-check running in a tmux server of its own, inside a small shell script that records
/// what the terminal looked like before and after: the test's view of a real terminal.
///
/// The script prints `BEFORE`, runs terminal-check, then prints `TTY-SAME` or `TTY-DIFF`
/// (`stty -g` before and after), `AFTER rc=<status>`, and reads one line to show whether a
/// paste still arrives bracketed (`PASTE-PLAIN[...]` or `PASTE-BRACKETED`).
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let counter = Atomic<Int>(0)

    let socket: String
    let dumpPath: String
    private let folder: URL

    /// The folder holding the built products: the test bundle's, or one above it.
    static let binary: URL? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while url.pathComponents.count > 1 {
            let candidate = url.appendingPathComponent("terminal-check")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    init(term: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        guard let binary = Self.binary else { throw Failure(description: "terminal-check not built next to the tests") }
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        socket = "ct-\(getpid())-\(number)"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        dumpPath = folder.appendingPathComponent("frame.txt").path
        var variables = environment
        variables["TERM"] = term
        variables["TERMINAL_CHECK_DUMP"] = dumpPath
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        let script = """
            printf 'BEFORE\\n'; before=$(stty -g); \(assignments) \(Self.quoted(binary.path)); status=$?; \
            after=$(stty -g); if [ "$before" = "$after" ]; then echo TTY-SAME; else echo TTY-DIFF; fi; \
            echo "AFTER rc=$status"; IFS= read -r line; \
            case "$line" in *"$(printf '\\033')"*) echo PASTE-BRACKETED;; *) echo "PASTE-PLAIN[$line]";; esac; \
            exec sleep 600
            """
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", script])
    }

    deinit {
        kill()
    }

    /// Stops the tmux server and everything in it.
    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a tmux command against this session's server; returns its output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = folder.appendingPathComponent("tmux-\(Self.counter.add(1, ordering: .relaxed).newValue).out").path
        let status = try ChildProcess.run(
            "/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + arguments,
            environment: ["LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "HOME": folder.path],
            outputPath: outputPath
        )
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputPath)
        guard status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// The pane's text, one line per row, trailing blanks trimmed by tmux.
    func screen() -> String {
        (try? tmux(["capture-pane", "-p"])) ?? ""
    }

    /// The lines of the last frame terminal-check presented, as `Screen.text` gives them.
    func presentedFrame() -> String? {
        try? String(contentsOfFile: dumpPath, encoding: .utf8)
    }

    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Sends characters as typed, escape sequences included.
    func sendLiteral(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Pastes through tmux's buffer: bracketed when the program asked for bracketed paste.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "test", text])
        try tmux(["paste-buffer", "-p", "-b", "test"])
    }

    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds; on timeout records the screen and throws.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let text = screen()
            if condition(text) { return text }
            if clock.now >= deadline {
                Issue.record("timed out waiting for \(what); the screen:\n\(text)", sourceLocation: sourceLocation)
                throw Failure(description: "timed out waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(40))
        }
    }

    /// Waits until the pane shows exactly the last frame terminal-check presented: nothing
    /// missing, nothing left over from earlier frames.
    func waitForPresentedFrame(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitFor("the pane to equal the presented frame", sourceLocation: sourceLocation) { text in
            guard let frame = presentedFrame() else { return false }
            return Self.lines(text) == Self.lines(frame)
        }
    }

    /// terminal-check's process id, from its header.
    func programID() throws -> Int32 {
        let header = screen().split(separator: "\n").first.map(String.init) ?? ""
        guard let range = header.range(of: #"pid (\d+)"#, options: .regularExpression),
              let pid = Int32(header[range].dropFirst(4)) else {
            throw Failure(description: "no pid in the header: \(header)")
        }
        return pid
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = String(line)
            while line.last == " " { line.removeLast() }
            return line
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Columns a line takes in the pane: enough of East Asian Wide and emoji for the test pattern.
func displayWidth(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return total + 2
        default:
            return total + 1
        }
    }
}
