import ChatCore
import ChatStore
import Foundation
import Testing
import TerminalUI
@testable import ChatViews

/// Properties every drawn screen keeps, whatever it looks like (the exact looks are in
/// `ChatScreenSnapshotTests`).
@Suite("Chat screen")
struct ChatRendererTests {
    @Test(arguments: [(80, 24), (60, 15), (160, 48), (40, 10), (123, 37)])
    func drawsEverySizeWithoutLeaks(size: (Int, Int)) {
        let screen = ChatFixture.renderer().render(ChatFixture.state(width: size.0, height: size.1))
        let text = screen.text
        #expect(screen.width == size.0 && screen.height == size.1)
        // Bot text is inert: no raw escape or bell reaches the screen.
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
        #expect(text.contains("Markdown"))
        // The list shows from 80 columns only.
        #expect(text.contains("Conversations") == (size.0 >= 80))
        // Wide graphemes are whole: a continuation cell follows each width-2 cell, and only those.
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                if screen[x, y].isContinuation {
                    #expect(x > 0 && screen[x - 1, y].width == 2, "stray right half at \(x),\(y)")
                } else if screen[x, y].width == 2 {
                    #expect(x + 1 < screen.width && screen[x + 1, y].isContinuation, "stray left half at \(x),\(y)")
                }
            }
        }
    }

    @Test func hostileTextIsDrawnAsPictures() {
        let text = ChatFixture.renderer().render(ChatFixture.state(width: 160, height: 48)).text
        #expect(text.contains("␛]0;pwned␇ and ␛[31mred␛[0m done"))
    }

    @Test func messageTimesDoNotDependOnTheMachinesTimeZone() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC
        let utc = MessageTimeFormat(timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.label(for: date, now: date.addingTimeInterval(3600)) == "08:00")
        #expect(utc.label(for: date, now: date.addingTimeInterval(86_400)) == "2027-01-15 08:00")
        let tokyo = MessageTimeFormat(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.label(for: date, now: date) == "17:00")
        // Past midnight in Tokyo it is another day there, still the same day in UTC.
        #expect(tokyo.label(for: date, now: date.addingTimeInterval(8 * 3600)) == "2027-01-15 17:00")
        #expect(utc.label(for: date, now: date.addingTimeInterval(8 * 3600)) == "08:00")
    }

    @Test func aMessagesTimeBecomesADateAfterMidnight() {
        var today = ChatFixture.now
        let renderer = ChatRenderer(theme: ChatFixture.theme, times: MessageTimeFormat(timeZone: TimeZone(identifier: "UTC")!), clock: { today })
        let state = ChatFixture.state(width: 160, height: 48)
        #expect(renderer.render(state).text.contains("Markdown  08:31"))
        today = today.addingTimeInterval(86_400)
        #expect(renderer.render(state).text.contains("Markdown  2027-01-15 08:31"))
    }

    @Test func unchangedMessagesAreNotWrappedAgain() {
        let renderer = ChatFixture.renderer()
        var current = ChatFixture.state(width: 100, height: 30)
        _ = renderer.render(current)
        let first = renderer.wraps
        _ = renderer.render(current)
        #expect(renderer.wraps == first)
        current.input.insert("typing does not rewrap messages")
        _ = renderer.render(current)
        #expect(renderer.wraps == first)
    }
}
