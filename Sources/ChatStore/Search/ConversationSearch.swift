import Foundation

/// Searching every live conversation (archived included, trash excluded), one file at a time.
extension ConversationStore {
    /// Case-insensitive substring search over titles and message contents, newest conversation
    /// first; within one, the title then each matching message (its first match) in order.
    ///
    /// Files are read one at a time and dropped, and a file whose raw bytes cannot contain the
    /// query is not decoded at all, so memory stays that of the largest conversation.
    public func search(_ text: String, limit: Int = 100) -> [SearchHit] {
        guard let matcher = TextMatcher(text), limit > 0, !isClosed else { return [] }
        queue.sync { writeAllPending() }
        let entries: [String: IndexEntry]
        do {
            entries = try folder.indexEntries()
        } catch {
            folder.report(folder.layout.index, .unreadable, "\(error)")
            return []
        }
        var hits: [SearchHit] = []
        for summary in entries.values.map(\.summary).sorted(by: ConversationSummary.newestFirst) {
            if let match = matcher.firstMatch(in: summary.title) {
                hits.append(Self.hit(summary.id, summary.title, nil, in: summary.title, at: match))
                if hits.count >= limit { break }
            }
            let path = folder.layout.conversation(summary.id)
            guard let (data, _) = try? FileSystem.read(path), matcher.mightMatch(fileData: data) else { continue }
            guard let conversation = Self.conversation(in: data, id: summary.id) else {
                _ = try? folder.read(path, id: summary.id)  // moves a corrupt file aside and reports it
                continue
            }
            for message in conversation.messages {
                guard let match = matcher.firstMatch(in: message.content) else { continue }
                hits.append(Self.hit(summary.id, summary.title, message.id, in: message.content, at: match))
                if hits.count >= limit { return hits }
            }
        }
        return hits
    }

    private static func conversation(in data: Data, id: String) -> Conversation? {
        switch try? ConversationFile.decode(data, id: id) {
        case .current(let conversation), .migrated(let conversation, _), .newer(let conversation?, _): conversation
        case .newer(nil, _), nil: nil
        }
    }

    private static func hit(
        _ conversationID: String, _ title: String, _ messageID: String?, in text: String, at match: Range<String.Index>
    ) -> SearchHit {
        let (snippet, range) = Snippet.around(match, in: text)
        return SearchHit(
            conversationID: conversationID, title: title, messageID: messageID, snippet: snippet, matchRange: range)
    }
}

/// A one-line excerpt of about `width` characters around a match.
enum Snippet {
    static func around(
        _ match: Range<String.Index>, in text: String, width: Int = 80
    ) -> (String, Range<String.Index>) {
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
        let upper = snippet.index(lower, offsetBy: matched.count)
        return (snippet, lower..<upper)
    }

    /// Line breaks and tabs as spaces, so a snippet is one line.
    private static func oneLine(_ text: Substring) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
