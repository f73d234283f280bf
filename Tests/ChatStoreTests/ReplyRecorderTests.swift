import Foundation
import Testing

@testable import ChatStore

@Suite("ReplyRecorder: a streaming reply on disk within the interval, and at every end")
struct ReplyRecorderTests {
    func onDisk(_ fixture: StoreFixture, _ conversationID: String, _ messageID: String) throws -> ChatMessage? {
        let data = try fixture.data("conversations/\(conversationID).json")
        let file = try StoreFormat.decoder().decode(ConversationFile.self, from: data)
        return file.conversation.message(messageID)
    }

    @Test func partialTextReachesDiskWithoutAFlush() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()  // recording interval 50 ms
        var conversation = try store.create(bot: "Bot")
        conversation.append(.user("Tell me a story", at: fixture.clock.now))
        store.save(conversation)
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: "20261126-212500-0000cafe")
        for word in ["Once ", "upon ", "a ", "time"] { recorder.append(word) }
        #expect(try await eventually { try onDisk(fixture, conversation.id, recorder.messageID)?.content == "Once upon a time" })
        let partial = try #require(try onDisk(fixture, conversation.id, recorder.messageID))
        #expect(partial.status == .streaming)
        #expect(partial.role == .bot && partial.bot == "Bot")
        #expect(try store.load(conversation.id).messages.map(\.role) == [.user, .bot])

        recorder.append(".")
        recorder.addSuggestedReply("And then?")
        recorder.addFile(ReceivedFile(name: "cover.png", url: "https://poe.example/c.png", contentType: "image/png"))
        fixture.clock.advance(by: 5)
        let final = await recorder.finish(status: .complete, pointsSpent: 77)
        // `finish` wrote before returning.
        let stored = try #require(try onDisk(fixture, conversation.id, recorder.messageID))
        #expect(stored == final)
        #expect(stored.content == "Once upon a time.")
        #expect(stored.status == .complete && stored.pointsSpent == 77)
        #expect(stored.suggestedReplies == ["And then?"] && stored.files.map(\.name) == ["cover.png"])
        #expect(stored.completedAt == fixture.clock.now)
        #expect(store.list().first?.updatedAt == fixture.clock.now)
        // Finished: later updates are ignored.
        recorder.append("ignored")
        await store.flush()
        #expect(try onDisk(fixture, conversation.id, recorder.messageID)?.content == "Once upon a time.")
    }

    @Test func writesAtMostOncePerInterval() async throws {
        let fixture = try StoreFixture()
        var options = fixture.options
        options.recordingInterval = 3600  // only `finish` and `flush` write
        let store = try fixture.open(options)
        let conversation = try store.create(bot: "Bot")
        let path = fixture.conversationPath(conversation.id)
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: "20261126-212500-00000001")
        for _ in 0..<1000 { recorder.append("token ") }
        #expect(fixture.writes.count(path) == 1)  // the create
        await store.flush()  // before exit: streaming text is saved too
        #expect(fixture.writes.count(path) == 2)
        #expect(try onDisk(fixture, conversation.id, recorder.messageID)?.content.count == 6000)
        recorder.replace("Rewritten")
        await recorder.finish(status: .error, error: MessageError(text: "Bot crashed", kind: "bot_error", retryable: true))
        #expect(fixture.writes.count(path) == 3)
        let stored = try #require(try onDisk(fixture, conversation.id, recorder.messageID))
        #expect(stored.content == "Rewritten" && stored.status == .error && stored.error?.retryable == true)
    }

    @Test func cancelAndTheAppsOwnSavesMerge() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Bot")
        let placeholder = ChatMessage(id: "20261126-212500-0000000b", role: .bot, bot: "Other", createdAt: fixture.clock.now.addingTimeInterval(1))
        conversation.append(.user("question", at: fixture.clock.now))
        conversation.append(placeholder)
        store.save(conversation)
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: placeholder.id)
        recorder.append("half an ans")
        // Meanwhile the app saves its own change (a draft) with its older copy of the reply.
        conversation.draft = "next question"
        store.save(conversation)
        await recorder.finish(status: .cancelled)
        await store.flush()
        let loaded = try fixture.open().load(conversation.id)
        #expect(loaded.draft == "next question")
        #expect(loaded.messages.last?.content == "half an ans")
        #expect(loaded.messages.last?.status == .cancelled)
        #expect(loaded.messages.last?.bot == "Other")
    }

    @Test func aKilledReplyIsInterruptedWithItsText() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Bot")
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: "20261126-212500-000000aa")
        recorder.append("The answer is")
        #expect(try await eventually { try onDisk(fixture, conversation.id, recorder.messageID)?.content == "The answer is" })
        await store.close()  // as if the process died here: never finished
        let reopened = try fixture.open()
        let message = try #require(try reopened.load(conversation.id).message(recorder.messageID))
        #expect(message.status == .interrupted)
        #expect(message.content == "The answer is")
    }
}
