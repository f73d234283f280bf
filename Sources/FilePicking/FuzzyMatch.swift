/// A filter as typed, prepared for matching: lowercased, as UTF-8, one group of bytes per
/// Unicode scalar.
public struct FuzzyQuery: Sendable, Hashable {
    public let text: String
    /// The lowercased query's UTF-8 bytes.
    let bytes: [UInt8]
    /// Where each scalar starts in `bytes`, plus `bytes.count` at the end.
    let starts: [Int]

    public init(_ text: String) {
        self.text = text
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for scalar in text.lowercased().unicodeScalars {
            starts.append(bytes.count)
            bytes.append(contentsOf: String(scalar).utf8)
        }
        starts.append(bytes.count)
        self.bytes = bytes
        self.starts = starts
    }

    public var isEmpty: Bool { bytes.isEmpty }
    var count: Int { starts.count - 1 }
}

/// fzf-style matching: every character of the query appears in the name, in order, ignoring
/// case. Among the names that match, a higher score means a better match: characters in a run,
/// at the start of a word (after `/ _ - .` or a space) or of the name, little skipped between
/// them, and all of them in the file's own name rather than its folders.
///
/// Works on lowercased UTF-8 bytes: a query scalar matches only its whole byte sequence, which
/// can only start at a scalar boundary (a UTF-8 lead byte is never a continuation byte).
public enum FuzzyMatch {
    /// How many later starts of the first character are tried for a better match: enough for
    /// "doc" to find "my-doc" after "dir-of-cats", bounded so a pathological name stays cheap.
    static let startsTried = 8

    /// The score of `query` against `key` (lowercased UTF-8), or nil when it does not match.
    public static func score(_ query: FuzzyQuery, in key: UnsafeBufferPointer<UInt8>) -> Int? {
        best(query, key, recording: false)?.score
    }

    public static func score(_ query: FuzzyQuery, in key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { best(query, $0, recording: false)?.score }
    }

    /// The byte offsets in `key` where the best match put each query scalar.
    public static func positions(_ query: FuzzyQuery, in key: [UInt8]) -> [Int]? {
        key.withUnsafeBufferPointer { best(query, $0, recording: true)?.positions }
    }

    private static func best(_ query: FuzzyQuery, _ hay: UnsafeBufferPointer<UInt8>, recording: Bool) -> (score: Int, positions: [Int])? {
        guard !query.isEmpty else { return (0, []) }
        return query.bytes.withUnsafeBufferPointer { needle in
            query.starts.withUnsafeBufferPointer { starts -> (score: Int, positions: [Int])? in
                var lastSlash = -1
                for index in 0..<hay.count where hay[index] == 0x2F { lastSlash = index }
                var best: (score: Int, start: Int)?
                var from = 0
                var unused: [Int] = []
                for _ in 0..<startsTried {
                    guard let start = find(needle, starts, 0, in: hay, from: from),
                          let score = walk(needle, starts, hay, start: start, lastSlash: lastSlash, record: false, &unused)
                    else { break }
                    if best == nil || score > best!.score { best = (score, start) }
                    from = start + 1
                }
                guard let start = best?.start, var score = best?.score else { return nil }
                // The whole name typed: first, whatever else scores well.
                if hay.count == needle.count, hay.elementsEqual(needle) { score += 1000 }
                var positions: [Int] = []
                if recording { _ = walk(needle, starts, hay, start: start, lastSlash: lastSlash, record: true, &positions) }
                return (score, positions)
            }
        }
    }

    /// Matches the query greedily from `start` (where its first scalar is), scoring as it goes.
    private static func walk(_ needle: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>, _ hay: UnsafeBufferPointer<UInt8>,
                             start: Int, lastSlash: Int, record: Bool, _ positions: inout [Int]) -> Int? {
        var score = -min(start, 15)
        var position = start
        var previousEnd = -1
        var allInFileName = true
        for unit in 0..<(starts.count - 1) {
            if unit > 0 {
                guard let found = find(needle, starts, unit, in: hay, from: previousEnd) else { return nil }
                position = found
            }
            if record { positions.append(position) }
            score += 16
            if position == previousEnd {
                score += 18
            } else if previousEnd >= 0 {
                score -= 3 + min(position - previousEnd, 24) / 2
            }
            if position == 0 {
                score += 14
            } else {
                switch hay[position - 1] {
                case 0x2F: score += 14  // a folder boundary in a search result's path
                case 0x5F, 0x2D, 0x2E, 0x20: score += 10  // _ - . space
                default: break
                }
            }
            if position <= lastSlash { allInFileName = false }
            previousEnd = position + starts[unit + 1] - starts[unit]
        }
        if allInFileName && lastSlash >= 0 { score += 20 }
        return score
    }

    /// The first place at or after `from` where query scalar `unit` occurs whole.
    private static func find(_ needle: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>, _ unit: Int,
                             in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let first = needle[starts[unit]]
        let length = starts[unit + 1] - starts[unit]
        var index = from
        while index + length <= hay.count {
            if hay[index] == first {
                var same = true
                var offset = 1
                while offset < length {
                    if hay[index + offset] != needle[starts[unit] + offset] {
                        same = false
                        break
                    }
                    offset += 1
                }
                if same { return index }
            }
            index += 1
        }
        return nil
    }
}
