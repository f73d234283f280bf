/// A file's type from its first bytes (magic numbers), with the name as a tie-breaker.
public enum ContentSniffing {
    /// What the first bytes say.
    public enum Verdict: Sendable, Equatable {
        case known(FileType)
        /// Valid UTF-8 with no NUL and few control characters.
        case text
        case binary
        case empty
    }

    /// Looks at `head`, the first bytes of a file; `complete` says whether that is the whole
    /// file (otherwise a multi-byte character cut at the end is not held against it).
    public static func sniff(_ head: [UInt8], complete: Bool) -> Verdict {
        if head.isEmpty { return complete ? .empty : .binary }
        if let type = magic(head) { return .known(type) }
        return isText(head, complete: complete) ? .text : .binary
    }

    /// The type to show for a file: recognised content wins over the name (a PNG named
    /// photo.jpg is a PNG); for text, ZIP-based formats and unrecognised binaries the name's
    /// type is more precise (Markdown text, Word document, MP3 audio without a tag).
    public static func type(name: String, verdict: Verdict) -> FileType {
        let byName = FileType.byName(name)
        switch verdict {
        case .known(let type):
            if type == .zip, let ext = name.split(separator: ".").last?.lowercased(), FileType.zipBased.contains(ext), let byName { return byName }
            if type == .matroska, byName == .webm { return .webm }
            return type
        case .text:
            if let byName, byName.modality == .text { return byName }
            return .text
        case .binary:
            if let byName, byName.modality != .text { return byName }
            return .binary
        case .empty:
            return .empty
        }
    }

    static func magic(_ bytes: [UInt8]) -> FileType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if ascii("GIF87a") || ascii("GIF89a") { return .gif }
        if ascii("RIFF") {
            if ascii("WEBP", at: 8) { return .webp }
            if ascii("WAVE", at: 8) { return .wav }
            if ascii("AVI ", at: 8) { return .avi }
        }
        if ascii("%PDF-") { return .pdf }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) { return .zip }
        if starts([0x1F, 0x8B]) { return .gzip }
        if ascii("BZh") && bytes.count > 3 && (0x31...0x39).contains(bytes[3]) { return .bzip2 }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return .elf }
        if ascii("SQLite format 3\0") { return .sqlite }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if ascii("OggS") { return .ogg }
        if ascii("fLaC") { return .flac }
        if ascii("ID3") || isMP3FrameSync(bytes) { return .mp3 }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .matroska }
        if ascii("ftyp", at: 4), bytes.count >= 12 {
            switch String(decoding: bytes[8..<12], as: UTF8.self) {
            case "M4A ", "M4B ": return .m4a
            case "qt  ": return .quickTime
            case "heic", "heix", "mif1", "msf1": return .heic
            case "avif", "avis": return .avif
            default: return .mp4
            }
        }
        return nil
    }

    /// An MPEG audio layer III frame header: eleven set sync bits, a valid version, layer III.
    private static func isMP3FrameSync(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] & 0xE0 == 0xE0 else { return false }
        let version = (bytes[1] >> 3) & 0x3, layer = (bytes[1] >> 1) & 0x3, bitrate = bytes[2] >> 4
        return version != 1 && layer == 1 && bitrate != 0xF
    }

    /// Valid UTF-8 (a sequence cut by the end of `head` allowed when it is not the whole file),
    /// no NUL, and control characters other than tab, newline, carriage return, form feed and
    /// escape in at most 1 % of the bytes.
    static func isText(_ bytes: [UInt8], complete: Bool) -> Bool {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return false }
            if byte < 0x20, ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains(byte) { controls += 1 }
        }
        guard controls * 100 <= bytes.count else { return false }
        return validUTF8Prefix(bytes, allowCutEnd: !complete)
    }

    static func validUTF8Prefix(_ bytes: [UInt8], allowCutEnd: Bool) -> Bool {
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        guard allowCutEnd else { return false }
        // A read that stops inside a character leaves at most three bytes of it.
        for cut in 1...3 where bytes.count > cut {
            if String(validating: bytes.dropLast(cut), as: UTF8.self) != nil {
                let tail = bytes.suffix(cut)
                let lead = tail.first!
                let needed = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
                return needed > cut && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
            }
        }
        return false
    }
}
