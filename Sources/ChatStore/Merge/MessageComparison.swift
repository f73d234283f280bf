import Foundation

/// Comparing message lists element by element without copying elements.
///
/// Why: `Array`'s subscript hands out a copy of a `ChatMessage` (a retain and a release of each
/// of its strings and lists), so comparing two 500-message lists that way cost more than the
/// comparisons themselves; every write of a streaming reply compares such lists several times.
enum MessageComparison {
    /// The first position where `first` and `second` differ, or the shorter count when one is a
    /// prefix of the other.
    static func firstDifference(_ first: [ChatMessage], _ second: [ChatMessage]) -> Int {
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                let common = min(first.count, second.count)
                var index = 0
                while index < common, same(first.baseAddress! + index, second.baseAddress! + index) { index += 1 }
                return index
            }
        }
    }

    /// `==`, field by field through pointers: handing the messages themselves to a function,
    /// even as `borrowing`, made the compiler copy them whole.
    /// - Important: lists every stored property of `ChatMessage`; `MergeTests` checks the count.
    @inline(__always)
    static func same(_ first: UnsafePointer<ChatMessage>, _ second: UnsafePointer<ChatMessage>) -> Bool {
        first.pointee.id == second.pointee.id && first.pointee.content == second.pointee.content
            && first.pointee.createdAt == second.pointee.createdAt && first.pointee.completedAt == second.pointee.completedAt
            && first.pointee.status == second.pointee.status && first.pointee.role == second.pointee.role
            && first.pointee.bot == second.pointee.bot && first.pointee.contentType == second.pointee.contentType
            && first.pointee.pointsSpent == second.pointee.pointsSpent && first.pointee.error == second.pointee.error
            && bothEmptyOrEqual(first.pointee.attachments, second.pointee.attachments)
            && bothEmptyOrEqual(first.pointee.parameters, second.pointee.parameters)
            && bothEmptyOrEqual(first.pointee.suggestedReplies, second.pointee.suggestedReplies)
            && bothEmptyOrEqual(first.pointee.files, second.pointee.files)
    }

    /// `==` for lists that are nearly always empty, where `==` itself costs a retain and release.
    @inline(__always)
    private static func bothEmptyOrEqual<Value: Collection & Equatable>(_ first: Value, _ second: Value) -> Bool {
        (first.isEmpty && second.isEmpty) || first == second
    }

    /// `first == second`, the same answer without the copies.
    static func equal(_ first: [ChatMessage], _ second: [ChatMessage]) -> Bool {
        first.count == second.count && firstDifference(first, second) == first.count
    }
}

extension Conversation {
    /// `self == other`, comparing the messages without copying them (see `MessageComparison`).
    func isSame(as other: Conversation) -> Bool {
        // Every other field through `==`, so a field added later is compared too.
        var first = self
        var second = other
        first.messages = []
        second.messages = []
        return first == second && MessageComparison.equal(messages, other.messages)
    }
}
