import Foundation

/// A tiny PNG encoder: RGB, 8 bits per channel, no filtering, zlib "stored" (uncompressed)
/// blocks, with real CRC-32 and Adler-32 checksums.
///
/// Artist needs a picture any decoder accepts (an image viewer, a terminal graphics protocol,
/// Python's zlib) without bundling a binary resource or pulling in a compression library;
/// stored blocks make the encoder a few lines and the bytes deterministic.
enum PNGImage {
    /// The 8x8 picture Artist draws: a red-to-blue gradient with a yellow diagonal.
    static let artistPicture: Data = encode(width: 8, height: 8) { x, y in
        if x == y { return (0xFF, 0xD7, 0x00) }
        return (UInt8(255 - x * 32), UInt8(y * 24), UInt8(x * 32))
    }

    /// Encodes a `width` x `height` image whose pixel colours come from `pixel(x, y)`.
    static func encode(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + width * 3))
        for y in 0..<height {
            raw.append(0)  // filter type 0 (None) for each scanline
            for x in 0..<width {
                let (red, green, blue) = pixel(x, y)
                raw.append(contentsOf: [red, green, blue])
            }
        }

        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // bit depth 8, RGB, deflate, no filter, no interlace

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibStored(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return Data(png)
    }

    /// A zlib stream holding `data` in uncompressed deflate blocks of at most 65535 bytes.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32K window, no preset dictionary; FCHECK valid
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let isLast = offset + length == data.count
            out.append(isLast ? 1 : 0)  // BFINAL, BTYPE = 00 (stored)
            out.append(UInt8(length & 0xFF))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF))
            out.append(UInt8((~length >> 8) & 0xFF))
            out.append(contentsOf: data[offset..<offset + length])
            offset += length
        } while offset < data.count
        out.appendBigEndian(adler32(data))
        return out
    }

    static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.appendBigEndian(UInt32(body.count))
        png.append(contentsOf: typeBytes)
        png.append(contentsOf: body)
        png.appendBigEndian(crc32(typeBytes + body))
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// CRC-32 (ISO 3309), as PNG chunks use.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
