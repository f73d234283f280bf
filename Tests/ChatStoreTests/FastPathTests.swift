import Foundation
import Testing

@testable import ChatStore

/// The shortcuts taken for speed (re-encoding only what changed, byte-level search and
/// snippets, comparing messages through pointers) must give what the plain way gives.
@Suite("Fast paths: the same results as the plain way")
struct FastPathTests {
    @Test func reusedEncodingsAreFreshEncodings() throws {
        var generator = SeededGenerator(seed: 3)
        let start = Date(timeIntervalSince1970: 1_795_728_300)
        var conversation = Conversation(id: "20261126-212500-0001", title: "T", createdAt: start, bot: "B")
        var previous: EncodedConversation?
        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...2:
                conversation.append(ChatMessage(id: "m\(step)", role: .bot, content: "reply \(step)", createdAt: start + Double(step)))
            case 3...4 where !conversation.messages.isEmpty:
                conversation.messages[conversation.messages.count - 1].content += " token\(step) \"quoted\"\n"
            case 5 where !conversation.messages.isEmpty:
                conversation.messages[Int.random(in: 0..<conversation.messages.count, using: &generator)].status = .interrupted
            case 6 where !conversation.messages.isEmpty:
                conversation.messages.remove(at: Int.random(in: 0..<conversation.messages.count, using: &generator))
            case 9 where !conversation.messages.isEmpty:
                // A bot's file arrives, then is saved: its path and size are filled in later.
                let last = conversation.messages.count - 1
                if let file = conversation.messages[last].files.indices.last, conversation.messages[last].files[file].size == nil {
                    conversation.messages[last].files[file].savedPath = "/home/me/Downloads/f\(step) (1).png"
                    conversation.messages[last].files[file].size = Int64(step)
                } else {
                    conversation.messages[last].files.append(
                        ReceivedFile(name: "f\(step).png", url: "https://poe.example/\(step)", contentType: "image/png", inlineRef: "r\(step)"))
                }
            case 7: conversation.draft += "d"
            case 8: conversation.title += "t"
            default: conversation.unread += 1
            }
            let file = ConversationFile(conversation)
            let encoded = try StoreEncoding.encode(file, reusing: &previous)
            #expect(previous == nil)  // taken
            #expect(Data(encoded.bytes) == (try StoreFormat.encoder().encode(file)), "step \(step)")
            previous = encoded
        }
    }

    @Test func byteSnippetsAreCharacterSnippets() {
        let texts = [
            String(repeating: "plain words and more ", count: 10) + "MATCH" + String(repeating: " after it", count: 10),
            "MATCH at the start", "ends with MATCH", "MATCH", "tabs\tand\nlines\u{0B}and\u{0C}feeds MATCH\there",
            "crlf\r\nbefore MATCH", "café MATCH", "MATCH é", "e\u{301}" + String(repeating: "x", count: 40) + "MATCH",
            String(repeating: "y", count: 29) + "MATCH" + String(repeating: "z", count: 60) + "\u{301}",
            "日本語 " + String(repeating: "swift 日本語 ", count: 8) + "MATCH" + String(repeating: " 日本語 reply", count: 8),
            "line\u{2028}sep MATCH\u{85}next\u{2029}para", "日本語\nMATCH\t日本語\r\nend", "🙂👍🏽 MATCH 🇫🇷",
        ]
        for text in texts {
            let match = text.range(of: "MATCH")!
            let (snippet, range) = Snippet.around(match, in: text)
            let (expected, expectedRange) = Self.characterSnippet(match, in: text)
            #expect(snippet == expected)
            #expect(snippet[range] == expected[expectedRange])
            #expect(snippet.distance(from: snippet.startIndex, to: range.lowerBound)
                == expected.distance(from: expected.startIndex, to: expectedRange.lowerBound))
        }
    }

    /// `Snippet.around` as it was before its byte path: characters all the way.
    static func characterSnippet(_ match: Range<String.Index>, in text: String, width: Int = 80) -> (String, Range<String.Index>) {
        func oneLine(_ text: Substring) -> String { String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }) }
        let matchLength = text.distance(from: match.lowerBound, to: match.upperBound)
        let lead = max(0, min(30, (width - matchLength) / 2))
        let start = text.index(match.lowerBound, offsetBy: -lead, limitedBy: text.startIndex) ?? text.startIndex
        let used = text.distance(from: start, to: match.lowerBound) + matchLength
        let end = text.index(match.upperBound, offsetBy: max(0, width - used), limitedBy: text.endIndex) ?? text.endIndex
        let before = (start > text.startIndex ? "…" : "") + oneLine(text[start..<match.lowerBound])
        let matched = oneLine(text[match])
        let after = oneLine(text[match.upperBound..<end]) + (end < text.endIndex ? "…" : "")
        let snippet = before + matched + after
        let lower = snippet.index(snippet.startIndex, offsetBy: before.count)
        return (snippet, lower..<snippet.index(lower, offsetBy: matched.count))
    }

    @Test func wordAtATimeSearchFindsWhatAByteLoopFinds() throws {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("aAbBqQ zZ@`[{09\u{7f}".utf8) + [0xC3, 0xA9]
        for _ in 0..<3000 {
            let haystack = String(decoding: (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            let needle = String(decoding: (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            guard let matcher = TextMatcher(needle) else { continue }
            let found = matcher.firstMatch(in: haystack)
            // The plain answer: the first byte offset where the ASCII-folded bytes are equal.
            let hay = Array(haystack.utf8).map { (65...90).contains($0) ? $0 | 0x20 : $0 }
            let want = Array(needle.utf8).map { (65...90).contains($0) ? $0 | 0x20 : $0 }
            let asciiQuery = needle.utf8.allSatisfy { $0 < 0x80 }
            guard asciiQuery else { continue }
            let expected = hay.count >= want.count ? (0...(hay.count - want.count)).first { Array(hay[$0..<$0 + want.count]) == want } : nil
            #expect((found == nil) == (expected == nil), "\(haystack) / \(needle)")
            if let found, let expected {
                #expect(haystack.utf8.distance(from: haystack.startIndex, to: found.lowerBound) == expected)
            }
        }
    }

    @Test func pointerComparisonCoversEveryField() {
        // `MessageComparison.same` lists ChatMessage's stored properties; a new one must be added there.
        let message = ChatMessage(id: "m", role: .user, createdAt: Date(timeIntervalSince1970: 0))
        #expect(Mirror(reflecting: message).children.count == 14)
        var variants: [ChatMessage] = []
        func variant(_ change: (inout ChatMessage) -> Void) {
            var changed = message
            change(&changed)
            variants.append(changed)
        }
        variant { $0.id = "n" }
        variant { $0.role = .bot }
        variant { $0.bot = "b" }
        variant { $0.content = "c" }
        variant { $0.contentType = "text/plain" }
        variant { $0.attachments = [StoredAttachment(name: "a", contentType: "t")] }
        variant { $0.parameters = ["k": 1] }
        variant { $0.createdAt = Date(timeIntervalSince1970: 1) }
        variant { $0.completedAt = Date(timeIntervalSince1970: 1) }
        variant { $0.status = .error }
        variant { $0.error = MessageError(text: "e", kind: "k", retryable: false) }
        variant { $0.suggestedReplies = ["s"] }
        variant { $0.files = [ReceivedFile(name: "f", url: "u", contentType: "t")] }
        variant { $0.pointsSpent = 1 }
        for other in variants {
            #expect(MessageComparison.equal([message], [other]) == (message == other))
            #expect(!MessageComparison.equal([message], [other]))
        }
        var withFile = message
        withFile.files = [ReceivedFile(name: "f", url: "u", contentType: "t", inlineRef: "r")]
        var saved = withFile
        saved.files[0].savedPath = "/tmp/f"
        var sized = withFile
        sized.files[0].size = 0
        for other in [saved, sized] { #expect(!MessageComparison.equal([withFile], [other])) }
        #expect(MessageComparison.equal([message], [message]))
        #expect(MessageComparison.firstDifference([message, message], [message]) == 1)
    }
}
