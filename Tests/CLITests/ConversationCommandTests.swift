import Foundation
import PoeEmulator
import Testing

@Suite("poe-tui ask saves; list, search, export, rm, restore")
struct ConversationCommandTests {
    /// One isolated home for a sequence of commands.
    private struct Home {
        let environment = CommandRunner.environment()

        func run(_ arguments: [String], stdin: String? = nil, extra: [String: String] = [:]) async throws -> CommandRunner.Result {
            try await CommandRunner.run(arguments, stdin: stdin, environment: environment.merging(extra) { _, new in new })
        }

        func conversations() async throws -> [[String: Any]] {
            let listed = try await run(["list", "--json", "--all"])
            #expect(listed.status == 0, "\(listed.stderr)")
            return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        }

        func exported(_ id: String) async throws -> [String: Any] {
            let result = try await run(["export", id, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        }
    }

    private func conversationID(in stderr: String) -> String? {
        stderr.split(separator: "\n").first { $0.hasPrefix("conversation: ") }.map { String($0.dropFirst("conversation: ".count)) }
    }

    @Test func askSavesTheExchangeAndNamesIt() async throws {
        let home = Home()
        let result = try await home.run(["ask", "--demo", "--param", "thinking_budget=5", "Remember the milk\nand the eggs"])
        #expect(result.status == 0)
        let id = try #require(conversationID(in: result.stderr))
        let listed = try await home.conversations()
        #expect(listed.count == 1)
        #expect(listed.first?["id"] as? String == id)
        #expect(listed.first?["title"] as? String == "Remember the milk")
        #expect(listed.first?["message_count"] as? Int == 2)

        let stored = try await home.exported(id)
        let messages = try #require(stored["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user", "bot"])
        #expect(messages[1]["status"] as? String == "complete")
        #expect(messages[1]["content"] as? String == "Remember the milk\nand the eggs\nparameters: {\"thinking_budget\": 5}")
        #expect((messages[0]["parameters"] as? [String: Any])?["thinking_budget"] as? Int == 5)
    }

    @Test func noSaveSavesNothing() async throws {
        let home = Home()
        let result = try await home.run(["ask", "--demo", "--no-save", "private"])
        #expect(result.status == 0)
        #expect(conversationID(in: result.stderr) == nil)
        #expect(try await home.conversations().isEmpty)
    }

    @Test func continuingSendsTheHistory() async throws {
        let emulator = PoeEmulator()
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let home = Home()
        let server = ["POE_API_KEY": "k-history-test", "POE_API_BASE": emulator.baseURL]
        let first = try await home.run(["ask", "--bot", "Echo", "first question"], extra: server)
        let id = try #require(conversationID(in: first.stderr))
        let second = try await home.run(["ask", "--conversation", id, "second question"], extra: server)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(conversationID(in: second.stderr) == id)

        let last = try #require(await emulator.recordedRequests().last { $0.path.hasPrefix("/bot/") })
        #expect(last.path == "/bot/Echo")  // the conversation's bot, without --bot
        let body = try #require(try JSONSerialization.jsonObject(with: last.body) as? [String: Any])
        let query = try #require(body["query"] as? [[String: Any]])
        #expect(query.map { $0["role"] as? String } == ["user", "bot", "user"])
        #expect(query.map { $0["content"] as? String } == ["first question", "first question", "second question"])
        #expect((try await home.exported(id)["messages"] as? [Any])?.count == 4)
    }

    @Test func failuresAndInterruptionsAreKept() async throws {
        let home = Home()
        let failed = try await home.run(["ask", "--demo", "--bot", "Fail", "--param", "words=2", "doomed"])
        #expect(failed.status == 7)
        let id = try #require(conversationID(in: failed.stderr))
        let messages = try #require(try await home.exported(id)["messages"] as? [[String: Any]])
        #expect(messages.last?["status"] as? String == "error")
        #expect(messages.last?["content"] as? String == "word1 word2 ")
        #expect((messages.last?["error"] as? [String: Any])?["text"] as? String == "Simulated failure")

        // Ctrl-C mid-stream: the partial reply is saved, marked cancelled.
        let environment = home.environment
        let (status, stderr) = try await CommandRunner.onOwnThread { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = CommandRunner.binary
            process.arguments = ["ask", "--demo", "--stream", "--bot", "Stream", "--param", "words=100000", "--param", "interval_ms=20", "go"]
            process.environment = environment
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            _ = output.fileHandleForReading.availableData
            process.interrupt()
            _ = output.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stderr)
        }
        #expect(status == 130)
        let cancelledID = try #require(conversationID(in: stderr), "\(stderr)")
        let cancelled = try #require(try await home.exported(cancelledID)["messages"] as? [[String: Any]])
        #expect(cancelled.last?["status"] as? String == "cancelled")
        #expect((cancelled.last?["content"] as? String)?.hasPrefix("word1 ") == true)
    }

    @Test func searchExportRemoveRestore() async throws {
        let home = Home()
        let first = try await home.run(["ask", "--demo", "Where is the Ångström unit used?"])
        let id = try #require(conversationID(in: first.stderr))
        _ = try await home.run(["ask", "--demo", "Something else entirely"])

        let search = try await home.run(["search", "--json", "ångström"])
        #expect(search.status == 0)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0["conversation_id"] as? String == id })

        let markdown = try await home.run(["export", id])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("Where is the Ångström unit used?"))
        #expect(markdown.stdout.contains("Echo"))

        #expect(try await home.run(["rm", id]).status == 0)
        #expect(try await home.conversations().count == 1)
        let gone = try await home.run(["export", id])
        #expect(gone.status == 2)
        #expect(!gone.stderr.isEmpty)
        #expect(try await home.run(["restore", id]).status == 0)
        #expect(try await home.conversations().count == 2)

        for bad in [["export", "../../etc/passwd"], ["rm", "no-such-id"], ["ask", "--demo", "--conversation", "nope", "x"]] {
            let result = try await home.run(bad)
            #expect(result.status == 2, "\(bad): \(result.stderr)")
            #expect(result.stderr.hasPrefix("poe-tui: "), "\(bad): \(result.stderr)")
        }
    }
}
