import Synchronization

/// A cell's grapheme as plain bits: its UTF-8 bytes in two words when they fit (15 bytes cover
/// ASCII, CJK, flags, skin tones and a base with its marks), else a number in a shared table.
///
/// Plain bits make a cell trivially copyable: a frame built on the last one copies its 7,680
/// cells as memory, and two cells compare as bytes. With a `Character` in each cell, that
/// copy retained and released every cell and was a third of a streamed frame's cost.
struct PackedGrapheme: Hashable, Sendable {
    /// Bytes 0-7 of the UTF-8.
    private var low: UInt64
    /// Bytes 8-14, and in the top byte the length, or `tableMark` for a table entry whose
    /// number is `low`.
    private var high: UInt64

    private static let tableMark: UInt64 = 0xFF

    static let space = PackedGrapheme(ascii: 0x20)

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    init(ascii byte: UInt8) {
        self.init(low: UInt64(byte), high: 1 << 56)
    }

    init(_ character: Character) {
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first {
            self.init(ascii: byte)
        } else if utf8.count <= 15 {
            var low: UInt64 = 0, high: UInt64 = 0
            for (index, byte) in utf8.enumerated() {
                if index < 8 {
                    low |= UInt64(byte) << (8 * UInt64(index))
                } else {
                    high |= UInt64(byte) << (8 * UInt64(index - 8))
                }
            }
            self.init(low: low, high: high | UInt64(utf8.count) << 56)
        } else if let number = LongGraphemes.shared.number(for: character) {
            self.init(low: number, high: Self.tableMark << 56)
        } else {
            self.init(LongGraphemes.shortened(character))
        }
    }

    /// The byte of a one-byte (ASCII) grapheme; nil for any other.
    var asciiByte: UInt8? {
        high == 1 << 56 ? UInt8(truncatingIfNeeded: low) : nil
    }

    var character: Character {
        let length = Int(high >> 56)
        if length == Int(Self.tableMark) { return LongGraphemes.shared.character(low) }
        if length == 1 { return Character(Unicode.Scalar(UInt8(truncatingIfNeeded: low))) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for index in 0..<length {
            let word = index < 8 ? low : high
            bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8))))
        }
        return String(decoding: bytes, as: UTF8.self).first ?? " "
    }
}

/// Graphemes of more than 15 bytes (long ZWJ sequences, scripts with long clusters), numbered
/// once for the life of the process. A hostile text could make endless new ones: past
/// `limit`, one is kept as its leading scalars that fit in 15 bytes, which is what a terminal
/// cell shows of such a cluster anyway (see CursesTerminal's `CellGlyph`).
final class LongGraphemes: Sendable {
    static let shared = LongGraphemes()
    static let limit = 16_384

    private struct Table {
        var characters: [Character] = []
        var numbers: [Character: UInt64] = [:]
    }

    private let table = Mutex(Table())

    /// The character's number; nil when it is new and the table is full.
    func number(for character: Character) -> UInt64? {
        table.withLock { table in
            if let number = table.numbers[character] { return number }
            guard table.characters.count < Self.limit else { return nil }
            let number = UInt64(table.characters.count)
            table.characters.append(character)
            table.numbers[character] = number
            return number
        }
    }

    func character(_ number: UInt64) -> Character {
        table.withLock { $0.characters[Int(number)] }
    }

    /// The leading scalars of `character` that fit in 15 bytes of UTF-8.
    static func shortened(_ character: Character) -> Character {
        var text = ""
        for scalar in character.unicodeScalars {
            guard text.utf8.count + String(scalar).utf8.count <= 15 else { break }
            text.unicodeScalars.append(scalar)
        }
        return text.first ?? "\u{FFFD}"
    }
}
