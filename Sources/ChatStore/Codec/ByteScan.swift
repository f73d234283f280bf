import Foundation

/// Finding the bytes that end a run of plain JSON string text (`"`, `\`, control characters)
/// eight bytes at a time, since message text is most of every file the store reads and writes.
///
/// The word tests are the classic "has a zero byte" / "has a byte less than n" bit tricks: each
/// says exactly whether a word holds such a byte, and its lowest flagged byte is the first one.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first `"`, `\` or byte below 0x20 in `start..<end` (`end` when none).
    /// `high` collects the bytes' top bits, and may include some past the answer: zero means the
    /// run read was ASCII.
    @inline(__always)
    static func stringEnd(_ base: UnsafeRawPointer, from start: Int, to end: Int, high: inout UInt64) -> Int {
        var position = start
        while end - position >= 8 {
            let word = UInt64(littleEndian: (base + position).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = ((word &- ones &* 0x20) & ~word | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash)
                & highBits
            high |= word
            if special != 0 { return position + special.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < end {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return position }
            high |= UInt64(byte)
            position += 1
        }
        return end
    }
}
