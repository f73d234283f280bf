import Foundation

/// How the message pane writes when a message was written: `HH:mm` for a message from today,
/// `yyyy-MM-dd HH:mm` for an older one.
///
/// Gregorian dates and ASCII digits whatever the user's locale and calendar (a Buddhist or
/// Japanese calendar would otherwise change the year); the time zone is the user's unless told,
/// so a test can fix it and draw the same screen on every machine.
public struct MessageTimeFormat: Sendable {
    public let calendar: Calendar

    public init(timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The label for a message written at `date`, seen at `now`.
    public func label(for date: Date, now: Date) -> String {
        let labels = labels(for: date)
        return labels.day.start <= now && now < labels.day.end ? labels.time : labels.full
    }

    /// Both labels a message written at `date` can have, and the day on which the short one
    /// is used.
    func labels(for date: Date) -> (day: DateInterval, time: String, full: String) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = Self.twoDigits(parts.hour) + ":" + Self.twoDigits(parts.minute)
        let day = calendar.dateInterval(of: .day, for: date) ?? DateInterval(start: date, duration: 0)
        return (day, time, "\(parts.year ?? 0)-\(Self.twoDigits(parts.month))-\(Self.twoDigits(parts.day)) \(time)")
    }

    private static func twoDigits(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }
}

/// Message time labels, worked out once per message time: a frame shows a dozen messages, sixty
/// times a second, and asking the calendar each time was a visible part of a frame.
final class MessageTimeLabels {
    let format: MessageTimeFormat
    private var known: [Date: (day: DateInterval, time: String, full: String)] = [:]

    init(format: MessageTimeFormat) {
        self.format = format
    }

    func label(for date: Date, now: Date) -> String {
        if known.count > 4096 { known.removeAll() }
        let labels = known[date] ?? format.labels(for: date)
        known[date] = labels
        return labels.day.start <= now && now < labels.day.end ? labels.time : labels.full
    }
}
