import Foundation

/// Whether messages' ids are all different, without hashing each id into a `Set<String>`.
///
/// Why: the merge's fast path asks this on every write of a streaming reply, and a `Set` of 500
/// ids (String hashing, a retain and a release each) cost more than the rest of the check. Here
/// each id's bytes make a 64-bit fingerprint in a small open-addressed table; only when two
/// fingerprints collide are the ids compared exactly.
enum UniqueIDs {
    static func check(_ messages: [ChatMessage]) -> Bool {
        guard messages.count > 1 else { return true }
        var size = 16
        while size < messages.count * 2 { size <<= 1 }
        var table = [UInt64](repeating: 0, count: size)
        // Through a pointer to each message: a buffer's subscript hands out a copy of it.
        let prints = messages.withUnsafeBufferPointer { messages in
            (0..<messages.count).map { fingerprint((messages.baseAddress! + $0).pointee.id) }
        }
        for print in prints {
            var slot = Int(truncatingIfNeeded: print) & (size - 1)
            while table[slot] != 0 {
                if table[slot] == print { return exactly(messages) }
                slot = (slot + 1) & (size - 1)
            }
            table[slot] = print
        }
        return true
    }

    /// A multiply-mix of the UTF-8 bytes, eight at a time; never 0 (0 marks an empty slot).
    private static func fingerprint(_ id: String) -> UInt64 {
        func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while bytes.count - offset >= 8 {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 29
                offset += 8
            }
            while offset < bytes.count {
                hash = (hash ^ UInt64(bytes[offset])) &* 0x94D0_49BB_1331_11EB
                offset += 1
            }
            hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
            hash ^= hash >> 32
            return hash == 0 ? 1 : hash
        }
        // The contiguous bytes when the string has them (it nearly always does).
        return id.utf8.withContiguousStorageIfAvailable { hash(UnsafeRawBufferPointer($0)) }
            ?? Array(id.utf8).withUnsafeBytes { hash($0) }
    }

    private static func exactly(_ messages: [ChatMessage]) -> Bool {
        var seen = Set<String>(minimumCapacity: messages.count)
        for index in messages.indices where !seen.insert(messages[index].id).inserted { return false }
        return true
    }
}
