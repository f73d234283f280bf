import Foundation

/// The time beside each message: `14:05` today, `2026-11-26 14:05` before. The formatters are
/// made once per renderer: making one costs more than drawing a whole frame, and a streaming
/// reply's header is drawn anew with each of its frames.
final class TimeLabels {
    private let calendar = Calendar.current
    private lazy var today = Self.formatter("HH:mm")
    private lazy var earlier = Self.formatter("yyyy-MM-dd HH:mm")

    func label(for date: Date) -> String {
        (calendar.isDateInToday(date) ? today : earlier).string(from: date)
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.dateFormat = format
        return formatter
    }
}
