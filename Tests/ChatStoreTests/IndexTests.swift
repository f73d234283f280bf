import Foundation
import Testing

@testable import ChatStore

@Suite("The index: start-up reads it alone, and it is rebuilt when missing, stale or corrupt")
struct IndexTests {
    /// A store with three conversations, the middle one archived.
    static func populated(_ fixture: StoreFixture) throws -> [Conversation] {
        let store = try fixture.open()
        var made: [Conversation] = []
        for (number, title) in ["First", "Second", "Third"].enumerated() {
            fixture.clock.advance(by: 60)
            var conversation = try store.create(bot: "Bot\(number)", title: title)
            conversation.append(.user("message \(number)", at: fixture.clock.now))
            conversation.archived = number == 1
            made.append(try store.saveNow(conversation))
        }
        return made
    }

    @Test func listIsNewestFirstWithArchivedOnRequest() throws {
        let fixture = try StoreFixture()
        let made = try Self.populated(fixture)
        let store = try fixture.open()
        #expect(store.list().map(\.title) == ["Third", "First"])
        #expect(store.list(includeArchived: true).map(\.title) == ["Third", "Second", "First"])
        let summary = try #require(store.list().first)
        #expect(summary == made[2].summary)
        #expect(summary.messageCount == 1)
        #expect(summary.bot == "Bot2")
    }

    @Test func validIndexIsTrustedWithoutReadingConversations() throws {
        let fixture = try StoreFixture()
        let made = try Self.populated(fixture)
        let index = try fixture.data("index.json")
        // Spoil a conversation file in place, keeping its inode, size and modification time:
        // only a store that reads the file could notice.
        let path = fixture.conversationPath(made[0].id)
        let signature = try #require(FileSystem.signature(of: path))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: 10))
        try handle.close()
        try FileSystem.setModified(path, nanoseconds: signature.modified)
        #expect(FileSystem.signature(of: path) == signature)

        let indexWrites = fixture.writes.count(fixture.layout.index)
        let store = try fixture.open()
        #expect(store.problems.isEmpty)
        #expect(store.list(includeArchived: true).count == 3)
        #expect(try fixture.data("index.json") == index)
        #expect(fixture.writes.count(fixture.layout.index) == indexWrites)
    }

    @Test func deletedIndexIsRebuilt() throws {
        let fixture = try StoreFixture()
        let made = try Self.populated(fixture)
        let before = try fixture.open().list(includeArchived: true)
        try FileManager.default.removeItem(atPath: fixture.layout.index)
        let store = try fixture.open()
        #expect(store.list(includeArchived: true) == before)
        #expect(fixture.exists("index.json"))
        #expect(store.problems.isEmpty)
        #expect(before.map(\.id) == made.reversed().map(\.id))
    }

    @Test func staleEntriesAreReReadAndMissingFilesDropped() throws {
        let fixture = try StoreFixture()
        let made = try Self.populated(fixture)
        // Edited by hand, removed by hand, and copied in by hand.
        let edited = try fixture.text("conversations/\(made[0].id).json")
            .replacingOccurrences(of: "\"title\" : \"First\"", with: "\"title\" : \"Edited by hand\"")
        try fixture.write(edited, to: "conversations/\(made[0].id).json")
        try FileManager.default.removeItem(atPath: fixture.conversationPath(made[1].id))
        let copyID = "20261126-999999-c0de"
        try FileManager.default.copyItem(atPath: fixture.conversationPath(made[2].id), toPath: fixture.conversationPath(copyID))

        let store = try fixture.open()
        let titles = Dictionary(uniqueKeysWithValues: store.list(includeArchived: true).map { ($0.id, $0.title) })
        #expect(titles == [made[0].id: "Edited by hand", made[2].id: "Third", copyID: "Third"])
        #expect(try store.load(copyID).id == copyID)
        // The repaired index was written.
        let index = try fixture.text("index.json")
        #expect(index.contains("Edited by hand") && index.contains(copyID) && !index.contains(made[1].id))
    }

    @Test func corruptIndexIsMovedAsideReportedAndRebuilt() throws {
        let fixture = try StoreFixture()
        _ = try Self.populated(fixture)
        try fixture.write("{ \"schema\": 2, \"conversations\": [ {", to: "index.json")
        let store = try fixture.open()
        #expect(store.list(includeArchived: true).count == 3)
        let problem = try #require(store.problems.first)
        guard case .quarantined(let movedTo) = problem.kind else {
            Issue.record("\(problem)")
            return
        }
        #expect(movedTo.hasPrefix(fixture.layout.index + ".corrupt-2026"))
        #expect(FileManager.default.fileExists(atPath: movedTo))
        #expect(problem.description.contains("index.json is not a readable conversation (not valid JSON); moved aside to"))
        #expect(try fixture.json("index.json")["schema"] == .int(2))
    }

    @Test func olderIndexIsRebuiltAndNewerIndexLeftAlone() throws {
        let fixture = try StoreFixture()
        _ = try Self.populated(fixture)
        try fixture.write(#"{"schema": 1, "items": []}"#, to: "index.json")
        #expect(try fixture.open().list(includeArchived: true).count == 3)
        #expect(try fixture.json("index.json")["schema"] == .int(2))

        let newer = #"{"schema": 9, "whatever": true}"#
        try fixture.write(newer, to: "index.json")
        let store = try fixture.open()
        #expect(store.list(includeArchived: true).count == 3)
        var conversation = try store.create(bot: "Bot", title: "Fourth")
        conversation.title = "Fourth, renamed"
        try store.saveNow(conversation)
        #expect(store.list(includeArchived: true).count == 4)
        #expect(try fixture.text("index.json") == newer)
        #expect(store.problems.contains { $0.kind == .newerSchema(found: 9, supported: 2) })
    }

    @Test func draftSavesLeaveTheIndexAloneAndOpeningCatchesUp() throws {
        let fixture = try StoreFixture()
        let made = try Self.populated(fixture)
        let store = try fixture.open()
        var conversation = try store.load(made[0].id)
        let index = try fixture.data("index.json")
        conversation.draft = "not in the list"
        try store.saveNow(conversation)
        #expect(try fixture.data("index.json") == index)

        let signature = FileSystem.signature(of: fixture.conversationPath(made[0].id))
        let reopened = try fixture.open()
        #expect(reopened.list(includeArchived: true).count == 3)
        let file = try reopened.folder.indexEntries()[made[0].id]?.file
        #expect(file == signature)
        #expect(try fixture.data("index.json") != index)
    }

    @Test func anotherStoresWritesShowInTheList() throws {
        let fixture = try StoreFixture()
        let first = try fixture.open()
        let second = try fixture.open()
        _ = try first.create(bot: "Bot", title: "From the first")
        #expect(second.list().map(\.title) == ["From the first"])
        _ = try second.create(bot: "Bot", title: "From the second")
        #expect(Set(first.list().map(\.title)) == ["From the first", "From the second"])
    }
}
