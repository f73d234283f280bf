/// Removes the API key from text that came from elsewhere (a server's error body may echo a
/// request back) before that text is shown, logged or stored.
struct KeyRedactor: Sendable {
    let key: String

    func redact(_ text: String) -> String {
        // Short keys would redact ordinary words; real Poe keys are long.
        guard key.count >= 8 else { return text }
        return text.replacingOccurrences(of: key, with: "[redacted key]")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
