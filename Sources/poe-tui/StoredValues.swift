import Foundation
import ChatStore
import PoeAPI

extension Conversation {
    /// The conversation as query history: its system prompt, then every user message and every
    /// bot reply that has text (a failed reply with nothing in it is not history).
    var queryHistory: [ProtocolMessage] {
        var history: [ProtocolMessage] = []
        if let systemPrompt, !systemPrompt.isEmpty { history.append(ProtocolMessage(role: .system, content: systemPrompt)) }
        for message in messages {
            switch message.role {
            case .user:
                history.append(ProtocolMessage(
                    role: .user, content: message.content, contentType: message.contentType,
                    attachments: message.attachments.compactMap { attachment in
                        attachment.url.map { PoeAttachment(url: $0, contentType: attachment.contentType, name: attachment.name) }
                    }
                ))
            case .bot where !message.content.isEmpty:
                history.append(ProtocolMessage(role: .bot, content: message.content, contentType: message.contentType))
            case .bot, .system:
                continue
            }
        }
        return history
    }

    /// A title from the start of the first message: its first line, at most 60 characters.
    static func title(from prompt: String) -> String {
        let firstLine = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}

extension MessageError {
    init(_ error: PoeError) {
        self.init(text: error.description, kind: EventJSON.kind(of: error), retryable: error.isTransient)
    }
}
