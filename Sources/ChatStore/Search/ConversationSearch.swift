import Foundation
import Synchronization

/// Searching every live conversation (archived included, trash excluded), a few files at a time.
extension ConversationStore {
    /// Case-insensitive substring search over titles and message contents, newest conversation
    /// first; within one, the title then each matching message (its first match) in order.
    ///
    /// Conversations are searched in small batches, the files of a batch in parallel (one per
    /// core) and then dropped, so memory stays that of a few conversations; a file whose raw
    /// bytes cannot contain the query is not decoded at all. Batches start small and grow, so
    /// a search with a small `limit` that is met early reads few files.
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
        let summaries = entries.values.map(\.summary).sorted(by: ConversationSummary.newestFirst)
        var hits: [SearchHit] = []
        var next = 0
        var batchSize = 8
        while next < summaries.count {
            let batch = summaries[next..<min(summaries.count, next + batchSize)]
            next = batch.endIndex
            batchSize = min(batchSize * 2, 64)
            for found in batchHits(batch, matcher) {
                for hit in found {
                    hits.append(hit)
                    if hits.count >= limit { return hits }
                }
            }
        }
        return hits
    }

    /// Each conversation's hits, in the batch's order; the files are searched in parallel.
    private func batchHits(_ batch: ArraySlice<ConversationSummary>, _ matcher: TextMatcher) -> [[SearchHit]] {
        let results = Mutex([[SearchHit]](repeating: [], count: batch.count))
        DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
            let found = conversationHits(batch[batch.startIndex + offset], matcher)
            results.withLock { $0[offset] = found }
        }
        return results.withLock { $0 }
    }

    /// The title's hit, then each message's first match.
    private func conversationHits(_ summary: ConversationSummary, _ matcher: TextMatcher) -> [SearchHit] {
        var hits: [SearchHit] = []
        if let match = matcher.firstMatch(in: summary.title) {
            hits.append(Self.hit(summary.id, summary.title, nil, in: summary.title, at: match))
        }
        let path = folder.layout.conversation(summary.id)
        guard let (data, _) = try? FileSystem.read(path), matcher.mightMatch(fileData: data) else { return hits }
        guard let conversation = Self.conversation(in: data, id: summary.id) else {
            _ = try? folder.read(path, id: summary.id)  // moves a corrupt file aside and reports it
            return hits
        }
        for message in conversation.messages {
            guard let match = matcher.firstMatch(in: message.content) else { continue }
            hits.append(Self.hit(summary.id, summary.title, message.id, in: message.content, at: match))
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
