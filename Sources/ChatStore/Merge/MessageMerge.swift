import Foundation

/// The messages half of `Conversation.merged(onto:base:latest:)`: the file's messages with one
/// writer's changes applied (added or changed messages take the writer's version, removed ones
/// go, all others stay as on disk), unique by id and ordered by creation time, then id.
///
/// Why not dictionaries and a sort, as the rule reads: a streamed token into a 500-message
/// conversation then cost two dictionaries of messages and a full sort on every write (about
/// 2 ms). Here the changes are put where their ids already are, and the result is sorted only
/// when a message landed out of order. Ids are unique in the result and the order is strict,
/// so this is exactly the dictionary-and-sort result.
struct MessageMerge {
    private(set) var messages: [ChatMessage]
    /// The latest activity of a message the writer added or changed (`updatedAt` rises to it).
    private(set) var newestChange: Date?

    /// - Parameter unchangedPrefix: how many messages `base` and `latest` begin with in common
    ///   (`MessageComparison.firstDifference`), already known to the caller.
    init(disk: [ChatMessage], base: [ChatMessage], latest: [ChatMessage], unchangedPrefix: Int) {
        if let newest = Self.extendsBase(disk: disk, base: base, latest: latest, unchangedPrefix: unchangedPrefix) {
            messages = latest
            newestChange = newest
            return
        }
        // Where each id is in the writer's base; with an id twice, the last one counts.
        var basePositions = [String: Int](minimumCapacity: base.count)
        for position in base.indices { basePositions[base[position].id] = position }
        var stillThere = [Bool](repeating: false, count: base.count)
        var changes: [ChatMessage] = []
        for index in latest.indices {
            if let position = basePositions[latest[index].id] {
                stillThere[position] = true
                if base[position] == latest[index] { continue }
            }
            changes.append(latest[index])
            newestChange = max(newestChange ?? latest[index].activityDate, latest[index].activityDate)
        }
        var removed = Set<String>()
        for (id, position) in basePositions where !stillThere[position] { removed.insert(id) }

        var (result, positions) = Self.uniqueByID(disk, room: changes.count)
        for change in changes {
            if let position = positions[change.id] {
                result[position] = change
            } else {
                positions[change.id] = result.count
                result.append(change)
            }
        }
        if !removed.isEmpty { result.removeAll { removed.contains($0.id) } }
        if !Self.isOrdered(result) { result.sort(by: Conversation.inOrder) }
        messages = result
    }

    /// The common case, answered without building anything: nobody else wrote since the writer's
    /// base (`disk` equals it), and the writer only changed or appended messages (`latest` starts
    /// with `base`'s ids, in the store's order, each id once). The merge is then `latest` itself.
    /// - Returns: `nil` when this is not the case; else the newest change's time, if any.
    private static func extendsBase(
        disk: [ChatMessage], base: [ChatMessage], latest: [ChatMessage], unchangedPrefix: Int
    ) -> Date?? {
        guard latest.count >= base.count, MessageComparison.equal(disk, base), isOrdered(latest), UniqueIDs.check(latest)
        else { return nil }
        var newest: Date?
        for index in unchangedPrefix..<latest.count {
            if index < base.count {
                guard base[index].id == latest[index].id else { return nil }
                if base[index] == latest[index] { continue }
            }
            newest = max(newest ?? latest[index].activityDate, latest[index].activityDate)
        }
        return .some(newest)
    }

    /// `messages` with only the last of any id given more than once (a file edited by hand), and
    /// where each id is in it.
    private static func uniqueByID(_ messages: [ChatMessage], room: Int) -> ([ChatMessage], [String: Int]) {
        var positions = [String: Int](minimumCapacity: messages.count + room)
        for position in messages.indices { positions[messages[position].id] = position }
        guard positions.count < messages.count else { return (messages, positions) }
        let unique = messages.indices.filter { positions[messages[$0].id] == $0 }.map { messages[$0] }
        positions.removeAll(keepingCapacity: true)
        for position in unique.indices { positions[unique[position].id] = position }
        return (unique, positions)
    }

    private static func isOrdered(_ messages: [ChatMessage]) -> Bool {
        messages.withUnsafeBufferPointer { messages in
            guard messages.count > 1, var previous = messages.baseAddress else { return true }
            for _ in 1..<messages.count {
                let next = previous + 1
                // `Conversation.inOrder` on fields read in place: a buffer's subscript hands out copies.
                let ordered = previous.pointee.createdAt != next.pointee.createdAt
                    ? previous.pointee.createdAt < next.pointee.createdAt : previous.pointee.id < next.pointee.id
                guard ordered else { return false }
                previous = next
            }
            return true
        }
    }
}
