import Foundation
import Testing

@testable import ChatStore

@Suite("Search: every conversation, case-insensitive, with snippets")
struct SearchTests {
    static func store(_ fixture: StoreFixture) throws -> (ConversationStore, [String: String]) {
        let store = try fixture.open()
        var ids: [String: String] = [:]
        func add(_ title: String, _ contents: [String], archived: Bool = false) throws {
            fixture.clock.advance(by: 60)
            var conversation = try store.create(bot: "Bot", title: title)
            for (number, content) in contents.enumerated() {
                conversation.append(.user(content, at: fixture.clock.now.addingTimeInterval(Double(number))))
            }
            conversation.archived = archived
            try store.saveNow(conversation)
            ids[title] = conversation.id
        }
        try add("Kyoto trip", ["Plan three days in KYOTO please", "Also Nara"])
        try add("Swift questions", ["How do actors work?", "What about Sendable?\nAnd kyoto-style naming?"])
        try add("Archived cooking", ["Tonkotsu ramen in Kyoto"], archived: true)
        try add("Unicode", ["Straße und ÉCOLE, Привет мир", "日本語のテキスト、京都へ行く", "cafe\u{301} au lait"])
        try add("Trashed", ["kyoto in the trash"])
        try store.delete(ids["Trashed"]!)
        return (store, ids)
    }

    @Test func matchesTitlesAndMessagesCaseInsensitivelyNewestFirst() throws {
        let fixture = try StoreFixture()
        let (store, ids) = try Self.store(fixture)
        let hits = store.search("kyoto")
        #expect(hits.map(\.conversationID) == [ids["Archived cooking"], ids["Swift questions"], ids["Kyoto trip"], ids["Kyoto trip"]])
        #expect(hits.map { $0.messageID == nil } == [false, false, true, false])
        #expect(hits.map { String($0.matchedText) } == ["Kyoto", "kyoto", "Kyoto", "KYOTO"])
        let inMessage = hits[1]
        #expect(inMessage.snippet == "What about Sendable? And kyoto-style naming?")
        #expect(inMessage.matchOffset == 25 && inMessage.matchLength == 5)
        #expect(inMessage.title == "Swift questions")
        #expect(try store.load(inMessage.conversationID).message(inMessage.messageID!)?.content.contains("kyoto") == true)
        #expect(store.search("kyoto", limit: 2).count == 2)
        #expect(store.search("").isEmpty)
        #expect(store.search("nowhere to be found").isEmpty)
    }

    @Test func multiByteText() throws {
        let fixture = try StoreFixture()
        let (store, ids) = try Self.store(fixture)
        let unicode = ids["Unicode"]
        #expect(store.search("京都").map(\.conversationID) == [unicode])
        #expect(store.search("京都").first?.matchedText == "京都")
        #expect(store.search("straße").first?.matchedText == "Straße")
        #expect(store.search("école").first?.matchedText == "ÉCOLE")
        #expect(store.search("ПРИВЕТ").first?.matchedText == "Привет")
        // A byte match inside a character widens to the whole character.
        #expect(store.search("cafe").first?.matchedText == "cafe\u{301}")
    }

    @Test func snippetsAreAboutEightyCharactersAroundTheMatch() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot")
        let long = String(repeating: "avant ", count: 40) + "NEEDLE" + String(repeating: " après", count: 40)
        conversation.append(.user(long, at: fixture.clock.now))
        try store.saveNow(conversation)
        let hit = try #require(store.search("needle").first)
        #expect(hit.snippet.count >= 75 && hit.snippet.count <= 85)
        #expect(hit.snippet.hasPrefix("…") && hit.snippet.hasSuffix("…"))
        #expect(hit.matchedText == "NEEDLE")
        #expect(hit.matchOffset == 31)
    }

    @Test func searchingManyConversationsIsQuick() throws {
        let fixture = try StoreFixture()
        _ = try fixture.open()
        let filler = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 40)
        // Written straight to disk (as another program might), then indexed by opening.
        for number in 0..<200 {
            var conversation = Conversation(
                id: StoreID.newConversationID(at: fixture.clock.now) + "\(number)", title: "Conversation \(number)",
                createdAt: fixture.clock.now.addingTimeInterval(Double(number)), bot: "Bot")
            for turn in 0..<10 {
                conversation.append(.user(turn == 5 && number == 123 ? filler + "zebra" : filler, at: conversation.createdAt))
            }
            try FileSystem.writeAtomically(
                StoreFormat.encoder().encode(ConversationFile(conversation)), to: fixture.conversationPath(conversation.id))
        }
        let store = try fixture.open()
        #expect(store.list().count == 200)
        let start = Date()
        let hits = store.search("ZEBRA")
        #expect(hits.count == 1)
        #expect(hits.first?.title == "Conversation 123")
        #expect(Date().timeIntervalSince(start) < 2)  // ~4 MB of JSON, prefiltered on bytes: 0.3 s in a debug build
    }
}
