#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One server-sent event: its name (`message` when the stream named none) and its data lines
/// joined with `\n`.
public struct SSEEvent: Sendable, Equatable {
    public var name: String
    public var data: String

    public init(name: String, data: String) {
        self.name = name
        self.data = data
    }
}

/// An incremental parser for `text/event-stream` bodies that works on raw bytes.
///
/// It follows the algorithm fastapi_poe's client uses (httpx-sse, itself the WHATWG one):
/// lines end in LF, CR or CRLF, even when a CRLF pair is split across two chunks; lines starting
/// with `:` are comments (Poe's keep-alive pings); several `data:` lines join with `\n`; one space
/// after the colon is dropped; a blank line dispatches. Because lines split only at ASCII CR/LF,
/// a UTF-8 character split across chunks is reassembled before it is decoded.
///
/// - Important: Feeding the same bytes in any chunking yields the same events.
public struct SSEParser: Sendable {
    private var partialLine: [UInt8] = []
    private var previousWasCR = false
    private var eventName: String?
    private var dataBuffer: [UInt8] = []
    private var hasData = false

    /// Comment lines seen so far (`: ping ...`); useful to tell an idle stream from a dead one.
    public private(set) var commentCount = 0

    public init() {}

    /// Feeds the next chunk of the body and returns the events it completed, in order.
    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var events: [SSEEvent] = []
        feed(bytes) { name, data in events.append(SSEEvent(name: name, data: String(decoding: data, as: UTF8.self))) }
        return events
    }

    /// Feeds the next chunk of the body; `onEvent` receives each completed event's name and
    /// data bytes, in order. The bytes are valid only during the call: the hot path decodes
    /// them in place instead of building a string per event.
    public mutating func feed<Bytes: Collection>(
        _ bytes: Bytes,
        onEvent: (_ name: String, _ data: UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows where Bytes.Element == UInt8 {
        let handled: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            try feed(buffer: buffer, onEvent: onEvent)
        }
        if handled == nil {
            let copy = Array(bytes)
            try copy.withUnsafeBufferPointer { try feed(buffer: $0, onEvent: onEvent) }
        }
    }

    /// Ends the stream. A final event without its blank line is discarded, as the SSE spec says;
    /// a final line without its line end is still interpreted first.
    public mutating func finish() -> [SSEEvent] {
        if !partialLine.isEmpty {
            let line = partialLine
            partialLine.removeAll()
            _ = line.withUnsafeBufferPointer { process(line: $0) }
        }
        previousWasCR = false
        resetEvent()
        return []
    }

    private mutating func feed(
        buffer: UnsafeBufferPointer<UInt8>,
        onEvent: (String, UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var start = 0
        let count = buffer.count
        guard count > 0 else { return }  // an empty chunk must not forget a trailing CR
        if previousWasCR, buffer[0] == .lineFeed {
            start = 1  // the LF of a CRLF split across chunks
        }
        previousWasCR = false
        // Line ends are found with memchr (vectorised), one search per terminator kind, each
        // resumed only once passed: every byte is looked at about once.
        var nextCR = Self.find(.carriageReturn, in: buffer, from: start)
        var nextLF = Self.find(.lineFeed, in: buffer, from: start)
        while true {
            let end = min(nextCR, nextLF)
            guard end < count else { break }
            let segment = UnsafeBufferPointer(rebasing: buffer[start..<end])
            let dispatches: Bool
            if partialLine.isEmpty {
                dispatches = process(line: segment)
            } else {
                partialLine.append(contentsOf: segment)
                let line = partialLine
                partialLine.removeAll(keepingCapacity: true)
                dispatches = line.withUnsafeBufferPointer { process(line: $0) }
            }
            if dispatches { try dispatch(onEvent) }
            start = end + 1
            if buffer[end] == .carriageReturn {
                if start < count {
                    if buffer[start] == .lineFeed { start += 1 }
                } else {
                    previousWasCR = true
                }
            }
            if nextCR < start { nextCR = Self.find(.carriageReturn, in: buffer, from: start) }
            if nextLF < start { nextLF = Self.find(.lineFeed, in: buffer, from: start) }
        }
        if start < count {
            partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<count]))
        }
    }

    /// The index of the first `byte` at or after `from`, or `buffer.count`.
    private static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + from, Int32(byte), buffer.count - from) else { return buffer.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Interprets one complete line; returns true when it is the blank line that dispatches.
    private mutating func process(line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return true }
        if first == .colon {
            commentCount += 1
            return false
        }
        let colon = line.firstIndex(of: .colon) ?? line.count
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == .space { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart..<line.count])
        switch Field(line, colon: colon) {
        case .data:
            if hasData { dataBuffer.append(.lineFeed) }
            dataBuffer.append(contentsOf: value)
            hasData = true
        case .event:
            eventName = String(decoding: value, as: UTF8.self)
        case .other:
            // `id` and `retry` are not used by Poe; other fields are ignored, as the spec says.
            break
        }
        return false
    }

    /// The two fields Poe uses, recognised by their bytes without building a string.
    private enum Field {
        case data, event, other

        init(_ line: UnsafeBufferPointer<UInt8>, colon: Int) {
            if colon == 4, line[0] == 0x64, line[1] == 0x61, line[2] == 0x74, line[3] == 0x61 {  // "data"
                self = .data
            } else if colon == 5, line[0] == 0x65, line[1] == 0x76, line[2] == 0x65, line[3] == 0x6E, line[4] == 0x74 {  // "event"
                self = .event
            } else {
                self = .other
            }
        }
    }

    /// Hands the collected event on (an event with neither name nor data is no event).
    private mutating func dispatch(_ onEvent: (String, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        defer { resetEvent() }
        guard hasData || eventName != nil else { return }
        let name = eventName.flatMap { $0.isEmpty ? nil : $0 } ?? "message"
        try dataBuffer.withUnsafeBufferPointer { try onEvent(name, $0) }
    }

    private mutating func resetEvent() {
        eventName = nil
        dataBuffer.removeAll(keepingCapacity: true)
        hasData = false
    }
}

extension UInt8 {
    fileprivate static let lineFeed: UInt8 = 0x0A
    fileprivate static let carriageReturn: UInt8 = 0x0D
    fileprivate static let colon: UInt8 = 0x3A
    fileprivate static let space: UInt8 = 0x20
}
