import Foundation
import Testing

@testable import ChatStore

@Suite("Round trips: every field, as written and read back")
struct RoundTripTests {
    /// A conversation using every field, with awkward values.
    static func everything(at date: Date) -> Conversation {
        let user = ChatMessage(
            id: "20261126-212500-00000001", role: .user, bot: "GPT-4o",
            content: "Bonjour, 世界 🙂 — \"quotes\", back\\slash, tab\tand\nnewline, ESC \u{1b}[31m, e\u{301}",
            contentType: "text/plain",
            attachments: [
                StoredAttachment(name: "photo.png", localPath: "/home/me/photo.png", url: "https://poe.example/u/1", contentType: "image/png", size: 12_345),
                StoredAttachment(name: "notes.txt", contentType: "text/plain"),
            ],
            parameters: ["thinking_budget": .int(1000), "temperature": .double(0.7), "big": .int(Int.max), "neg": .int(-3)],
            createdAt: date.addingTimeInterval(0.001))
        let reply = ChatMessage(
            id: "20261126-212500-00000002", role: .bot, bot: "Claude-Sonnet-4",
            content: "", createdAt: date.addingTimeInterval(0.002), completedAt: date.addingTimeInterval(3.5),
            status: .error, error: MessageError(text: "Rate limited", kind: "rate_limit", retryable: true),
            suggestedReplies: ["Try again", "Explain more"],
            files: [ReceivedFile(name: "chart.png", url: "https://poe.example/f/2", contentType: "image/png", savedPath: "/tmp/chart.png",
                                 inlineRef: "chart01", size: 48_213),
                    ReceivedFile(name: "data.csv", url: "https://poe.example/f/3", contentType: "text/csv"),
                    ReceivedFile(name: "", url: "https://poe.example/f/4", contentType: "", inlineRef: "", size: 0),
                    ReceivedFile(name: "big.bin", url: "u", contentType: "application/octet-stream", size: Int64.max)],
            pointsSpent: 321)
        let system = ChatMessage(id: "20261126-212500-00000003", role: .system, content: "Be brief.", createdAt: date.addingTimeInterval(1), status: .cancelled)
        let huge = ChatMessage(
            id: "20261126-212500-00000004", role: .bot, bot: "Echo",
            content: String(repeating: "Lorem ipsum dolor sit amet, ünïcödé 日本語. ", count: 50_000),
            createdAt: date.addingTimeInterval(2), status: .interrupted)
        return Conversation(
            id: "20261126-212500-ab12", title: "Ünïcode «title» 📚", createdAt: date, updatedAt: date.addingTimeInterval(3.5),
            bot: "Claude-Sonnet-4",
            parameters: [
                "n": .int(3), "ratio": .double(0.25), "flag": .bool(true), "none": .null, "name": .string("x"),
                "list": .array([.int(1), .double(2.5), .string("three")]), "nested": .object(["deep": .object(["k": .int(7)])]),
            ],
            systemPrompt: "You are terse.\nSecond line.",
            draft: "half-typed 草稿",
            draftAttachments: [StoredAttachment(name: "draft.pdf", localPath: "/tmp/draft.pdf", contentType: "application/pdf", size: 99)],
            archived: true, unread: 2,
            messages: [user, reply, system, huge])
    }

    @Test func everyFieldSurvivesDiskAndReopen() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let created = try store.create(bot: "Claude-Sonnet-4")
        var conversation = Self.everything(at: fixture.clock.now)
        conversation.id = created.id
        conversation.createdAt = created.createdAt
        try store.saveNow(conversation)
        #expect(try store.load(created.id) == conversation)

