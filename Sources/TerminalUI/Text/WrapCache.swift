/// Wrapped lines kept per item (a message, a list entry) while its revision and the width stay
/// the same, so a frame costs what changed and what is visible, not the whole history.
///
/// One entry per item: a new revision or width replaces the old entry, so a streaming reply
/// that changes sixty times a second never piles up stale copies. Past `capacity` items, the
/// least recently used half is dropped.
///
/// - Important: A reference type for the render loop to own and pass to views; it is not
///   `Sendable` and belongs to the one isolation domain that renders.
public final class WrapCache<ID: Hashable, Lines> {
    private struct Entry {
        var revision: Int
        var width: Int
        var lines: Lines
        var lastUse: Int
    }

    public let capacity: Int
    private var entries: [ID: Entry] = [:]
    private var clock = 0

    /// Wraps done since the cache was made: for tests and the performance log.
    public private(set) var misses = 0

    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { entries.count }

    /// The lines for `id` at `revision` and `width`, wrapping with `wrap` only when the cached
    /// ones are for another revision or width.
    public func lines(for id: ID, revision: Int, width: Int, wrap: () -> Lines) -> Lines {
        clock += 1
        if var entry = entries[id], entry.revision == revision, entry.width == width {
            entry.lastUse = clock
            entries[id] = entry
            return entry.lines
        }
        misses += 1
        let lines = wrap()
        entries[id] = Entry(revision: revision, width: width, lines: lines, lastUse: clock)
        if entries.count > capacity { evictOldHalf() }
        return lines
    }

    public func remove(_ id: ID) { entries[id] = nil }

    public func removeAll() { entries.removeAll() }

    private func evictOldHalf() {
        let uses = entries.values.map(\.lastUse).sorted()
        let cutoff = uses[uses.count / 2]
        entries = entries.filter { $0.value.lastUse >= cutoff }
    }
}
