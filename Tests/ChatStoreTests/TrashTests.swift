import Foundation
import Testing

@testable import ChatStore

@Suite("Trash: delete, restore, purge after 30 days")
struct TrashTests {
    @Test func deleteMovesToTrashAndRestoreBringsBack() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot", title: "Doomed")
        conversation.append(.user("keep me", at: fixture.clock.now))
        try store.saveNow(conversation)
        let kept = try store.create(bot: "Bot", title: "Kept")

        fixture.clock.advance(by: 3600)
        try store.delete(conversation.id)
        #expect(store.list().map(\.id) == [kept.id])
        #expect(fixture.exists("trash/\(conversation.id).json"))
        #expect(!fixture.exists("conversations/\(conversation.id).json"))
        #expect(FileSystem.mode(of: fixture.layout.trashed(conversation.id)) == 0o600)
        let trashed = store.trashed()
        #expect(trashed.map(\.id) == [conversation.id])
        #expect(trashed.first?.trashedAt == fixture.clock.now)
        #expect(throws: ChatStoreError.trashed(conversation.id)) { try store.load(conversation.id) }
        #expect(throws: ChatStoreError.trashed(conversation.id)) { try store.rename(conversation.id, to: "x") }
        #expect(throws: ChatStoreError.notFound(conversation.id)) { try store.delete(conversation.id) }
        #expect(try !fixture.text("index.json").contains(conversation.id))

        try store.restore(conversation.id)
        #expect(Set(store.list().map(\.id)) == [kept.id, conversation.id])
        #expect(try store.load(conversation.id).messages.map(\.content) == ["keep me"])
        #expect(store.trashed().isEmpty)
        #expect(throws: ChatStoreError.notFound(conversation.id)) { try store.restore(conversation.id) }
    }

    @Test func purgeAfterRetentionOnOpen() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let old = try store.create(bot: "Bot", title: "Old")
        let recent = try store.create(bot: "Bot", title: "Recent")
        try store.delete(old.id)
        fixture.clock.advance(by: 2 * 86_400)
        try store.delete(recent.id)

        fixture.clock.advance(by: 29 * 86_400)  // old: 31 days in the trash, recent: 29
        let reopened = try fixture.open()
        #expect(reopened.trashed().map(\.id) == [recent.id])
        #expect(!fixture.exists("trash/\(old.id).json"))
        #expect(throws: ChatStoreError.notFound(old.id)) { try reopened.restore(old.id) }
        try reopened.restore(recent.id)
        #expect(reopened.list().map(\.title) == ["Recent"])
    }

    @Test func restoreRefusesToReplaceALiveConversation() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Bot", title: "One")
        try store.delete(conversation.id)
        try FileManager.default.copyItem(atPath: fixture.layout.trashed(conversation.id), toPath: fixture.conversationPath(conversation.id))
        #expect(throws: ChatStoreError.alreadyExists(conversation.id)) { try store.restore(conversation.id) }
    }

    @Test func aReplyFinishingAfterDeleteIsKeptInTheTrash() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Bot")
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: "20261126-212500-0000beef")
        recorder.append("still talking")
        await store.flush()
        try store.delete(conversation.id)
        let deletedAt = FileSystem.signature(of: fixture.layout.trashed(conversation.id))?.modifiedDate
        recorder.append(", and done")
        await recorder.finish(status: .complete)
        #expect(!fixture.exists("conversations/\(conversation.id).json"))
        #expect(FileSystem.signature(of: fixture.layout.trashed(conversation.id))?.modifiedDate == deletedAt)
        try store.restore(conversation.id)
        #expect(try store.load(conversation.id).messages.first?.content == "still talking, and done")
    }
}
