import Foundation
import Testing

@testable import ChatStore

@Suite("Recovery: corrupt files, newer and older schemas, crashes")
struct RecoveryTests {
    /// A schema-1 file, as poe-tui wrote them before the store settled (see docs/store-format.md).
    static let schema1 = #"""
        {
          "schema": 1,
          "id": "20250101-120000-ab12",
          "title": "Old trip plans",
          "created": "2025-01-01T12:00:00Z",
          "updated": "2025-01-01T12:05:00Z",
          "model": "GPT-4o",
          "params": {"temperature": 0.5, "max_tokens": 200},
          "system": "You are terse.",
          "archived": false,
          "unread": 1,
          "messages": [
            {"id": "20250101-120000-00000001", "role": "user", "text": "Plan a trip to Kyoto 京都",
             "created": "2025-01-01T12:00:00Z",
             "attachments": [{"name": "map.png", "path": "/home/me/map.png", "url": null, "type": "image/png", "size": 2048}]},
            {"id": "20250101-120000-00000002", "role": "assistant", "model": "GPT-4o", "text": "Day 1: temples.",
             "created": "2025-01-01T12:00:01Z", "completed": "2025-01-01T12:00:09Z", "points": 42},
            {"id": "20250101-120000-00000003", "role": "assistant", "model": "Claude-3", "text": "Day 2: gard",
             "created": "2025-01-01T12:05:00Z", "partial": true}
          ]
        }
        """#

    @Test func schema1FileIsMigratedOnOpen() throws {
        let fixture = try StoreFixture()
        try fixture.write(Self.schema1, to: "conversations/20250101-120000-ab12.json")
        let store = try fixture.open()
        #expect(store.problems.isEmpty)
        #expect(store.list().map(\.title) == ["Old trip plans"])

        let conversation = try store.load("20250101-120000-ab12")
        #expect(conversation.bot == "GPT-4o")
        #expect(conversation.parameters == ["temperature": .double(0.5), "max_tokens": .int(200)])
        #expect(conversation.systemPrompt == "You are terse.")
        #expect(conversation.unread == 1)
        #expect(conversation.createdAt == StoreDate.parse("2025-01-01T12:00:00Z"))
        #expect(conversation.messages.map(\.role) == [.user, .bot, .bot])
        #expect(conversation.messages.map(\.status) == [.complete, .complete, .interrupted])
        #expect(conversation.messages.map(\.bot) == [nil, "GPT-4o", "Claude-3"])
        #expect(conversation.messages[0].content == "Plan a trip to Kyoto 京都")
        #expect(conversation.messages[0].attachments == [
            StoredAttachment(name: "map.png", localPath: "/home/me/map.png", contentType: "image/png", size: 2048)
        ])
        #expect(conversation.messages[1].pointsSpent == 42)
        #expect(conversation.messages[1].completedAt == StoreDate.parse("2025-01-01T12:00:09Z"))

        // Rewritten in schema 2, and read as such from now on.
        let file = try fixture.json("conversations/20250101-120000-ab12.json")
        #expect(file["schema"] == .int(2))
        #expect(file["bot"] == .string("GPT-4o"))
        #expect(file["model"] == nil)
        #expect(try fixture.open().load("20250101-120000-ab12") == conversation)
    }

    @Test func corruptFileIsMovedAsideReportedAndTheRestLoads() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let good = try store.create(bot: "Bot", title: "Good")
        let id = "20261126-212500-bad0"
        try fixture.write(#"{"schema": 2, "id": "x", "bot": "B", "createdAt": "#, to: "conversations/\(id).json")
        let typeID = "20261126-212500-bad1"
        try fixture.write(#"{"schema": 2, "id": "x", "bot": "B", "createdAt": "2026-11-26T21:25:00Z", "messages": 5}"#, to: "conversations/\(typeID).json")

        let reopened = try fixture.open()
        #expect(reopened.list().map(\.id) == [good.id])
        #expect(try reopened.load(good.id) == good)
        let reasons = Dictionary(uniqueKeysWithValues: reopened.problems.map { ($0.path, $0) })
        let broken = try #require(reasons[fixture.conversationPath(id)])
        #expect(broken.reason == "not valid JSON")
        guard case .quarantined(let movedTo) = broken.kind else {
            Issue.record("\(broken)")
            return
        }
        #expect(movedTo == fixture.conversationPath(id) + ".corrupt-20261126T212500Z")
        #expect(FileManager.default.fileExists(atPath: movedTo))
        #expect(!fixture.exists("conversations/\(id).json"))
        #expect(reasons[fixture.conversationPath(typeID)]?.reason == "messages is not a list")
        #expect(throws: ChatStoreError.notFound(id)) { try reopened.load(id) }
    }

    @Test func fileSpoiledWhileRunningIsMovedAsideOnLoad() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Bot")
        try fixture.write("not json", to: "conversations/\(conversation.id).json")
        let path = fixture.conversationPath(conversation.id)
        #expect(throws: ChatStoreError.corrupt(path: path, reason: "not valid JSON", movedTo: path + ".corrupt-20261126T212500Z")) {
            try store.load(conversation.id)
        }
        #expect(store.problems.count == 1)
    }

    @Test func newerSchemaIsReportedReadOnlyAndNeverOverwritten() async throws {
        let fixture = try StoreFixture()
        let id = "20261126-212500-0003"
        let newer = #"""
            {"schema": 3, "id": "20261126-212500-0003", "title": "From the future", "bot": "Bot",
             "createdAt": "2026-11-26T21:25:00.000Z", "hologram": {"x": 1}, "messages": []}
            """#
        try fixture.write(newer, to: "conversations/\(id).json")
        let unreadable = "20261126-212500-0004"
        try fixture.write(#"{"schema": 4, "shape": "unknown"}"#, to: "conversations/\(unreadable).json")
        let before = try fixture.data("conversations/\(id).json")

        let store = try fixture.open()
        #expect(store.problems.map(\.kind) == [.newerSchema(found: 3, supported: 2), .newerSchema(found: 4, supported: 2)]
            || store.problems.map(\.kind) == [.newerSchema(found: 4, supported: 2), .newerSchema(found: 3, supported: 2)])
        #expect(store.problems.first { $0.path.hasSuffix("0003.json") }?.description
            == "\(fixture.conversationPath(id)) was written by a newer poe-tui (format 3; this one knows up to 2); it is shown read-only and never changed")
        #expect(store.list().map(\.title) == ["From the future"])

        var conversation = try store.load(id)
        #expect(conversation.title == "From the future")
        conversation.title = "Changed"
        conversation.append(.user("hello", at: fixture.clock.now))
        #expect(throws: ChatStoreError.newerSchema(path: fixture.conversationPath(id), found: 3, supported: 2)) {
            try store.saveNow(conversation)
        }
        store.save(conversation)
        await store.flush()
        #expect(throws: ChatStoreError.self) { try store.rename(id, to: "Renamed") }
        #expect(throws: ChatStoreError.self) { try store.archive(id) }
        #expect(store.problems.contains { $0.kind == .writeFailed && $0.path == fixture.conversationPath(id) })
        #expect(throws: ChatStoreError.newerSchema(path: fixture.conversationPath(unreadable), found: 4, supported: 2)) {
            try store.load(unreadable)
        }
        #expect(try fixture.data("conversations/\(id).json") == before)
        #expect(try fixture.text("conversations/\(unreadable).json") == #"{"schema": 4, "shape": "unknown"}"#)
        #expect(ChatStoreError.newerSchema(path: "/p.json", found: 3, supported: 2).description
            == "/p.json was written by a newer poe-tui (format 3; this one knows up to 2); it is left untouched: update poe-tui to change it")
    }

    @Test func streamingMessagesBecomeInterruptedOnReopen() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot")
        conversation.append(.user("question", at: fixture.clock.now))
        conversation.append(ChatMessage(role: .bot, bot: "Bot", content: "partial ans", createdAt: fixture.clock.now.addingTimeInterval(1), status: .streaming))
        try store.saveNow(conversation)

        // Another store opened meanwhile must not touch what may be a live reply.
        let meanwhile = try fixture.open()
        #expect(try meanwhile.load(conversation.id).messages[1].status == .streaming)
        await meanwhile.close()
        await store.close()

        let reopened = try fixture.open()
        let loaded = try reopened.load(conversation.id)
        #expect(loaded.messages[1].status == .interrupted)
        #expect(loaded.messages[1].content == "partial ans")
        #expect(loaded.messages[0].status == .complete)
        let file = try fixture.text("conversations/\(conversation.id).json")
        #expect(file.contains(#""status" : "interrupted""#) && !file.contains("streaming"))
        #expect(reopened.list().first?.messageCount == 2)
        #expect(try fixture.text("index.json").contains(#""streaming" : 0"#))
        #expect(reopened.problems.isEmpty)
    }

    @Test func leftoverTemporaryFilesAreIgnoredAndRemoved() throws {
        let fixture = try StoreFixture()
        let conversation = try fixture.open().create(bot: "Bot", title: "Kept")
        let good = try fixture.data("conversations/\(conversation.id).json")
        // A crash after the temporary file was written, before its rename.
        try fixture.write("{ torn", to: "conversations/.\(conversation.id).json.tmp-4242-1234")
        try fixture.write("{ torn", to: ".index.json.tmp-4242-99")
        try fixture.write("{ torn", to: "trash/.x.json.tmp-1-1")

        let store = try fixture.open()
        #expect(store.problems.isEmpty)
        #expect(try fixture.names(in: "conversations") == ["\(conversation.id).json"])
        #expect(try fixture.names(in: "trash") == [])
        #expect(try fixture.names(in: "").filter { $0.contains("tmp") } == [])
        #expect(try fixture.data("conversations/\(conversation.id).json") == good)
        #expect(store.list().map(\.title) == ["Kept"])
    }

    @Test func failedWriteLeavesTheOldFileWholeAndIsRetried() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot", title: "Before")
        let path = fixture.conversationPath(conversation.id)
        let before = try fixture.data("conversations/\(conversation.id).json")

        fixture.writes.failWrites(to: path)
        conversation.title = "After"
        conversation.append(.user("kept in memory", at: fixture.clock.now))
        #expect(throws: WriteCounter.InjectedCrash.self) { try store.saveNow(conversation) }
        #expect(try fixture.data("conversations/\(conversation.id).json") == before)
        #expect(try fixture.names(in: "conversations") == ["\(conversation.id).json"])  // no temporary file left

        store.save(conversation)
        await store.flush()
        #expect(store.problems.map(\.kind) == [.writeFailed])
        #expect(try fixture.data("conversations/\(conversation.id).json") == before)

        // The changes were kept and go out with the next flush.
        fixture.writes.failWrites(to: path, false)
        await store.flush()
        let loaded = try fixture.open().load(conversation.id)
        #expect(loaded.title == "After")
        #expect(loaded.messages.map(\.content) == ["kept in memory"])
    }
}
