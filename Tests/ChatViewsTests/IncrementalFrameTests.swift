import ChatCore
import ChatStore
import Foundation
import Testing
import TerminalUI
@testable import ChatViews

/// A renderer builds each frame on the last one, keeping what did not change. Through a
/// session of streaming, scrolling, typing, switching, overlays and resizes, every frame it
/// makes must equal the frame a fresh renderer draws from nothing: same cells, same cursor.
@Suite struct IncrementalFrameTests {
    /// Drives a state through the reducer and checks each frame against a fresh renderer.
    struct Session {
        var state: AppState
        let renderer = ChatFixture.renderer()
        var frame = 0
        var frames = 0

        init(width: Int, height: Int) {
            state = ChatFixture.state(width: width, height: height)
            state.streams = [:]
        }

        mutating func apply(_ event: AppEvent) {
            _ = Reducer.reduce(&state, event, now: ChatFixture.now)
        }

        mutating func press(_ key: KeyPress.Key, _ modifiers: KeyPress.Modifiers = []) {
            apply(.terminal(.key(KeyPress(key, modifiers))))
        }

        mutating func type(_ text: String) {
            for character in text { press(.character(character)) }
        }

        /// Renders with the long-lived renderer and with a new one; they must agree.
        mutating func check(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let kept = renderer.render(state, frame: frame)
            let fresh = ChatFixture.renderer().render(state, frame: frame)
            frames += 1
            #expect(kept.cells == fresh.cells, "cells differ after \(step):\n\(kept.text)\n--- fresh ---\n\(fresh.text)", sourceLocation: sourceLocation)
            #expect(kept.cursor?.x == fresh.cursor?.x && kept.cursor?.y == fresh.cursor?.y, "cursor differs after \(step)", sourceLocation: sourceLocation)
        }

        /// Sends what is typed and returns the new reply's id.
        mutating func send(_ text: String) -> String {
            type(text)
            press(.enter)
            return state.streams[state.currentID ?? ""] ?? ""
        }
    }

    static let words = ["token", "日本語", "🙂", "`code`", "**bold**", "word", "a-much-longer-word-that-wraps", "\n\n", "- item\n", "| a | b |\n"]

    @Test(arguments: [(80, 24), (160, 48), (60, 15)])
    func everyFrameEqualsAFreshDrawing(width: Int, height: Int) {
        var session = Session(width: width, height: height)
        session.check("start")
        var reply = session.send("stream please")
        session.check("send")
        for index in 0..<240 {
            let id = session.state.currentID ?? ""
            session.apply(.reply(conversationID: id, messageID: reply, .text(Self.words[index % Self.words.count] + " ")))
            if index % 6 == 0 { session.frame += 1 }  // the spinner turns
            switch index {
            case 40: session.press(.pageUp)  // scrolled up while it streams: "new below"
            case 60: session.press(.pageDown)
            case 70: session.press(.end)
            case 90: session.type("typing while it streams")
            case 100: session.apply(.balance(12_000))
            case 110: session.apply(.notice(StatusMessage("A warning", .warning)))
            case 120: session.press(.function(1))  // help over the stream
            case 125: session.press(.escape)
            case 130: session.press(.down, .alt)  // another conversation while this one streams
            case 150: session.press(.up, .alt)
            case 160: session.apply(.terminal(.resize(width: width + 7, height: height + 3)))
            case 170: session.apply(.terminal(.resize(width: 30, height: 8)))  // too small
            case 175: session.apply(.terminal(.resize(width: width, height: height)))
            case 180: session.apply(.reply(conversationID: id, messageID: reply, .replace("Replaced.\n\n")))
            case 200: session.press(.backspace)
            default: break
            }
            session.check("token \(index)")
        }
        session.apply(.reply(conversationID: session.state.currentID ?? "", messageID: reply, .suggestion("More?")))
        session.check("a suggestion")
        session.apply(.reply(conversationID: session.state.currentID ?? "", messageID: reply, .finished(.complete, nil)))
        session.check("the end of the reply")
        session.press(.character("u"), .control)
        reply = session.send("another")
        session.apply(.reply(conversationID: session.state.currentID ?? "", messageID: reply, .finished(.cancelled, nil)))
        session.check("a stopped reply")
        session.press(.character("n"), .control)
        session.check("a new conversation")
        #expect(session.frames == 246)
    }
}
