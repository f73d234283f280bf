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
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = Self.twoDigits(parts.hour) + ":" + Self.twoDigits(parts.minute)
        guard !calendar.isDate(date, inSameDayAs: now) else { return time }
        return "\(parts.year ?? 0)-\(Self.twoDigits(parts.month))-\(Self.twoDigits(parts.day)) \(time)"
    }

    private static func twoDigits(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }
}
