/// Width and height in pixels.
public struct PixelSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)×\(height)" }
}

/// Bytes at an offset, from memory or from an open file; fewer (or none) past the end.
public protocol ByteReading {
    func bytes(at offset: Int, count: Int) -> [UInt8]
}

extension Array: ByteReading where Element == UInt8 {
    public func bytes(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, offset < self.count, count > 0 else { return [] }
        return Array(self[offset..<Swift.min(self.count, offset + count)])
    }
}

/// Image dimensions from the file headers of PNG, GIF, WebP and JPEG, without decoding pixels.
///
/// Each parser reads a few bytes at known offsets; JPEG walks its segment chain by their
/// lengths (so a large EXIF block before the frame header costs one small read, not its size),
/// at most `maxJPEGSegments` segments. Anything malformed gives nil, never a guess.
public enum ImageDimensions {
    static let maxJPEGSegments = 512

    public static func read(_ type: FileType, from source: some ByteReading) -> PixelSize? {
        switch type {
        case .png: return png(source)
        case .gif: return gif(source)
        case .webp: return webp(source)
        case .jpeg: return jpeg(source)
        default: return nil
        }
    }

    /// IHDR is the first chunk: width and height as big-endian 32-bit numbers.
    static func png(_ source: some ByteReading) -> PixelSize? {
        let head = source.bytes(at: 0, count: 24)
        guard head.count == 24, Array(head[12..<16]) == Array("IHDR".utf8) else { return nil }
        let width = bigEndian(head, 16, 4), height = bigEndian(head, 20, 4)
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else { return nil }
        return PixelSize(width: width, height: height)
    }

    /// The logical screen size after the six-byte signature, little-endian 16-bit numbers.
    static func gif(_ source: some ByteReading) -> PixelSize? {
        let head = source.bytes(at: 0, count: 10)
        guard head.count == 10, Array(head[0..<3]) == Array("GIF".utf8) else { return nil }
        let width = littleEndian(head, 6, 2), height = littleEndian(head, 8, 2)
        guard width > 0, height > 0 else { return nil }
        return PixelSize(width: width, height: height)
    }

    /// RIFF/WEBP with one of three first chunks: `VP8 ` (lossy: 14-bit sizes after the key
    /// frame's start code), `VP8L` (lossless: 14-bit sizes minus one, packed after a 0x2F
    /// signature) or `VP8X` (extended: 24-bit canvas sizes minus one).
    static func webp(_ source: some ByteReading) -> PixelSize? {
        let head = source.bytes(at: 0, count: 30)
        guard head.count >= 16, Array(head[0..<4]) == Array("RIFF".utf8), Array(head[8..<12]) == Array("WEBP".utf8) else { return nil }
        switch String(decoding: head[12..<16], as: UTF8.self) {
        case "VP8 ":
            guard head.count >= 30, head[23] == 0x9D, head[24] == 0x01, head[25] == 0x2A else { return nil }
            let width = littleEndian(head, 26, 2) & 0x3FFF, height = littleEndian(head, 28, 2) & 0x3FFF
            guard width > 0, height > 0 else { return nil }
            return PixelSize(width: width, height: height)
        case "VP8L":
            guard head.count >= 25, head[20] == 0x2F else { return nil }
            let bits = littleEndian(head, 21, 4)
            return PixelSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard head.count >= 30 else { return nil }
            return PixelSize(width: littleEndian(head, 24, 3) + 1, height: littleEndian(head, 27, 3) + 1)
        default:
            return nil
        }
    }

    /// Walks the markers after SOI to the first start-of-frame (SOF0-SOF15 except DHT, JPG and
    /// DAC), whose body holds precision, height, width. Stops at start-of-scan or end-of-image.
    static func jpeg(_ source: some ByteReading) -> PixelSize? {
        guard source.bytes(at: 0, count: 2) == [0xFF, 0xD8] else { return nil }
        var offset = 2
        for _ in 0..<maxJPEGSegments {
            // Markers may be preceded by any number of 0xFF fill bytes.
            var header = source.bytes(at: offset, count: 2)
            guard header.count == 2, header[0] == 0xFF else { return nil }
            var fill = 0
            while header.count == 2, header[1] == 0xFF, fill < 64 {
                offset += 1
                fill += 1
                header = source.bytes(at: offset, count: 2)
            }
            guard header.count == 2 else { return nil }
            let marker = header[1]
            offset += 2
            switch marker {
            case 0xD8, 0x01, 0xD0...0xD7:
                continue  // no length follows
            case 0xD9, 0xDA:
                return nil  // end of image, or scan data before any frame header
            default:
                break
            }
            let lengthBytes = source.bytes(at: offset, count: 2)
            guard lengthBytes.count == 2 else { return nil }
            let length = bigEndian(lengthBytes, 0, 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let frame = source.bytes(at: offset + 2, count: 5)
                guard frame.count == 5 else { return nil }
                let height = bigEndian(frame, 1, 2), width = bigEndian(frame, 3, 2)
                // A height of 0 means "defined later by a DNL marker": rare, and not worth a guess.
                guard width > 0, height > 0 else { return nil }
                return PixelSize(width: width, height: height)
            }
            offset += length
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<start + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<start + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
