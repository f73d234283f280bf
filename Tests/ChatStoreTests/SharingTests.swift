import Foundation
import Testing

@testable import ChatStore

@Suite("Sharing: coalesced saves, merges, and two stores on one folder")
struct SharingTests {
    @Test func manySavesInOneWindowAreOneWrite() async throws {
        let fixture = try StoreFixture()
        var options = fixture.options
        options.saveDelay = 3600  // nothing is written until the flush
        let store = try fixture.open(options)
        var conversation = try store.create(bot: "Bot")
        let path = fixture.conversationPath(conversation.id)
        #expect(fixture.writes.count(path) == 1)
        for number in 1...20 {
            conversation.draft = "typing \(number)"
            store.save(conversation)
        }
        #expect(fixture.writes.count(path) == 1)
        await store.flush()
        #expect(fixture.writes.count(path) == 2)
        #expect(try fixture.open().load(conversation.id).draft == "typing 20")
    }

    @Test func savesAreWrittenWithoutAFlushAndReadsSeeThem() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot")
        conversation.append(.user("hello", at: fixture.clock.now))
        store.save(conversation)
        // load, list and search write what was saved before them.
        #expect(try store.load(conversation.id).messages.count == 1)
        #expect(store.list().first?.messageCount == 1)
        conversation.title = "Later"
        store.save(conversation)
        let path = fixture.conversationPath(conversation.id)
        #expect(try await eventually { try String(contentsOfFile: path, encoding: .utf8).contains("Later") })
    }

    @Test func writerChangesOnlyWhatItChanged() throws {
        let fixture = try StoreFixture()
        let first = try fixture.open()
        let second = try fixture.open()
        let created = try first.create(bot: "Bot", title: "Original")
        var mine = try first.load(created.id)
        var theirs = try second.load(created.id)
        let shared = ChatMessage.user("shared", at: fixture.clock.now, id: "20261126-212500-00000010")
        mine.append(shared)
        mine = try first.saveNow(mine)
        theirs = try second.load(created.id)

        // Both sides change different things from the same starting point.
        mine.title = "Renamed by me"
        mine.append(.user("mine", at: fixture.clock.now.addingTimeInterval(2), id: "20261126-212500-00000012"))
        theirs.draft = "their draft"
        theirs.bot = "OtherBot"
        theirs.append(.user("theirs", at: fixture.clock.now.addingTimeInterval(1), id: "20261126-212500-00000011"))
        theirs.messages[0].content = "shared, edited by them"
        try first.saveNow(mine)
        let merged = try second.saveNow(theirs)

        #expect(merged.title == "Renamed by me")
        #expect(merged.draft == "their draft")
        #expect(merged.bot == "OtherBot")
        #expect(merged.messages.map(\.content) == ["shared, edited by them", "theirs", "mine"])
        #expect(try fixture.open().load(created.id) == merged)
        #expect(merged.updatedAt == fixture.clock.now.addingTimeInterval(2))

        // A message removed by a writer is removed; others' messages stay.
        var again = try first.load(created.id)
        again.messages.removeAll { $0.content == "theirs" }
        try first.saveNow(again)
        #expect(try second.load(created.id).messages.map(\.content) == ["shared, edited by them", "mine"])
    }

    @Test func twoStoresAppendingConcurrentlyLoseNothing() async throws {
        let fixture = try StoreFixture()
        let setup = try fixture.open()
        let conversation = try setup.create(bot: "Bot", title: "Busy")
        let base = fixture.clock.now

        let first = try fixture.open()
        let second = try fixture.open()
        // One writes each message at once, the other through coalesced saves.
        async let a: Void = Task.detached {
            var mine = try first.load(conversation.id)
            for number in 0..<60 {
                mine.append(.user("A\(number)", at: base.addingTimeInterval(Double(number)), id: String(format: "A-%03d", number)))
                try first.saveNow(mine)
            }
        }.value
        async let b: Void = Task.detached {
            var theirs = try second.load(conversation.id)
            for number in 0..<60 {
                theirs.append(.user("B\(number)", at: base.addingTimeInterval(Double(number) + 0.5), id: String(format: "B-%03d", number)))
                second.save(theirs)
                if number % 7 == 0 { try second.saveNow(theirs) }
            }
            await second.flush()
        }.value
        try await a
        try await b

        let final = try fixture.open().load(conversation.id)
        #expect(final.messages.count == 120)
        let expected = (0..<60).flatMap { ["A\($0)", "B\($0)"] }
        #expect(final.messages.map(\.content) == expected)
        #expect(try fixture.open().list().first?.messageCount == 120)
        #expect(first.problems.isEmpty && second.problems.isEmpty)
    }
}
