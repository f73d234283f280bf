import ChatStore
import Foundation

/// `@path` in the input: Tab completes the path, and on send every `@path` naming a file becomes
/// an attachment (the text keeps the file's name where the mention was). An `@word` that names
/// no file stays text as typed, so mentions of people are harmless.
public enum PathMentions {
    /// The `@…` word the caret is at the end of, without the `@`; nil when there is none.
    public static func token(beforeCaretIn input: InputBuffer) -> String? {
        let before = input.text.prefix(input.caret)
        guard let at = before.lastIndex(where: { $0 == "@" || $0.isWhitespace }), before[at] == "@" else { return nil }
        // The @ starts a word: at the beginning or after whitespace (not an e-mail address).
        guard at == before.startIndex || before[before.index(before: at)].isWhitespace else { return nil }
        return String(before[before.index(after: at)...])
    }

    /// Every `@word` in the text (at the start or after whitespace), in order, without the `@`.
    public static func tokens(in text: String) -> [String] {
        var found: [String] = []
        for word in text.split(whereSeparator: \.isWhitespace) where word.hasPrefix("@") && word.count > 1 {
            let token = String(word.dropFirst())
            if !found.contains(token) { found.append(token) }
        }
        return found
    }

    /// The text with each resolved `@token` replaced by the attached file's name.
    static func replacing(_ resolved: [String: String], in text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            if word.hasPrefix("@"), let name = resolved[String(word.dropFirst())] { result += name } else { result += word }
            word = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }

    /// Tab: ask the runner to complete the `@path` before the caret.
    static func complete(_ state: inout AppState) -> [Effect] {
        guard let token = token(beforeCaretIn: state.input) else {
            state.status = StatusMessage("Tab completes a file path after @ (e.g. @~/notes.txt); Ctrl-O opens the file picker.")
            return []
        }
        return [.completePath(draft: state.currentID ?? "", token: token)]
    }

    /// The runner's answer: extend the token if the input still ends there; list the choices
    /// when there are several.
    static func completed(_ state: inout AppState, draft: String, token: String, completion: String, choices: [String]) {
        guard draft == state.currentID ?? "", PathMentions.token(beforeCaretIn: state.input) == token else { return }
        if completion.count > token.count, completion.hasPrefix(token) {
            state.input.insert(String(completion.dropFirst(token.count)))
        }
        if choices.isEmpty {
            state.status = StatusMessage("No file or folder matches @\(token).", .warning)
        } else if choices.count > 1 {
            let shown = choices.prefix(8).joined(separator: "  ")
            state.status = StatusMessage(choices.count > 8 ? "\(shown)  … \(choices.count - 8) more" : shown)
        }
    }

    /// Send with `@path` mentions: they are checked first (the runner answers `.mentionsResolved`);
    /// the text waits in the input, locked, meanwhile.
    static func resolveBeforeSending(_ state: inout AppState, text: String) -> [Effect]? {
        let tokens = tokens(in: text)
        guard !tokens.isEmpty else { return nil }
        let key = state.currentID ?? ""
        state.uploads[key] = UploadJob(text: text, checkingMentions: true)
        state.input = InputBuffer(text: text)
        return [.resolveMentions(draft: key, tokens: tokens)]
    }

    static func resolved(_ state: inout AppState, draft: String, files: [String: StoredAttachment], problems: [String], now: Date) -> [Effect] {
        guard let job = state.uploads[draft], job.checkingMentions else { return [] }
        state.uploads[draft] = nil
        if let problem = problems.first {
            state.status = StatusMessage("Not sent: \(problem)", .error)
            return []
        }
        // In the order they were mentioned.
        Attaching.attached(tokens(in: job.text).compactMap { files[$0] }, problems: [], draft: draft, &state)
        let text = replacing(files.mapValues(\.name), in: job.text)
        state.inputs[draft] = InputBuffer()
        return Sending.sendOrCreate(&state, draft: draft, text: text, now: now)
    }
}
