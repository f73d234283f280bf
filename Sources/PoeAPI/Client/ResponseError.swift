import Foundation

/// Turns an unsuccessful response into a `PoeError` a person can read.
enum ResponseError {
    /// Maps a status and body; `bot` names the bot for 404s on bot URLs.
    static func error(for head: HTTPResponseHead, body: [UInt8], bot: String?, redactor: KeyRedactor) -> PoeError {
        let message = redactor.redact(readableMessage(from: body, status: head.status))
        switch head.status {
        case 401:
            return .invalidKey(message)
        case 403 where message.localizedCaseInsensitiveContains("key"):
            return .invalidKey(message)
        case 402:
            return .insufficientPoints(message)
        case 404 where bot != nil:
            return .unknownBot(name: bot ?? "", message: message)
        case 429:
            return .rateLimited(retryAfter: retryAfter(head), message: message)
        case 500...599:
            return .server(status: head.status, message: message)
        default:
            return .http(status: head.status, message: message)
        }
    }

    /// Seconds from a `Retry-After` header (delta-seconds or an HTTP date).
    static func retryAfter(_ head: HTTPResponseHead) -> Double? {
        guard let value = head.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    /// The most useful text of an error body: `error.message` or `detail` from JSON, else the
    /// text itself (trimmed and shortened), else the status's reason phrase.
    static func readableMessage(from body: [UInt8], status: Int) -> String {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) {
            if let message = value["error"]?["message"]?.stringValue ?? value["error"]?.stringValue
                ?? value["detail"]?.stringValue ?? value["message"]?.stringValue {
                return message
            }
        }
        var text = String(decoding: body.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        text = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        if text.isEmpty { return "the server gave no reason (HTTP \(status))" }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// The error for a transport failure.
    static func error(for failure: TransportError, redactor: KeyRedactor) -> PoeError {
        switch failure {
        case .cancelled: return .cancelled
        case .connect(let message): return .network(redactor.redact(message))
        case .connectTimeout(let message): return .timeout(redactor.redact(message))
        case .idle(let limit): return .timeout("no data for \(limit.components.seconds) s")
        case .failed(_, let message): return .network(redactor.redact(message))
        }
    }
}
