/// File sizes for people: "512 B", "4.2 KB", "10 MB", "123 MB" (decimal units, as file managers show),
/// one way everywhere: the client's errors, the picker, chips and messages;
/// and "12,345,678 bytes" where the exact number matters.
public enum ByteSize {
    public static func format(_ bytes: Int64) -> String {
        guard bytes >= 1000 else { return "\(bytes) B" }
        var value = Double(bytes)
        var unit = 0
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        // Decide on the rounded value, so 999,999 bytes reads "1.0 MB", not "1000 KB".
        while unit < units.count - 1, (value >= 100 ? value.rounded() : (value * 10).rounded() / 10) >= 1000 {
            value /= 1000
            unit += 1
        }
        let text = value >= 100 ? String(Int(value.rounded())) : String(format1Decimal(value))
        return "\(text) \(units[unit])"
    }

    public static func exact(_ bytes: Int64) -> String {
        grouped(bytes) + (bytes == 1 ? " byte" : " bytes")
    }

    /// `12345678` as "12,345,678".
    public static func grouped<Number: BinaryInteger>(_ number: Number) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// One decimal without Foundation's locale-dependent formatting.
    private static func format1Decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
