import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// terminal-check in tmux, as a user's terminal would run it, under a 256-colour terminal type
/// and under plain `xterm` (8 colours, other key and mouse sequences).
@Suite struct TerminalCheckTests {
    static let terms = ["tmux-256color", "xterm"]

    /// The event log's lines, oldest first.
    static func log(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(12).prefix(10)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test(arguments: terms)
    func patternRendersWithTheBoxAligned(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        let screen = try await session.waitFor("the header") { $0.contains("terminal-check  TERM=\(term)") }
        #expect(screen.contains(term == "xterm" ? "colours 8 " : "colours 256 "))
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let box = rows[4...6]
        #expect(box.map { $0.contains("日本語 🙂") ? 1 : 0 }.reduce(0, +) == 1, "\(screen)")
        let rightEdges = box.map { displayWidth($0) }
        #expect(rightEdges == [21, 21, 21], "box edges at columns \(rightEdges):\n\(screen)")
        try await session.waitForPresentedFrame()
    }

    /// What tmux records of each cell's look (`capture-pane -e`), not only the text.
    @Test(arguments: terms)
    func attributesAndColoursReachTheTerminal(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitForPresentedFrame()
        let rows = try session.tmux(["capture-pane", "-p", "-e"]).split(separator: "\n").map(String.init)
        let sgr = #"(?:\x1B\[[0-9;]*m)*"#
        func shows(_ row: String?, _ pattern: String) -> Bool {
            row?.range(of: pattern, options: .regularExpression) != nil
        }
        let styles = rows.first { $0.hasPrefix("style") }
        for (name, code) in [("bold", 1), ("dim", 2), ("italic", 3), ("underline", 4), ("reverse", 7)] {
            #expect(shows(styles, #"\x1B\[\#(code)m"# + sgr + #"\x1B\[34m"# + sgr + name), "\(name) in \(styles ?? "no row")")
        }
        #expect(shows(styles, #"reverse\x1B\[0m"#), "the style ends after the word: \(styles ?? "no row")")
        let swatches = rows.first { $0.hasPrefix("colour") }
        #expect(shows(swatches, #"\x1B\[41m  \x1B\[42m  "#), "\(swatches ?? "no row")")
        let cube = rows.first { $0.hasPrefix("256") }
        // 196 is red on the 256-colour cube; an 8-colour terminal gets the nearest basic red.
        #expect(shows(cube, term == "xterm" ? #"\x1B\[41m \x1B"# : #"\x1B\[48;5;196m \x1B"#), "\(cube ?? "no row")")
        #expect(rows.first?.hasPrefix("\u{1B}[7m terminal-check") == true, "the header is reversed: \(rows.first ?? "")")
    }

    @Test(arguments: terms)
    func keysAndPastesArriveAsEvents(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitFor("the header") { $0.contains("terminal-check") }
        try session.sendKeys("a", "C-b", "M-Enter", "F1", "M-Up", "C-Left", "BSpace")
        try await session.waitFor("the keys") {
            Self.log($0) == ["key a", "key ctrl-b", "key alt-enter", "key f1", "key alt-up", "key ctrl-left", "key backspace"]
        }
        try session.sendLiteral("\u{1B}[200~one\rtwo\u{1B}[201~")
        try session.paste("x\ny 日")
        try await session.waitFor("the pastes") {
            Self.log($0).suffix(2) == [#"paste "one\ntwo""#, #"paste "x\ny 日""#]
        }
        try session.sendKeys("Escape")
        try await session.waitFor("esc") { Self.log($0).last == "key esc" }
    }

    @Test(arguments: terms)
    func mouseWheelAndPressArrive(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitFor("mouse reporting") { _ in (try? session.display("#{mouse_standard_flag}")) == "1" }
        // What tmux would send for the wheel and a click at column 6, row 4 (1-based), in the
        // encoding the program's terminfo asked for: X10 for tmux-256color, SGR for xterm.
        if term == "xterm" {
            try session.sendLiteral("\u{1B}[<64;6;4M\u{1B}[<65;6;4M\u{1B}[<0;6;4M\u{1B}[<0;6;4m")
        } else {
            try session.sendLiteral("\u{1B}[M`&$\u{1B}[Ma&$\u{1B}[M &$\u{1B}[M#&$")
        }
        try await session.waitFor("mouse events") {
            Self.log($0) == ["mouse wheel-up 5,3", "mouse wheel-down 5,3", "mouse press 5,3"]
        }
    }

    @Test(arguments: terms)
    func resizeIsReportedAndRedrawnWithoutGarbage(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitFor("the header") { $0.contains("terminal-check") }
        try session.tmux(["resize-window", "-x", "100", "-y", "30"])
        try await session.waitFor("the resize to 100x30") { $0.contains("resize 100x30") && $0.contains(" 100x30  pid") }
        try await session.waitForPresentedFrame()
        try session.tmux(["resize-window", "-x", "50", "-y", "20"])
        try await session.waitFor("the resize to 50x20") { $0.contains("resize 50x20") }
        try await session.waitForPresentedFrame()
    }

    @Test(arguments: terms)
    func ctrlQGivesTheTerminalBack(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitFor("the header") { $0.contains("terminal-check") }
        #expect(try session.display("#{alternate_on}") == "1")
        try session.sendKeys("C-q")
        let screen = try await session.waitFor("the shell") { $0.contains("AFTER rc=0") }
        #expect(screen.hasPrefix("BEFORE\nTTY-SAME\nAFTER rc=0"), "\(screen)")
        #expect(try session.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_sgr_flag} #{keypad_cursor_flag}") == "0 1 0000 0")
        try session.paste("hello\n")
        try await session.waitFor("a plain paste") { $0.contains("PASTE-PLAIN[hello]") }
    }

    @Test(arguments: terms)
    func sigtermGivesTheTerminalBack(term: String) async throws {
        let session = try TmuxSession(term: term)
        defer { session.kill() }
        try await session.waitFor("the header") { $0.contains("terminal-check") }
        #expect(Glibc.kill(try session.programID(), SIGTERM) == 0)
        let screen = try await session.waitFor("the shell") { $0.contains("AFTER rc=143") }
        #expect(screen.hasPrefix("BEFORE\nTTY-SAME\nAFTER rc=143"), "\(screen)")
        #expect(try session.display("#{alternate_on} #{cursor_flag} #{mouse_standard_flag}") == "0 1 0")
    }

    @Test func aCrashGivesTheTerminalBack() async throws {
        // The backtracer would spend seconds symbolicating; the restore happens before it runs.
        let session = try TmuxSession(term: "tmux-256color", environment: ["TERMINAL_CHECK_CRASHABLE": "1", "SWIFT_BACKTRACE": "enable=no"])
        defer { session.kill() }
        try await session.waitFor("the header") { $0.contains("terminal-check") }
        try session.sendKeys("C-x")
        let screen = try await session.waitFor("the shell") { $0.contains("AFTER rc=") }
        #expect(screen.contains("TTY-SAME"), "\(screen)")
        #expect(screen.contains("AFTER rc=132"), "SIGILL from fatalError:\n\(screen)")
        #expect(try session.display("#{alternate_on} #{cursor_flag} #{mouse_standard_flag}") == "0 1 0")
        try session.paste("after crash\n")
        try await session.waitFor("a plain paste") { $0.contains("PASTE-PLAIN[after crash]") }
    }

    @Test func wakeFromAnotherThreadRedraws() async throws {
        let session = try TmuxSession(term: "tmux-256color", environment: ["TERMINAL_CHECK_TICK": "30"])
        defer { session.kill() }
        try await session.waitFor("three ticks drawn without input") { screen in
            guard let range = screen.range(of: #"ticks \d+"#, options: .regularExpression) else { return false }
            return (Int(screen[range].dropFirst(6)) ?? 0) >= 3
        }
    }

    @Test func idleLoopUsesNoCPU() async throws {
        let session = try TmuxSession(term: "tmux-256color")
        defer { session.kill() }
        try await session.waitForPresentedFrame()
        let pid = try session.programID()
        let before = try Self.cpuTicks(pid)
        try await Task.sleep(for: .seconds(1.5))
        let used = try Self.cpuTicks(pid) - before
        #expect(used <= 2, "terminal-check used \(used) ticks (10 ms each) in 1.5 s idle")
    }

    /// User plus system time of a process, in clock ticks (utime and stime in /proc/pid/stat).
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        return Int(fields[11])! + Int(fields[12])!
    }
}
