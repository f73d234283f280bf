import TerminalUI

/// Events as one line of text, the way the tests look for them: `key ctrl-b`,
/// `paste "a\nb"`, `resize 100x30`, `mouse wheel-up 3,4`.
enum EventText {
    static func describe(_ event: TerminalEvent) -> String {
        switch event {
        case .key(let press): return "key \(press)"
        case .paste(let text): return "paste \"\(escaped(text))\""
        case .resize(let width, let height): return "resize \(width)x\(height)"
        case .mouse(.wheelUp(let x, let y)): return "mouse wheel-up \(x),\(y)"
        case .mouse(.wheelDown(let x, let y)): return "mouse wheel-down \(x),\(y)"
        case .mouse(.press(let x, let y)): return "mouse press \(x),\(y)"
        }
    }

    /// Newlines, tabs, quotes and other controls written as escapes, so a paste stays one line.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
