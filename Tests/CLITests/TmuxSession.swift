import Foundation
import Testing
import TmuxTesting

/// A program running in a private tmux server, driven as a person would: keys in, screen out.
/// Waits poll the screen with generous timeouts, sleeping with `Task.sleep` so no cooperative
/// thread is held (the emulator of another test may need it); a failed wait records the screen.
final class TmuxSession {
    let socket = "poe-\(UUID().uuidString.prefix(8))"

    init(width: Int = 100, height: Int = 30, command: String, environment: [String: String]) throws {
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) \(command); echo EXITED $?; sleep 600"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs a tmux command. Through `ChildProcess`, not `Process`: a tmux server that inherits a
    /// test thread's blocked signals ignores `kill-server` and outlives the test.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = try ChildProcess.run("/usr/bin/tmux", ["-L", socket] + arguments,
                                 environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"], outputPath: output)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? "" }

    /// Types text literally (no key names), then optionally presses named keys.
    func type(_ text: String, then keys: String...) throws {
        if !text.isEmpty { try tmux(["send-keys", "-t", "main", "-l", text]) }
        for key in keys { try tmux(["send-keys", "-t", "main", key]) }
    }

    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", "main", key]) }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen satisfies `condition`; records the screen when it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen()) { return true }
            try? await Task.sleep(for: .milliseconds(30))
        }
        let last = screen()
        if condition(last) { return true }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 20, sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        await waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }
}
