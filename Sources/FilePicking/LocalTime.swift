import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's modified time as the preview shows it, "2026-11-26 14:03" in local time.
///
/// Through the C library's `localtime_r` rather than `DateFormatter` or `TimeZone`: those load
/// ICU's time-zone and locale data, about 5 MB, which alone would be half the picker's memory
/// budget when nothing else has loaded them yet.
public enum LocalTime {
    public static func text(for date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return "?" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
