import ChatCore
import ChatStore
import Foundation
import TerminalUI
@testable import ChatViews

/// One conversation state with everything that is hard to draw (CJK, emoji with a skin tone,
/// a table, a long code block, escape sequences from a hostile bot), at fixed dates in UTC, so
/// the screens drawn from it are the same on every machine and every day.
enum ChatFixture {
    /// 2027-01-15 09:00 UTC: "today" for the renderer.
    static let now = Date(timeIntervalSince1970: 1_800_003_600)
    static let theme = Theme.builtInDefault(colors: .colors256)

    static func renderer() -> ChatRenderer {
        ChatRenderer(theme: theme, times: MessageTimeFormat(timeZone: TimeZone(identifier: "UTC")!), clock: { now })
    }

    static func minutes(_ offset: Double) -> Date { now.addingTimeInterval(offset * 60) }

    static let tableReply = """
        Here is the table:

        | Language | Greeting | Mood |
        |----------|:--------:|-----:|
        | 日本語 | こんにちは | 🙂 |
        | English | hello | 👍🏽 |
        | Emoji | 👩‍💻 and 🇯🇵 | ok |

        **Bold**, *italic*, `inline code` and a [link](https://poe.com).
        """

    static let codeReply = """
        A long one:

        ```swift
        import Foundation

        /// 挨拶する: greets everyone.
        func greet(_ names: [String]) {
            for name in names {
                print("Hello, \\(name)! This line is deliberately long so that it has to wrap on every terminal we draw.")
            }
        }

        greet(["世界", "🙂", "Poe"])
        let total = (1...10).reduce(0, +)
        print(total)
        ```
        Hostile: \u{1B}]0;pwned\u{07} and \u{1B}[31mred\u{1B}[0m done
        """

    static func conversation() -> Conversation {
        var conversation = Conversation(id: "c1", title: "日本語のテスト 🙂 and a long title that goes on", createdAt: minutes(-24 * 60 - 10), bot: "Markdown")
        conversation.append(ChatMessage(id: "m1", role: .user, bot: "Markdown", content: "Show me CJK 日本語, emoji 🙂👍🏽 and a table", createdAt: minutes(-24 * 60 - 10)))
        conversation.append(ChatMessage(id: "m2", role: .bot, bot: "Markdown", content: tableReply, createdAt: minutes(-24 * 60 - 9),
                                        suggestedReplies: ["Tell me more", "もっと"]))
        conversation.append(ChatMessage(id: "m3", role: .user, bot: "Markdown", content: "And a long code block, please — 長いコード 👩‍💻", createdAt: minutes(-30)))
        conversation.append(ChatMessage(id: "m4", role: .bot, bot: "Markdown", content: codeReply, createdAt: minutes(-29)))
        return conversation
    }

    static func state(width: Int, height: Int) -> AppState {
        var state = AppState(width: width, height: height, defaultBot: "Echo")
        let first = conversation()
        var second = Conversation(id: "c2", title: "Second", createdAt: minutes(-120), bot: "Echo")
        second.unread = 2
        let third = Conversation(id: "c3", title: "A reply streaming in the background", createdAt: minutes(-5), bot: "Stream")
        let fourth = Conversation(id: "c4", title: "中文标题很长很长很长很长很长很长很长", createdAt: minutes(-3000), bot: "Assistant")
        _ = Reducer.reduce(&state, .started(conversations: [first.summary, second.summary, third.summary, fourth.summary], open: first), now: now)
        state.streams["c3"] = "m-stream"
        state.balance = 12_345
        state.status = StatusMessage("Saved 4 conversations")
        state.input = InputBuffer(text: "下書き: a draft with 🙂")
        return state
    }

    /// Scrolled up while the open conversation's reply streams in.
    static func scrolledWhileStreaming() -> AppState {
        var state = state(width: 80, height: 24)
        var conversation = state.loaded["c1"]!
        conversation.append(ChatMessage(id: "m5", role: .user, bot: "Markdown", content: "Once more", createdAt: minutes(-1)))
        conversation.append(ChatMessage(id: "m6", role: .bot, bot: "Markdown", content: "Streaming, word by word, and", createdAt: minutes(0), status: .streaming))
        state.loaded["c1"] = conversation
        state.streams["c1"] = "m6"
        state.scrollBack["c1"] = 12
        return state
    }

    static let catalog = [
        BotEntry(id: "Assistant", owner: "Poe", description: "General-purpose assistant", inputs: ["text", "image"], outputs: ["text"]),
        BotEntry(id: "Markdown", owner: "poe-emulator", description: "Replies in markdown: 表 and code", inputs: ["text"], outputs: ["text"]),
        BotEntry(id: "Artist", owner: "poe-emulator", description: "Draws a picture 🎨", inputs: ["text"], outputs: ["image"]),
        BotEntry(id: "A-bot-with-a-very-long-name-that-does-not-fit", owner: "someone", description: "Long names are cut", inputs: ["text"], outputs: ["text", "video"]),
    ]
}
