import Foundation

/// One server-sent event of the Poe protocol, and its exact bytes on the wire.
///
/// fastapi_poe (through sse-starlette) writes `event: NAME\r\ndata: JSON\r\n\r\n` with CRLF and
/// builds the JSON with `json.dumps`; keep-alives are comment lines `: ping - <utc time>`.
/// Clients that split on `\n` only, or expect compact JSON, are caught by these bytes.
enum SSEEvent: Sendable, Equatable {
    case meta(suggestedReplies: Bool)
    case text(String)
    case replaceResponse(String)
    case suggestedReply(String)
    case file(url: String, contentType: String, name: String, inlineRef: String?)
    case error(allowRetry: Bool, text: String?, errorType: String?)
    case done

    var name: String {
        switch self {
        case .meta: "meta"
        case .text: "text"
        case .replaceResponse: "replace_response"
        case .suggestedReply: "suggested_reply"
        case .file: "file"
        case .error: "error"
        case .done: "done"
        }
    }

    /// The `data:` payload, keys in the order fastapi_poe's `*_event` helpers insert them.
    var data: JSONValue {
        switch self {
        case .meta(let suggestedReplies):
            return .object([
                "content_type": "text/markdown",
                "refetch_settings": false,
                "linkify": true,
                "suggested_replies": .bool(suggestedReplies),
            ])
        case .text(let text), .replaceResponse(let text), .suggestedReply(let text):
            return .object(["text": .string(text)])
        case .file(let url, let contentType, let name, let inlineRef):
            return .object([
                "url": .string(url),
                "content_type": .string(contentType),
                "name": .string(name),
                "inline_ref": .optional(inlineRef),
            ])
        case .error(let allowRetry, let text, let errorType):
            // fastapi_poe's error_event adds text and error_type only when they are not None.
            var object: JSONObject = ["allow_retry": .bool(allowRetry)]
            if let text { object["text"] = .string(text) }
            if let errorType { object["error_type"] = .string(errorType) }
            return .object(object)
        case .done:
            return .object([:])
        }
    }

    /// Appends `event: NAME\r\ndata: JSON\r\n\r\n`.
    func append(to out: inout [UInt8]) {
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: "\r\ndata: ".utf8)
        PythonJSON.append(data, to: &out)
        out.append(contentsOf: "\r\n\r\n".utf8)
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    /// Appends a `text` event without building a ``JSONValue``: the fast path for Stream's
    /// benchmark replies, byte-identical to `SSEEvent.text(text).append(to:)`.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: "event: text\r\ndata: {\"text\": ".utf8)
        PythonJSON.appendString(text, to: &out)
        out.append(contentsOf: "}\r\n\r\n".utf8)
    }

    /// A keep-alive comment as sse-starlette sends it: `: ping - 2026-11-26 19:48:53.921212+00:00`
    /// (Python's `str(datetime.now(timezone.utc))`), followed by a blank line.
    static func ping(at date: Date = Date()) -> [UInt8] {
        Array(": ping - \(pythonUTCTimestamp(date))\r\n\r\n".utf8)
    }

    /// `str(datetime)` for an aware UTC datetime: microseconds are printed only when non-zero.
    static func pythonUTCTimestamp(_ date: Date) -> String {
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = totalMicros >= 0 ? totalMicros / 1_000_000 : (totalMicros - 999_999) / 1_000_000
        let micros = Int(totalMicros - seconds * 1_000_000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        text += " \(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if micros != 0 { text += ".\(pad(Int32(micros), 6))" }
        return text + "+00:00"
    }
}
