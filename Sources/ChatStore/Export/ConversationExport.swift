import Foundation

/// The two export formats: Markdown to read or share, JSON to script against.
public enum ExportFormat: Sendable, Hashable, CaseIterable {
    /// Title, then each message with who wrote it and when, attachments and files listed.
    case markdown
    /// The stored file, exactly (pretty-printed, sorted keys; see `docs/store-format.md`).
    case json
}

extension ConversationStore {
    /// One conversation as text, with anything saved before this call.
    /// - Parameter timeZone: for the times in Markdown (JSON dates are always UTC).
    public func export(_ id: String, format: ExportFormat, timeZone: TimeZone = .current) throws -> String {
        let conversation = try load(id)
        switch format {
        case .markdown:
            return MarkdownExport(timeZone: timeZone).render(conversation)
        case .json:
            // `load` rewrote an older schema, so the file is current (or a newer poe-tui's, as it is).
            guard let (data, _) = try FileSystem.read(folder.layout.conversation(id)) else {
                throw ChatStoreError.notFound(id)
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
