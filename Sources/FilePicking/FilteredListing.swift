/// The listing with the filter applied: which entries show, best match first.
///
/// Each keystroke must stay well under a frame on 10,000 entries, so: the names' lowercased
/// bytes (computed when they were read) sit in one contiguous buffer, matched without a
/// reference count touched; a filter that only grew ("rep" → "repo") searches only the
/// previous matches (anything matching "repo" matched "rep"); new entries from a search in
/// progress are scored alone and merged.
public struct FilteredListing: Sendable, Equatable {
    public private(set) var entries: [FileEntry] = []
    public private(set) var query = FuzzyQuery("")
    public private(set) var showHidden = false
    /// Indices into `entries`, in the order shown: listing order without a filter, best match
    /// first with one (ties keep the shorter name, then listing order).
    public private(set) var visible: [Int] = []
    /// Entries matching `query` (hidden ones left out unless shown), in listing order.
    private var matched: [Match] = []
    /// Every entry's `key` as UTF-8, one after another; entry `i` ends at `keyEnds[i]`.
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []

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

    /// The entry `visible[row]` refers to, by its index in `entries`.
    public func entryIndex(ofRow row: Int) -> Int? { visible.indices.contains(row) ? visible[row] : nil }

    public mutating func removeAll() {
        entries = []
        matched = []
        visible = []
        keyBytes = []
        keyEnds = []
    }

    public mutating func append(_ batch: [FileEntry]) {
        let first = entries.count
        // The first batch is adopted, not copied: a folder's 10,000 entries exist once.
        if entries.isEmpty { entries = batch } else { entries += batch }
        keyEnds.reserveCapacity(entries.count)
        for entry in batch {
            var key = entry.key
            key.withUTF8 { keyBytes.append(contentsOf: $0) }
            keyEnds.append(keyBytes.count)
        }
        let scored = score(first..<entries.count)
        matched += scored
        if query.isEmpty {
            visible += scored.map(\.index)
        } else {
            rank()
        }
    }

    /// Puts `detailed` in place of the entries from `start` on: the same names with their
    /// details, so what matches and its order stay as they are. Entries that do not line up
    /// (another listing's) are left alone.
    public mutating func replace(from start: Int, with detailed: [FileEntry]) {
        guard start >= 0, start + detailed.count <= entries.count else { return }
        for (offset, entry) in detailed.enumerated() where entries[start + offset].name == entry.name && entries[start + offset].folder == entry.folder {
            entries[start + offset] = entry
        }
    }

    public mutating func setFilter(_ text: String) {
        guard text != query.text else { return }
        let narrowing = !query.isEmpty && text.hasPrefix(query.text)
        query = FuzzyQuery(text)
        if narrowing {
            let query = self.query
            matched = withKeys { key in
                matched.compactMap { match in FuzzyMatch.score(query, in: key(match.index)).map { Match(index: match.index, score: $0, length: match.length) } }
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

    private func withKeys<Result>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        keyBytes.withUnsafeBufferPointer { bytes in
            keyEnds.withUnsafeBufferPointer { ends in
                body { index in UnsafeBufferPointer(rebasing: bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]) }
            }
        }
    }

    private func score(_ range: Range<Int>) -> [Match] {
        var result: [Match] = []
        result.reserveCapacity(range.count)
        withKeys { key in
            entries.withUnsafeBufferPointer { entries in
                for index in range {
                    if !showHidden, entries[index].isHidden { continue }
                    let bytes = key(index)
                    if query.isEmpty {
                        result.append(Match(index: index, score: 0, length: bytes.count))
                    } else if let score = FuzzyMatch.score(query, in: bytes) {
                        result.append(Match(index: index, score: score, length: bytes.count))
                    }
                }
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
