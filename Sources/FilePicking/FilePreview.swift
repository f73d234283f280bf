import Foundation
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the preview column shows for a file: size, type from content and name, modified time,
/// image dimensions, or the first lines of a text file.
///
/// Reads are bounded: `maxBytes` from the start (4 KB), plus a few small reads to find a JPEG's
/// frame header. Special files (FIFOs, devices) are never opened: opening a FIFO would wait for
/// a writer.
public struct FilePreview: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var modified: Date
    public var type: FileType
    public var dimensions: PixelSize?
    /// The first lines of a text file, inert (controls shown as symbols, tabs as spaces).
    public var lines: [String]
    /// The file has more text than `lines` shows.
    public var moreText: Bool
    /// Why the content could not be read; the type then comes from the name.
    public var problem: FolderError?

    public static let maxBytes = 4096
    public static let maxLines = 20
    /// Characters kept of one preview line; the column is narrower anyway.
    static let maxLineLength = 400

    public init(path: String, size: Int64, modified: Date, type: FileType, dimensions: PixelSize? = nil,
                lines: [String] = [], moreText: Bool = false, problem: FolderError? = nil) {
        self.path = path
        self.size = size
        self.modified = modified
        self.type = type
        self.dimensions = dimensions
        self.lines = lines
        self.moreText = moreText
        self.problem = problem
    }

    /// "PNG image, 640×480", "binary", "UTF-8 text".
    public var summary: String {
        dimensions.map { "\(type.name), \($0)" } ?? type.name
    }

    /// Reads the preview of `path` off the caller's thread (a Dispatch worker, never Swift's
    /// cooperative pool: a slow disk must not stall the client).
    public static func load(path: String) async -> FilePreview {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: read(path: path)) }
        }
    }

    /// Reads the preview of `path` on this thread.
    public static func read(path: String, maxBytes: Int = maxBytes, maxLines: Int = maxLines) -> FilePreview {
        let name = (path as NSString).lastPathComponent
        let byName = FileType.byName(name) ?? .binary
        let status: FileStatus
        switch FileStatus.read(path: path) {
        case .success(let value): status = value
        case .failure(let error):
            return FilePreview(path: path, size: 0, modified: Date(timeIntervalSince1970: 0), type: byName, problem: error)
        }
        var preview = FilePreview(path: path, size: status.size, modified: status.modified, type: byName)
        guard status.kind == .file else {
            preview.type = status.kind == .folder ? FileType("folder", .file) : FileType("special file", .file)
            return preview
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            preview.problem = FolderError(errno: errno)
            return preview
        }
        defer { close(descriptor) }
        let file = OpenFile(descriptor: descriptor)
        let head = file.bytes(at: 0, count: maxBytes)
        let complete = Int64(head.count) >= status.size
        let verdict = ContentSniffing.sniff(head, complete: complete)
        preview.type = ContentSniffing.type(name: name, verdict: verdict)
        if case .known(let type) = verdict { preview.dimensions = ImageDimensions.read(type, from: file) }
        if verdict == .text {
            (preview.lines, preview.moreText) = textLines(head, maxLines: maxLines)
            preview.moreText = preview.moreText || !complete
        }
        return preview
    }

    /// Up to `maxLines` lines of UTF-8 `bytes` (a character cut at the end dropped), made inert.
    static func textLines(_ bytes: [UInt8], maxLines: Int) -> (lines: [String], more: Bool) {
        var end = bytes.count
        while end > 0, String(validating: bytes[0..<end], as: UTF8.self) == nil, bytes.count - end < 4 { end -= 1 }
        var text = String(decoding: bytes[0..<end], as: UTF8.self)
        if text.last?.isNewline == true { text.removeLast() }
        guard !text.isEmpty else { return ([], false) }
        var lines: [String] = []
        var more = false
        // "\r\n" is one Character, so splitting on newline characters handles both line ends.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            guard lines.count < maxLines else {
                more = true
                break
            }
            lines.append(inert(line))
        }
        return (lines, more)
    }

    /// Tabs become spaces to the next multiple of four; other controls become their pictures.
    private static func inert(_ line: Substring) -> String {
        var result = ""
        var column = 0
        for character in line.prefix(maxLineLength) {
            if character == "\t" {
                let spaces = 4 - column % 4
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result += InertText.inert(String(character))
                column += 1
            }
        }
        return result
    }
}

/// Bytes read from an open file with `pread`, for the header parsers.
struct OpenFile: ByteReading {
    let descriptor: Int32

    func bytes(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { break }
            filled += read
        }
        return Array(buffer.prefix(filled))
    }
}
