import Foundation
import Testing

@testable import ChatStore

@Suite("Export: Markdown to read, JSON as stored")
struct ExportTests {
    @Test func markdownNamesWhoWroteWhatAndWhen() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Claude-Sonnet-4", title: "Holiday ideas", systemPrompt: "Be brief.")
        let start = fixture.clock.now
        conversation.append(ChatMessage(
            role: .user, content: "Where should I go?",
            attachments: [StoredAttachment(name: "budget.pdf", localPath: "/home/me/budget.pdf", contentType: "application/pdf", size: 2_500_000)],
            createdAt: start.addingTimeInterval(60)))
        conversation.append(ChatMessage(
            role: .bot, bot: "GPT-4o", content: "**Kyoto**, in autumn.", createdAt: start.addingTimeInterval(61),
            completedAt: start.addingTimeInterval(65), files: [ReceivedFile(name: "map.png", url: "https://poe.example/map.png", contentType: "image/png", savedPath: "/tmp/map.png"),
                    ReceivedFile(name: "route.gpx", url: "https://poe.example/route.gpx", contentType: "application/gpx+xml", inlineRef: "r1", size: 3_000)],
            pointsSpent: 120))
        conversation.append(ChatMessage(role: .bot, bot: "Claude-Sonnet-4", content: "Or Lisb", createdAt: start.addingTimeInterval(120), status: .interrupted))
        try store.saveNow(conversation)

        let markdown = try store.export(conversation.id, format: .markdown, timeZone: TimeZone(identifier: "UTC")!)
        #expect(markdown == """
            # Holiday ideas

            Bot: Claude-Sonnet-4 · started 2026-11-26 21:25 UTC · 3 messages

            System prompt:

            > Be brief.

            ---

            ### You · 2026-11-26 21:26 UTC

            Where should I go?

            Attachments:
            - budget.pdf (application/pdf, 2.4 MB): /home/me/budget.pdf

            ---

            ### GPT-4o · 2026-11-26 21:26 UTC · 120 points

            **Kyoto**, in autumn.

            Files:
            - [map.png](<https://poe.example/map.png>) (image/png), saved as /tmp/map.png
            - [route.gpx](<https://poe.example/route.gpx>) (application/gpx+xml, 2.9 KB)

            ---

            ### Claude-Sonnet-4 · 2026-11-26 21:27 UTC

            Or Lisb

            *(interrupted: the reply stopped before it finished)*

            """)
        let tokyo = try store.export(conversation.id, format: .markdown, timeZone: TimeZone(secondsFromGMT: 9 * 3600)!)
        #expect(tokyo.contains("### You · 2026-11-27 06:26 +09:00"))
    }

    @Test func untitledAndEmpty() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let conversation = try store.create(bot: "Echo")
        #expect(try store.export(conversation.id, format: .markdown, timeZone: TimeZone(identifier: "UTC")!)
            == "# Untitled conversation\n\nBot: Echo · started 2026-11-26 21:25 UTC · 0 messages\n")
    }

    @Test func jsonIsTheStoredFile() async throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var conversation = try store.create(bot: "Echo", title: "JSON")
        conversation.append(.user("hello", at: fixture.clock.now))
        store.save(conversation)  // export sees saves made before it
        let json = try store.export(conversation.id, format: .json)
        #expect(json == (try fixture.text("conversations/\(conversation.id).json")))
        let decoded = try StoreFormat.decoder().decode(ConversationFile.self, from: Data(json.utf8))
        #expect(decoded.schema == 2)
        #expect(decoded.conversation == conversation)
        #expect(throws: ChatStoreError.notFound("20990101-000000-0000")) {
            try store.export("20990101-000000-0000", format: .json)
        }
    }
}
