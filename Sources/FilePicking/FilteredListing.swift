/// The listing with the filter applied: which entries show, best match first.
///
/// Each keystroke must stay well under a frame on 10,000 entries, so: names are matched as
/// lowercased bytes computed when they were read; a filter that only grew ("rep" → "repo")
/// searches only the previous matches (anything matching "repo" matched "rep"); new entries
/// from a search in progress are scored alone and merged.
public struct FilteredListing: Sendable, Equatable {
    public private(set) var entries: [FileEntry] = []
    public private(set) var query = FuzzyQuery("")
    public private(set) var showHidden = false
    /// Indices into `entries`, in the order shown: listing order without a filter, best match
    /// first with one (ties keep the shorter name, then listing order).
    public private(set) var visible: [Int] = []
    /// Entries matching `query` (hidden ones left out unless shown), in listing order.
    private var matched: [Match] = []

    struct Match: Sendable, Equatable {
        var index: Int
        var score: Int
        var length: Int
    }

    public init(showHidden: Bool = false) {
        self.showHidden = showHidden
    }

    public subscript(row: Int) -> FileEntry { entries[visible[row]] }
    public var count: Int { visible.count }

    /// Row of the entry at `index` in `entries`, if it shows.
    public func row(ofEntry index: Int) -> Int? { visible.firstIndex(of: index) }

    public mutating func removeAll() {
        entries = []
        matched = []
        visible = []
    }

    public mutating func append(_ batch: [FileEntry]) {
        let first = entries.count
        entries += batch
        let scored = score(first..<entries.count)
        matched += scored
        if query.isEmpty {
            visible += scored.map(\.index)
        } else {
            rank()
        }
    }

    public mutating func setFilter(_ text: String) {
        guard text != query.text else { return }
        let narrowing = !query.isEmpty && text.hasPrefix(query.text)
        query = FuzzyQuery(text)
        if narrowing {
            matched = matched.compactMap { match in
                FuzzyMatch.score(query, in: entries[match.index].key).map { Match(index: match.index, score: $0, length: match.length) }
            }
        } else {
            matched = score(entries.indices)
        }
        rank()
    }

    public mutating func setShowHidden(_ show: Bool) {
        guard show != showHidden else { return }
        showHidden = show
        matched = score(entries.indices)
        rank()
    }

    private func score(_ range: Range<Int>) -> [Match] {
        var result: [Match] = []
        result.reserveCapacity(range.count)
        for index in range {
            let entry = entries[index]
            if !showHidden, entry.isHidden { continue }
            if query.isEmpty {
                result.append(Match(index: index, score: 0, length: entry.key.count))
            } else if let score = FuzzyMatch.score(query, in: entry.key) {
                result.append(Match(index: index, score: score, length: entry.key.count))
            }
        }
        return result
    }

    private mutating func rank() {
        guard !query.isEmpty else {
            visible = matched.map(\.index)
            return
        }
        visible = matched.sorted { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.length != right.length { return left.length < right.length }
            return left.index < right.index
        }.map(\.index)
    }
}
