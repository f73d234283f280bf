import Foundation
import Testing

@testable import poe_tui

@Suite("Opener: the user's program gets the path as one argument, detached")
struct OpenerTests {
    @Test func openerWordsThenThePath() throws {
        let bin = try ScriptFolder()
        let viewer = try bin.script("viewer", "exit 0")
        let opener = Opener(environment: ["PATH": bin.path, "OPENER": "viewer --new-window  -q"])
        #expect(try opener.command(for: "/d/cat (1).png") == [viewer, "--new-window", "-q", "/d/cat (1).png"])
        // An absolute OPENER needs no PATH; a relative file becomes absolute (never an option).
        let absolute = Opener(environment: ["PATH": "/nonexistent", "OPENER": viewer])
        #expect(try absolute.command(for: "-rf.png") == [viewer, FileManager.default.currentDirectoryPath + "/-rf.png"])
    }

    @Test func xdgOpenWithoutOpener() throws {
        let bin = try ScriptFolder()
        let xdgOpen = try bin.script(Opener.fallback, "exit 0")
        for environment in [["PATH": "/nonexistent:" + bin.path], ["PATH": bin.path, "OPENER": "  "]] {
            #expect(try Opener(environment: environment).command(for: "/x.png") == [xdgOpen, "/x.png"])
        }
    }

    @Test func neitherProgramIsAClearError() throws {
        let bin = try ScriptFolder()
        _ = try bin.file("xdg-open", "not executable")
        #expect(throws: OpenerFailure(description: "no program to open files with: install \(Opener.fallback) (xdg-utils) or set OPENER")) {
            try Opener(environment: ["PATH": bin.path]).command(for: "/x.png")
        }
        #expect(throws: OpenerFailure(description: "OPENER is \"nosuchviewer -x\", but nosuchviewer is not a program on PATH")) {
            try Opener(environment: ["PATH": bin.path, "OPENER": "nosuchviewer -x"]).command(for: "/x.png")
        }
        let error = OpenerFailure(description: "OPENER is \"\(bin.path)/xdg-open\", but \(bin.path)/xdg-open is not a program on PATH")
        #expect(throws: error) { try Opener(environment: ["OPENER": bin.path + "/xdg-open"]).open("/x.png") }
    }

    @Test func thePathArrivesAsOneArgumentExactly() async throws {
        let bin = try ScriptFolder()
        let record = bin.path + "/argv"
        // NUL-separated, so even a newline in a name would show. Run through `sh`: a script just
        // written cannot be executed while a child of another test still holds it open
        // (ETXTBSY), but it can be read.
        let recorder = try bin.script("recorder", #"printf '%s\0' "$@" > "$RECORD.tmp"; mv "$RECORD.tmp" "$RECORD"; exit 3"#)
        let hostile = bin.path + "/it's \"a\" $(touch pwned); `id` & name\nwith a newline.png"
        let exit = ExitLog()
        try Opener(environment: ["PATH": bin.path + ":/usr/bin:/bin", "OPENER": "sh \(recorder) --flag", "RECORD": record])
            .open(hostile) { exit.record($0) }
        #expect(await eventually { FileManager.default.fileExists(atPath: record) })
        let arguments = try #require(FileManager.default.contents(atPath: record)).split(separator: 0, omittingEmptySubsequences: false)
        #expect(arguments.map { String(decoding: $0, as: UTF8.self) } == ["--flag", hostile, ""])
        #expect(!FileManager.default.fileExists(atPath: bin.path + "/pwned"))
        #expect(await eventually { exit.status == 3 })
    }

    @Test func theProgramRunsInASessionOfItsOwnWithQuietOutput() async throws {
        let bin = try ScriptFolder()
        let record = bin.path + "/state"
        // Field 6 of /proc/PID/stat is the session id; fd 1 must be /dev/null.
        let probe = try bin.script("probe", #"""
            session=$(cut -d' ' -f6 /proc/$$/stat); input=$(readlink /proc/$$/fd/0); output=$(readlink /proc/$$/fd/1)
            printf '%s\n' "$session" "$input" "$output" > "$RECORD.tmp"; mv "$RECORD.tmp" "$RECORD"
            """#)
        let pid = try Opener(environment: ["PATH": bin.path + ":/usr/bin:/bin", "OPENER": "sh \(probe)", "RECORD": record]).open("/x.png")
        #expect(await eventually { FileManager.default.fileExists(atPath: record) })
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == ["\(pid)", "/dev/null", "/dev/null"])
        #expect(Int32(lines.first ?? "") != getsid(0))
    }
}

/// Exit statuses reported by `Opener.open`.
final class ExitLog: Sendable {
    private let value = Mutex<Int32?>(nil)
    func record(_ status: Int32) { value.withLock { $0 = status } }
    var status: Int32? { value.withLock { $0 } }
}

/// A temporary folder of small programs, removed when the test ends.
final class ScriptFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("poe-opener-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// An executable `/bin/sh` script; returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let file = try self.file(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        return file
    }

    func file(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Polls `condition` until it holds or `timeout` passes; tests wait on state, never on sleeps.
func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

import Synchronization