        let reopened = try fixture.open()
        let loaded = try reopened.load(created.id)
        #expect(loaded == conversation)
        #expect(loaded.parameters["n"] == .int(3))
        #expect(loaded.parameters["ratio"] == .double(0.25))
        #expect(loaded.messages[0].parameters["thinking_budget"] == .int(1000))
        #expect(loaded.messages[0].parameters["big"] == .int(Int.max))
        #expect(loaded.messages.map(\.status) == [.complete, .error, .cancelled, .interrupted])
        #expect(loaded.messages[3].content.count == conversation.messages[3].content.count)
        #expect(reopened.problems.isEmpty)
    }

    @Test func emptyConversationAndEmptyStrings() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "")
        conversation.messages = [ChatMessage(role: .user, content: "", createdAt: fixture.clock.now)]
        try store.saveNow(conversation)
        #expect(try fixture.open().load(conversation.id) == conversation)
    }

    @Test func integersStayIntegersInTheFile() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot", parameters: ["thinking_budget": 1000, "temperature": 0.5])
        conversation.title = "t"
        try store.saveNow(conversation)
        let text = try fixture.text("conversations/\(conversation.id).json")
        #expect(text.contains(#""thinking_budget" : 1000"#))
        #expect(text.contains(#""temperature" : 0.5"#))
        #expect(text.contains(#""schema" : 2"#))
    }

    @Test func filesArePrettySortedAndDatesAreISO8601() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot", title: "Hello")
        conversation.append(.user("hi", at: fixture.clock.now.addingTimeInterval(0.123)))
        try store.saveNow(conversation)
        let text = try fixture.text("conversations/\(conversation.id).json")
        #expect(text.contains("\n  \"bot\" : \"Bot\",\n"))
        #expect(text.contains(#""createdAt" : "2026-11-26T21:25:00.000Z""#))
        #expect(text.contains(#""createdAt" : "2026-11-26T21:25:00.123Z""#))
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(!text.contains("\\/"))
    }

    @Test func datesFormatAndParse() throws {
        let date = try #require(StoreDate.parse("2026-11-26T21:45:00.123Z"))
        #expect(StoreDate.format(date) == "2026-11-26T21:45:00.123Z")
        #expect(StoreDate.parse("2026-11-26T22:45:00.123+01:00") == date)
        #expect(StoreDate.parse("2026-11-26 21:45:00.123456Z") == StoreDate.rounded(date.addingTimeInterval(0.000456)))
        #expect(StoreDate.parse("2026-11-26T21:45:00Z") == StoreDate.parse("2026-11-26T21:45:00.000Z"))
        #expect(StoreDate.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(StoreDate.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        for text in ["2026-13-01T00:00:00Z", "2026-11-26T21:45:00", "yesterday", "2026-11-26T21:45:00.Z", ""] {
            #expect(StoreDate.parse(text) == nil, "\(text)")
        }
        // Any date, rounded, reads back equal.
        for _ in 0..<1000 {
            let date = StoreDate.rounded(Date(timeIntervalSince1970: Double.random(in: -1e9...4e9)))
            #expect(StoreDate.parse(StoreDate.format(date)) == date)
        }
    }

    @Test func idsAreSortableAndValidated() throws {
        let clock = ManualClock()
        let id = StoreID.newConversationID(at: clock.now)
        #expect(id.hasPrefix("20261126-212500-"))
        #expect(id.count == "20261126-212500-7f3a".count)
        #expect(StoreID.isValid(id))
        #expect(StoreID.newMessageID(at: clock.now).count == "20261126-212500-7f3a9c01".count)
        let sameSecond = (0..<100).map { _ in StoreID.newMessageID(at: clock.now) }
        #expect(sameSecond == sameSecond.sorted() && Set(sameSecond).count == 100)
        for bad in ["", "../x", "a/b", "x.json", "a b", "é", String(repeating: "a", count: 129), "a\u{0}"] {
            #expect(!StoreID.isValid(bad), "\(bad)")
        }
    }

    @Test func everyOperationRejectsPathTraversal() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let bad = "../x"
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.load(bad) }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.rename(bad, to: "t") }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.archive(bad) }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.delete(bad) }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.restore(bad) }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.export(bad, format: .json) }
        #expect(throws: ChatStoreError.invalidID(bad)) { try store.saveNow(Conversation(id: bad, bot: "B")) }
        store.save(Conversation(id: bad, bot: "B"))
        await store.flush()
        #expect(store.problems.map(\.description).contains { $0.contains("\"../x\" is not a conversation id") })
        #expect(!FileManager.default.fileExists(atPath: fixture.root.deletingLastPathComponent().appendingPathComponent("x.json").path))
        #expect(ChatStoreError.invalidID(bad).description == #""../x" is not a conversation id (ids are 1 to 128 letters, digits and '-')"#)
    }

    @Test func foldersAre0700AndFiles0600() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Bot")
        #expect(FileSystem.mode(of: fixture.layout.root) == 0o700)
        #expect(FileSystem.mode(of: fixture.layout.conversations) == 0o700)
        #expect(FileSystem.mode(of: fixture.layout.trash) == 0o700)
        #expect(FileSystem.mode(of: fixture.layout.index) == 0o600)
        #expect(FileSystem.mode(of: fixture.conversationPath(conversation.id)) == 0o600)
        #expect(FileSystem.mode(of: fixture.layout.lock) == 0o600)
    }
}
