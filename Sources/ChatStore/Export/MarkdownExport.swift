import Foundation

/// Renders a conversation as Markdown: a title, a line of facts, then each message under a
/// heading saying who wrote it ("You" or the bot's name) and when.
struct MarkdownExport {
    var timeZone: TimeZone

    func render(_ conversation: Conversation) -> String {
        var lines: [String] = []
        lines.append("# \(conversation.title.isEmpty ? "Untitled conversation" : conversation.title)")
        lines.append("")
        lines.append("Bot: \(conversation.bot) · started \(time(conversation.createdAt)) · \(count(conversation.messages.count))")
        if let prompt = conversation.systemPrompt, !prompt.isEmpty {
            lines.append("")
            lines.append("System prompt:")
            lines.append("")
            lines.append(contentsOf: prompt.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" })
        }
        for message in conversation.messages {
            lines.append("")
            lines.append("---")
            lines.append("")
            lines.append(heading(message, conversation: conversation))
            lines.append("")
            if !message.content.isEmpty {
                lines.append(message.content)
                lines.append("")
            }
            if let note = statusNote(message) {
                lines.append(note)
                lines.append("")
            }
            if !message.attachments.isEmpty {
                lines.append("Attachments:")
                lines.append(contentsOf: message.attachments.map(attachmentLine))
                lines.append("")
            }
            if !message.files.isEmpty {
                lines.append("Files:")
                lines.append(contentsOf: message.files.map(fileLine))
                lines.append("")
            }
            while lines.last == "" { lines.removeLast() }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func heading(_ message: ChatMessage, conversation: Conversation) -> String {
        let author: String
        switch message.role {
        case .user: author = "You"
        case .bot: author = message.bot ?? conversation.bot
        case .system: author = "System"
        }
        var heading = "### \(author) · \(time(message.createdAt))"
        if let points = message.pointsSpent { heading += " · \(points) points" }
        return heading
    }

    private func statusNote(_ message: ChatMessage) -> String? {
        switch message.status {
        case .complete: nil
        case .streaming: "*(still being written)*"
        case .interrupted: "*(interrupted: the reply stopped before it finished)*"
        case .cancelled: "*(cancelled)*"
        case .error: "*(error: \(message.error?.text ?? "the reply failed"))*"
        }
    }

    private func attachmentLine(_ attachment: StoredAttachment) -> String {
        var details = [attachment.contentType]
        if let size = attachment.size { details.append(Self.size(size)) }
        var line = "- \(attachment.name) (\(details.joined(separator: ", ")))"
        if let path = attachment.localPath { line += ": \(path)" } else if let url = attachment.url { line += ": <\(url)>" }
        return line
    }

    private func fileLine(_ file: ReceivedFile) -> String {
        var details = [file.contentType]
        if let size = file.size { details.append(Self.size(size)) }
        var line = "- [\(file.name)](<\(file.url)>) (\(details.joined(separator: ", ")))"
        if let path = file.savedPath { line += ", saved as \(path)" }
        return line
    }

    private func count(_ messages: Int) -> String {
        messages == 1 ? "1 message" : "\(messages) messages"
    }

    /// `2026-11-26 21:45 UTC`, or `2026-11-26 22:45 +01:00` in another time zone.
    func time(_ date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = CivilTime(secondsSince1970: Int64((date.timeIntervalSince1970 + Double(offset)).rounded(.down)))
        let zone: String
        if offset == 0 {
            zone = "UTC"
        } else {
            let minutes = abs(offset) / 60
            zone = "\(offset < 0 ? "-" : "+")\(two(minutes / 60)):\(two(minutes % 60))"
        }
        return "\(local.year)-\(two(local.month))-\(two(local.day)) \(two(local.hour)):\(two(local.minute)) \(zone)"
    }

    private func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
