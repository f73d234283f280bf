import Foundation
import PoeEmulator
import Testing

@Suite("poe-tui ask, end to end")
struct AskCommandTests {
    @Test func pipedStdoutGetsExactlyTheFinalReply() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Echo", "hello", "there"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "hello there\n")
    }

    @Test func promptFromStdin() async throws {
        let result = try await CommandRunner.run(["ask", "--demo"], stdin: "from standard input\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "from standard input\n")
    }

    @Test func replaceResponseLeavesOnlyTheFinalText() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Replace", "x"])
        #expect(result.stdout == "Final answer.\n")
    }

    @Test func streamFlagWritesDeltas() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--stream", "--bot", "Stream", "--param", "words=5", "--param", "interval_ms=0", "go"])
        #expect(result.status == 0)
        #expect(result.stdout == "word1 word2 word3 word4 word5 \n")
    }

    @Test func parametersAreSentAsJSONOrStrings() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Echo", "--param", "thinking_budget=1000",
                                            "--param", "aspect_ratio=9:16", "--param", "web_search=true", "p"])
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("parameters:") })
        #expect(line.contains("1000") && !line.contains("\"1000\""))
        #expect(line.contains("\"9:16\""))
        #expect(line.contains("true") && !line.contains("\"true\""))
    }

    @Test func jsonWritesOneObjectPerEvent() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--json", "--bot", "Suggest", "hi"])
        #expect(result.status == 0)
        let types = try result.stdout.split(separator: "\n").map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["type"] as? String ?? "?"
        }
        #expect(types.first == "meta")
        #expect(types.last == "done")
        #expect(types.filter { $0 == "suggested_reply" }.count == 3)
        #expect(types.contains("text"))
    }

    @Test func suggestionsAndFilesGoToStderr() async throws {
        let suggest = try await CommandRunner.run(["ask", "--demo", "--bot", "Suggest", "hi"])
        #expect(suggest.stderr.contains("Suggested replies:"))
        #expect(!suggest.stdout.contains("Suggested replies"))
        let artist = try await CommandRunner.run(["ask", "--demo", "--bot", "Artist", "draw"])
        #expect(artist.status == 0)
        #expect(artist.stderr.contains("File: artist.png (image/png) http://127.0.0.1:"))
    }

    @Test func exitCodesSayWhatHappened() async throws {
        let cases: [([String], Int32)] = [
            (["--bot", "Fail", "--param", "status=401"], 3),
            (["--bot", "Fail", "--param", "status=402"], 4),
            (["--bot", "Fail", "--param", "status=429", "--param", "retry_after=600"], 5),
            (["--bot", "Fail", "--param", "allow_retry=false"], 7),
            (["--bot", "Fail", "--param", "status=404"], 7),
            (["--bot", "NoSuchBot"], 7),
            (["--param", "novalue"], 2),
        ]
        for (arguments, expected) in cases {
            let result = try await CommandRunner.run(["ask", "--demo"] + arguments + ["question"])
            #expect(result.status == expected, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty, "\(arguments) said nothing on stderr")
        }
    }

    @Test func missingKeyAndNoNetworkAreReported() async throws {
        let noKey = try await CommandRunner.run(["ask", "hello"])
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("POE_API_KEY"))

        let noNetwork = try await CommandRunner.run(["ask", "hello"], environment: CommandRunner.environment([
            "POE_API_KEY": "some-key-123456789", "POE_API_BASE": "http://127.0.0.1:9",
        ]))
        #expect(noNetwork.status == 6, "\(noNetwork.stderr)")
        #expect(noNetwork.stderr.contains("Network error"))
    }

    @Test func partialReplyIsKeptOnError() async throws {
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Fail", "--param", "words=3", "x"])
        #expect(result.status == 7)
        #expect(result.stdout.hasPrefix("word1 word2 word3"))
        #expect(result.stderr.contains("Simulated failure"))
    }

    @Test func theKeyNeverAppearsInOutput() async throws {
        var options = EmulatorOptions()
        options.key = "right-key-abcdefghijklmnop"
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        for key in ["right-key-abcdefghijklmnop", "wrong-key-zyxwvutsrqponmlk"] {
            let environment = CommandRunner.environment(["POE_API_KEY": key, "POE_API_BASE": emulator.baseURL, "POE_UPLOAD_URL": emulator.uploadURL])
            for arguments in [["ask", "--bot", "Echo", "hi"], ["ask", "--json", "--bot", "Fail", "--param", "status=401", "hi"], ["balance"], ["bots", "--json"]] {
                let result = try await CommandRunner.run(arguments, environment: environment)
                #expect(!result.stdout.contains(key) && !result.stderr.contains(key), "\(arguments)")
            }
        }
    }

    @Test func botTextIsExactOnAPipe() async throws {
        let hostile = "title\u{1B}]0;pwned\u{07} and \u{1B}[31mred"
        let result = try await CommandRunner.run(["ask", "--demo", "--bot", "Echo"], stdin: hostile)
        #expect(result.stdout == hostile + "\n")
    }

    @Test func botTextIsInertOnATerminal() async throws {
        // `script` gives the command a pseudo-terminal, as a user's shell would.
        let hostile = "title\u{1B}]0;pwned\u{07} and \u{1B}[31mred\u{9B}"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).txt")
        try Data(hostile.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let command = "'\(CommandRunner.binary.path)' ask --demo --bot Echo < '\(file.path)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = CommandRunner.environment()
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains("title␛]0;pwned␇ and ␛[31mred\u{FFFD}"), "\(text.debugDescription)")
        #expect(!data.contains(0x07))
        #expect(!text.contains("\u{1B}]0;"))
    }

    @Test func interruptCancelsAndExits130() async throws {
        let environment = CommandRunner.environment()
        let (status, text) = try await CommandRunner.onOwnThread { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = CommandRunner.binary
            process.arguments = ["ask", "--demo", "--stream", "--bot", "Stream", "--param", "words=100000", "--param", "interval_ms=20", "go"]
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait for the reply to start, then press Ctrl-C.
            let firstBytes = output.fileHandleForReading.availableData
            process.interrupt()
            let rest = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: firstBytes + rest, as: UTF8.self))
        }
        #expect(status == 130)
        #expect(text.hasPrefix("word1 "))
    }

    @Test func botsAndBalanceInDemo() async throws {
        let bots = try await CommandRunner.run(["bots", "--demo"])
        #expect(bots.status == 0)
        for name in ["Echo", "Stream", "Markdown", "Suggest", "Replace", "Artist", "Fail", "Slow"] {
            #expect(bots.stdout.contains(name), "\(name) missing")
        }
        let json = try await CommandRunner.run(["bots", "--demo", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.count ?? 0 >= 8)
        let balance = try await CommandRunner.run(["balance", "--demo"])
        #expect(balance.status == 0)
        #expect(Int(balance.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
    }
}
