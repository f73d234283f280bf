import Foundation
import Synchronization

/// Conversation and message ids: the UTC time they were made and random hex,
/// `20261126-214500-7f3a`.
///
/// They sort by creation time as plain strings, read well in a file listing, and are safe as file
/// names. Conversation ids carry 4 hex digits (a clash is checked for when one is created);
/// message ids carry 8, since two messages of a turn are usually made in the same second and a
/// clash would merge them. Message ids made by one process in the same second also count up,
/// so a question and its reply created in the same millisecond still sort in the order they
/// were made (messages are ordered by time, then id).
public enum StoreID {
    public static func newConversationID(at date: Date = Date()) -> String {
        "\(StoreDate.compactStamp(date))-\(randomHex(digits: 4))"
    }

    public static func newMessageID(at date: Date = Date()) -> String {
        let stamp = StoreDate.compactStamp(date)
        let value = lastMessageID.withLock { last -> UInt64 in
            let limit: UInt64 = 1 << 32
            var value = UInt64.random(in: 0..<limit)
            if last.stamp == stamp && last.value < limit - 1 {
                value = last.value + 1
            }
            last = (stamp, value)
            return value
        }
        return "\(stamp)-\(hex(value, digits: 8))"
    }

    /// The last message id made in this process: its time and random part.
    private static let lastMessageID = Mutex<(stamp: String, value: UInt64)>(("", 0))

    /// Whether `id` may name a conversation: 1 to 128 of `A-Z a-z 0-9 -`. Anything else (a `/`,
    /// `..`, a space, a NUL) could step outside the store's folders, so it is refused everywhere.
    public static func isValid(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// Throws `ChatStoreError.invalidID` unless `id` is valid.
    static func validate(_ id: String) throws(ChatStoreError) {
        guard isValid(id) else { throw .invalidID(id) }
    }

    private static func randomHex(digits: Int) -> String {
        hex(UInt64.random(in: 0..<(1 << (4 * UInt64(digits)))), digits: digits)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: digits - hex.count) + hex
    }
}
