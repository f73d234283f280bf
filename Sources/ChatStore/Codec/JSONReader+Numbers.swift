import Foundation

/// Numbers, as strict JSON writes them and as `JSONDecoder` turns them into Swift values.
extension JSONReader {
    /// An integer written as one (`12`, `-3`); a fraction or exponent is left to JSONDecoder.
    mutating func int() throws(Unexpected) -> Int {
        let number = try scanNumber()
        guard !number.hasFraction, let value = number.integer else { throw Unexpected() }
        return value
    }

    /// A number as `StoredJSON` reads it through `JSONDecoder`: an integer when its value is a
    /// whole number that fits (`1.0` and `1e2` too), otherwise a double.
    mutating func number() throws(Unexpected) -> StoredJSON {
        let number = try scanNumber()
        if !number.hasFraction, let value = number.integer { return .int(value) }
        let text = String(decoding: bytes(number.start, position), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Unexpected() }
        // Beyond 2^53 whole doubles and integers part ways; which one JSONDecoder makes of such
        // text is its business.
        guard abs(value) < 9_007_199_254_740_992 else { throw Unexpected() }
        return value == value.rounded(.towardZero) ? .int(Int(value)) : .double(value)
    }

    struct ScannedNumber {
        var start: Int
        var hasFraction: Bool
        /// The value when it is an integer literal that fits `Int`.
        var integer: Int?
    }

    /// Reads a number's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func scanNumber() throws(Unexpected) -> ScannedNumber {
        skipWhitespace()
        let start = position
        let negative = position < count && byte(at: position) == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var magnitude: UInt64 = 0
        var overflow = false
        while position < count, case let digit = byte(at: position) &- UInt8(ascii: "0"), digit < 10 {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(digit))
            overflow = overflow || o1 || o2
            magnitude = plus
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0, digitCount == 1 || byte(at: digitsStart) != UInt8(ascii: "0") else { throw Unexpected() }
        var hasFraction = false
        if position < count, byte(at: position) == UInt8(ascii: ".") {
            position += 1
            try scanDigits()
            hasFraction = true
        }
        if position < count, byte(at: position) | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count, byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") {
                position += 1
            }
            try scanDigits()
            hasFraction = true
        }
        var integer: Int?
        if !overflow {
            if negative {
                integer = magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
            } else {
                integer = magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
            }
        }
        return ScannedNumber(start: start, hasFraction: hasFraction, integer: integer)
    }

    private mutating func scanDigits() throws(Unexpected) {
        let start = position
        while position < count, byte(at: position) &- UInt8(ascii: "0") < 10 { position += 1 }
        guard position > start else { throw Unexpected() }
    }
}
