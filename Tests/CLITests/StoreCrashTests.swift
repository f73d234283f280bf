import Foundation
import Testing

@Suite("Crash safety of the conversation store")
struct StoreCrashTests {
    /// Every conversation file parses (through the real CLI) and none was quarantined.
    private func assertStoreIntact(_ environment: [String: String], _ context: String) async throws -> [[String: Any]] {
        let listed = try await CommandRunner.run(["list", "--json", "--all"], environment: environment)
        #expect(listed.status == 0, "\(context): \(listed.stderr)")
        #expect(!listed.stderr.contains("corrupt"), "\(context): \(listed.stderr)")
        return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func killedWriterLeavesOnlyWholeFiles() async throws {
        let environment = CommandRunner.environment()
        let root = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent(".local/share/poe-tui")
        let writer = CommandRunner.productsFolder.appendingPathComponent("store-crash-writer")
        var acknowledged = 0
        var generator = SystemRandomNumberGenerator()
        for round in 1...200 {
            let target = Int.random(in: 0...5, using: &generator)
            let seen = try await CommandRunner.onOwnThread { () throws -> Int in
                let process = Process()
                process.executableURL = writer
                process.arguments = [root.path]
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                try process.run()
                // Let it save a random number of times (0 to 5 acknowledged saves), then kill it
                // wherever it is: mid-write, mid-rename, mid-fsync.
                var numbers: [Int] = []
                var buffer = Data()
                while numbers.count < target {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    buffer += chunk
                    numbers = String(decoding: buffer, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return numbers.last ?? 0
            }
            acknowledged = max(acknowledged, seen)

            // Everything parses; the conversation holds every acknowledged message, in order.
            let conversationsFolder = root.appendingPathComponent("conversations")
            // (Killed before its first save, the writer may not even have made the folder.)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: conversationsFolder.path)) ?? []
            for file in files where file.hasSuffix(".json") {
                let data = try Data(contentsOf: conversationsFolder.appendingPathComponent(file))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "round \(round): \(file) does not parse")
            }
            if round % 50 == 0 || round == 200 {
                let conversations = try await assertStoreIntact(environment, "round \(round)")
                let id = try #require(conversations.first?["id"] as? String)
                let exported = try await CommandRunner.run(["export", id, "--format", "json"], environment: environment)
                let stored = try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any]
                let contents = (stored?["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String }
                let numbers = contents.compactMap { Int($0.split(separator: " ").first?.dropFirst() ?? "") }
                #expect(numbers == Array((0..<numbers.count).map { $0 + 1 }), "round \(round): not a prefix")
                #expect(numbers.count >= acknowledged, "round \(round): lost acknowledged saves")
            }
        }
    }

    @Test func askKilledMidReplyLeavesAnInterruptedPartialReply() async throws {
        let environment = CommandRunner.environment()
        let root = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent(".local/share/poe-tui/conversations")
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["ask", "--demo", "--bot", "Stream", "--param", "words=100000", "--param", "interval_ms=5", "go"]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (polling the file, not the clock) until part of the reply is on disk, then kill.
        let deadline = Date().addingTimeInterval(30)
        var saved = false
        while !saved, Date() < deadline {
            if let file = try? FileManager.default.contentsOfDirectory(atPath: root.path).first(where: { $0.hasSuffix(".json") }),
               let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) {
                saved = text.contains("word1 word2")
            }
            if !saved { try await Task.sleep(for: .milliseconds(20)) }
        }
        kill(process.processIdentifier, SIGKILL)
        let pid = process.processIdentifier
        _ = try await CommandRunner.onOwnThread { process.waitUntilExit(); return pid }
        #expect(saved, "no partial reply reached the disk")

        let conversations = try await assertStoreIntact(environment, "after kill")
        let id = try #require(conversations.first?["id"] as? String)
        let exported = try await CommandRunner.run(["export", id, "--format", "json"], environment: environment)
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        let reply = try #require((stored["messages"] as? [[String: Any]])?.last)
        #expect(reply["status"] as? String == "interrupted")
        #expect((reply["content"] as? String)?.hasPrefix("word1 word2") == true)
    }
}

@Suite("Two processes on one store")
struct StoreSharingTests {
    @Test func twoWritersAtOnceLoseNothing() async throws {
        let environment = CommandRunner.environment()
        let root = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent(".local/share/poe-tui")
        // One conversation first, so both writers append to the same one.
        let created = try await CommandRunner.run(["ask", "--demo", "start"], environment: environment)
        #expect(created.status == 0)
        let writer = CommandRunner.productsFolder.appendingPathComponent("store-crash-writer")
        let processes = try ["left", "right"].map { label -> Process in
            let process = Process()
            process.executableURL = writer
            process.arguments = [root.path, label, "100"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        let finished = processes
        _ = try await CommandRunner.onOwnThread { for process in finished { process.waitUntilExit() }; return true }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let listed = try await CommandRunner.run(["list", "--json"], environment: environment)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        let exported = try await CommandRunner.run(["export", id, "--format", "json"], environment: environment)
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        let contents = Set((stored["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String })
        for label in ["left", "right"] {
            let missing = (1...100).filter { !contents.contains("\(label)-\($0)") }
            #expect(missing.isEmpty, "\(label) lost \(missing)")
        }
    }

    @Test func theKeyIsInNoFileWritten() async throws {
        let key = "never-write-me-0123456789abcdef"
        let emulator = PoeEmulator()
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let environment = CommandRunner.environment(["POE_API_KEY": key, "POE_API_BASE": emulator.baseURL,
                                                     "POE_UPLOAD_URL": emulator.uploadURL])
        let home = URL(fileURLWithPath: environment["HOME"]!)
        let attachment = home.appendingPathComponent("note.txt")
        try Data("attached".utf8).write(to: attachment)
        for arguments in [["ask", "--bot", "Echo", "--attach", attachment.path, "hi"], ["ask", "--bot", "Fail", "--param", "status=401", "x"],
                          ["bots"], ["balance"], ["list"]] {
            _ = try await CommandRunner.run(arguments, environment: environment)
        }
        let files = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
        #expect(files.contains { $0.hasSuffix("index.json") }, "nothing was saved: \(files)")
        for file in files {
            guard let data = FileManager.default.contents(atPath: home.appendingPathComponent(file).path) else { continue }
            #expect(data.range(of: Data(key.utf8)) == nil, "\(file) holds the key")
        }
    }
}

import PoeEmulator
