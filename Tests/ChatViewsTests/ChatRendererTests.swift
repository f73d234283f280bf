import ChatCore
import ChatStore
import Foundation
import Testing
import TerminalUI
@testable import ChatViews

@Suite("Chat screen")
struct ChatRendererTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func state(width: Int, height: Int) -> AppState {
        var state = AppState(width: width, height: height, defaultBot: "Echo")
        var first = Conversation(id: "c1", title: "日本語のテスト 🙂 and a long title that goes on", createdAt: now, bot: "Markdown")
        first.append(ChatMessage(role: .user, content: "Show me CJK 日本語, emoji 🙂👍🏽 and a table", createdAt: now))
        first.append(ChatMessage(role: .bot, bot: "Markdown", content: """
        | lang | kind |
        |------|------|
        | 日本 | 🙂 |

        ```swift
        let value = "a very long line of code that will certainly need wrapping on a narrow terminal"
        ```
        Hostile: \u{1B}]0;pwned\u{07} done
        """, createdAt: now, suggestedReplies: ["Tell me more"]))
        var second = Conversation(id: "c2", title: "Second", createdAt: now, bot: "Echo")
        second.unread = 2
        _ = Reducer.reduce(&state, .started(conversations: [first.summary, second.summary], open: first), now: now)
        return state
    }

    let theme = Theme.builtInDefault(colors: .colors256)

    @Test(arguments: [(80, 24), (60, 15), (160, 48)])
    func drawsEverySizeWithoutLeaks(size: (Int, Int)) {
        let screen = ChatRenderer(theme: theme).render(state(width: size.0, height: size.1))
        let text = screen.text
        #expect(screen.width == size.0 && screen.height == size.1)
        // Bot text is inert: no raw escape or bell reaches the screen.
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
        #expect(text.contains("␛]0;pwned␇"))
        #expect(text.contains("日本語") || size.0 < 80)
        #expect(text.contains("Markdown"))
        // The list shows from 80 columns only.
        #expect(text.contains("Conversations") == (size.0 >= 80))
        // Wide graphemes are whole: every continuation cell follows a width-2 cell.
        for y in 0..<screen.height {
            for x in 0..<screen.width where screen[x, y].isContinuation {
                #expect(x > 0 && screen[x - 1, y].width == 2, "stray half at \(x),\(y)")
            }
        }
        print("--- \(size.0)x\(size.1)\n\(text)")
    }

    @Test func tooSmallSaysSo() {
        let screen = ChatRenderer(theme: theme).render(state(width: 39, height: 9))
        #expect(screen.text.contains("Terminal too small"))
    }

    @Test func scrolledUpShowsTheNewBelowMarker() {
        var scrolled = state(width: 80, height: 24)
        scrolled.scrollBack["c1"] = 3
        #expect(ChatRenderer(theme: theme).render(scrolled).text.contains("End: back to the newest"))
    }

    @Test func unchangedMessagesAreNotWrappedAgain() {
        let renderer = ChatRenderer(theme: theme)
        var current = state(width: 100, height: 30)
        _ = renderer.render(current)
        let first = renderer.wraps
        _ = renderer.render(current)
        #expect(renderer.wraps == first)
        current.input.insert("typing does not rewrap messages")
        _ = renderer.render(current)
        #expect(renderer.wraps == first)
    }
}
