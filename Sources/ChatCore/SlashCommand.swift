import ChatStore
import Foundation

/// Lines the user types that are commands, not messages. Only these exact forms are commands;
/// anything else starting with `/` (a path, say) is sent as it is.
///
/// - `/bot NAME`: the bot for the next turn.
/// - `/set NAME VALUE`: a bot parameter for this conversation, sent with every prompt from now on
///   (`thinking_budget`, `reasoning_effort`, `aspect_ratio`…); VALUE is JSON when it parses as JSON
///   (`/set thinking_budget 1000` sends a number), else a string. `/set` alone lists them.
/// - `/unset NAME` removes one; `/unset` alone removes all.
public enum SlashCommand: Equatable, Sendable {
    case bot(String)
    case set(name: String, value: JSONValue)
    case list
    case unset(String?)

    /// For the help overlay and docs/keys.md.
    public static let documentation: [(usage: String, summary: String)] = [
        ("/bot NAME", "The bot that answers the next turn (any bot name, listed or not)"),
        ("/set NAME VALUE", "A bot parameter sent with every message here; VALUE is JSON when it parses (1000, true, \"text\")"),
        ("/set", "List this conversation's bot parameters"),
        ("/unset NAME", "Stop sending a parameter; /unset alone removes them all"),
    ]

    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("/"), !trimmed.contains("\n") else { return nil }
        let words = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
        switch (words[0], words.count) {
        case ("/bot", 2):
            self = .bot(words[1])
        case ("/set", 1):
            self = .list
        case ("/set", 3):
            let value = words[2].trimmingCharacters(in: .whitespaces)
            self = .set(name: words[1], value: JSONValue(parsing: value) ?? .string(value))
        case ("/unset", 1):
            self = .unset(nil)
        case ("/unset", 2):
            self = .unset(words[1])
        default:
            return nil
        }
    }

    func apply(_ state: inout AppState) -> [Effect] {
        switch self {
        case .bot(let name):
            return BotChoice.choose(name, &state)
        case .list:
            let parameters = state.current?.parameters ?? [:]
            state.status = StatusMessage(parameters.isEmpty
                ? "No bot parameters here. /set NAME VALUE adds one (e.g. /set thinking_budget 1000)."
                : "Parameters: " + BotParameters.summary(parameters))
            return []
        case .set(let name, let value):
            return BotParameters.change(&state) { parameters in
                parameters[name] = value
                return "\(name) = \(BotParameters.text(value)) is sent with every message here (/unset \(name) removes it)."
            }
        case .unset(let name):
            return BotParameters.change(&state) { parameters in
                guard let name else {
                    parameters = [:]
                    return "No bot parameters here now."
                }
                guard parameters.removeValue(forKey: name) != nil else { return "\(name) was not set." }
                return "\(name) is no longer sent."
            }
        }
    }
}

/// A conversation's bot parameters, sent with each prompt.
public enum BotParameters {
    static func change(_ state: inout AppState, _ edit: (inout [String: JSONValue]) -> String) -> [Effect] {
        guard let id = state.currentID, var conversation = state.loaded[id] else {
            state.status = StatusMessage("Parameters belong to a conversation: send a first message, then /set.", .warning)
            return []
        }
        state.status = StatusMessage(edit(&conversation.parameters))
        state.loaded[id] = conversation
        return [.save(conversation)]
    }

    /// `name=value` pairs in name order, as the input box's title shows them.
    public static func summary(_ parameters: [String: JSONValue]) -> String {
        parameters.keys.sorted().map { "\($0)=\(text(parameters[$0]!))" }.joined(separator: " ")
    }

    /// Drawn in the input box's title every frame: scalars are formatted directly, without
    /// an encoder.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .double, .array, .object: return value.jsonText
        }
    }
}
