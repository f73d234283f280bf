import Foundation
import Testing

@testable import ChatStore

/// `MessageMerge` puts changes in place instead of rebuilding and sorting; it must give exactly
/// what the rule as written gives (dictionaries by id, then a sort), whatever the inputs.
@Suite("Merge: the in-place message merge equals the dictionary-and-sort rule")
struct MergeTests {
    /// The rule as `docs/store-format.md` states it, written the direct way.
    static func reference(disk: [ChatMessage], base: [ChatMessage], latest: [ChatMessage]) -> ([ChatMessage], Date?) {
        let baseMessages = Dictionary(base.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var messages = Dictionary(disk.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var present = Set<String>()
        var newest: Date?
        for message in latest {
            present.insert(message.id)
            if baseMessages[message.id] != message {
                messages[message.id] = message
                newest = max(newest ?? message.activityDate, message.activityDate)
            }
        }
        for id in baseMessages.keys where !present.contains(id) { messages[id] = nil }
        return (messages.values.sorted(by: Conversation.inOrder), newest)
    }

    @Test func randomHistoriesMergeAsTheRuleSays() {
        var generator = SeededGenerator(seed: 7)
        let start = Date(timeIntervalSince1970: 1_795_728_300)
        func message(_ id: String, _ second: Int, _ text: String) -> ChatMessage {
            ChatMessage(id: id, role: .user, content: text, createdAt: start.addingTimeInterval(Double(second)))
        }
        var fastPaths = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 0...8, using: &generator)
            // Same-second messages and reused ids, so order ties and duplicates happen.
            let base = (0..<count).map { message("m\($0)", $0 / 2, "v0") }
            func edited(_ messages: [ChatMessage]) -> [ChatMessage] {
                var result = messages
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    switch Int.random(in: 0..<7, using: &generator) {
                    case 0 where !result.isEmpty: result.remove(at: Int.random(in: 0..<result.count, using: &generator))
                    case 1 where !result.isEmpty:
                        let position = Int.random(in: 0..<result.count, using: &generator)
                        result[position].content += "+"
                    case 2: result.append(message("n\(Int.random(in: 0..<4, using: &generator))", Int.random(in: 0...5, using: &generator), "new"))
                    case 3 where !result.isEmpty: result.append(result[Int.random(in: 0..<result.count, using: &generator)])
                    case 4 where result.count > 1: result.swapAt(0, result.count - 1)
                    case 5 where !result.isEmpty:
                        let position = Int.random(in: 0..<result.count, using: &generator)
                        result[position].completedAt = start.addingTimeInterval(Double(Int.random(in: 0...9, using: &generator)))
                    default: break
                    }
                }
                return result
            }
            let disk = Bool.random(using: &generator) ? base : edited(base)
            let latest = edited(base)
            let merge = MessageMerge(
                disk: disk, base: base, latest: latest, unchangedPrefix: MessageComparison.firstDifference(base, latest))
            let (messages, newest) = Self.reference(disk: disk, base: base, latest: latest)
            #expect(merge.messages == messages)
            #expect(merge.newestChange == newest)
            if merge.messages == latest { fastPaths += 1 }
        }
        #expect(fastPaths > 100)
    }

    @Test func uniqueIDsAreCheckedExactly() {
        let date = Date(timeIntervalSince1970: 0)
        let messages = (0..<300).map { ChatMessage(id: "id-\($0)", role: .user, createdAt: date) }
        #expect(UniqueIDs.check(messages))
        #expect(UniqueIDs.check([]))
        #expect(!UniqueIDs.check(messages + [messages[123]]))
        #expect(!UniqueIDs.check([messages[0], messages[0]]))
    }
}
