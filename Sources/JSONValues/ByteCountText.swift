import Foundation

/// Human-readable byte counts ("1.5 MB"), decimal units as file managers show them. Here, beside
/// `JSONValue`, because the client's errors, the store and the views all print sizes.
public enum ByteCountText {
    public static func format(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
