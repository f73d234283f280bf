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
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            feed(buffer: buffer, into: &events)
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { feed(buffer: $0, into: &events) }
        }
        return events
    }

    /// Ends the stream. A final event without its blank line is discarded, as the SSE spec says;
    /// a final line without its line end is still interpreted first.
    public mutating func finish() -> [SSEEvent] {
        if !partialLine.isEmpty {
            let line = partialLine
            partialLine.removeAll()
            line.withUnsafeBufferPointer { _ = process(line: $0) }
        }
        previousWasCR = false
        resetEvent()
        return []
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var start = 0
        let count = buffer.count
        guard count > 0 else { return }  // an empty chunk must not forget a trailing CR
        if previousWasCR, count > 0, buffer[0] == .lineFeed {
            start = 1  // the LF of a CRLF split across chunks
        }
        previousWasCR = false
        var index = start
        while index < count {
            let byte = buffer[index]
            if byte == .lineFeed || byte == .carriageReturn {
                let segment = UnsafeBufferPointer(rebasing: buffer[start..<index])
                if partialLine.isEmpty {
                    if let event = process(line: segment) { events.append(event) }
                } else {
                    partialLine.append(contentsOf: segment)
                    let line = partialLine
                    partialLine.removeAll(keepingCapacity: true)
                    if let event = line.withUnsafeBufferPointer({ process(line: $0) }) { events.append(event) }
                }
                if byte == .carriageReturn {
                    if index + 1 < count {
                        if buffer[index + 1] == .lineFeed { index += 1 }
                    } else {
                        previousWasCR = true
                    }
                }
                index += 1
                start = index
            } else {
                index += 1
            }
        }
        if start < count {
            partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<count]))
        }
    }

    /// Interprets one complete line; returns an event when the line was the blank dispatch line.
    private mutating func process(line: UnsafeBufferPointer<UInt8>) -> SSEEvent? {
        guard let first = line.first else { return dispatch() }
        if first == .colon {
            commentCount += 1
            return nil
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
        return nil
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

    private mutating func dispatch() -> SSEEvent? {
        defer { resetEvent() }
        guard hasData || eventName != nil else { return nil }
        let name = eventName.flatMap { $0.isEmpty ? nil : $0 } ?? "message"
        return SSEEvent(name: name, data: String(decoding: dataBuffer, as: UTF8.self))
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
