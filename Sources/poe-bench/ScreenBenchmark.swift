import ChatCore
import ChatStore
import ChatViews
import Foundation
import TerminalUI

/// Frame costs of the full-screen app, without a terminal: `ChatRenderer` drawing into a
/// `Screen` at 160x48, the largest size the tests use.
enum ScreenBenchmark {
    static func run() {
        let now = Date()
        var conversation = Conversation(id: "20261126-000000-beef", title: "A long conversation", createdAt: now, bot: "Markdown")
        for index in 0..<2_000 {
            conversation.append(ChatMessage(role: index % 2 == 0 ? .user : .bot, bot: index % 2 == 0 ? nil : "Markdown",
                                            content: StoreBenchmark.text(seed: index, length: 300), createdAt: now))
        }
        var state = AppState(width: 160, height: 48, defaultBot: "Markdown")
        _ = Reducer.reduce(&state, .started(conversations: [conversation.summary], open: conversation), now: now)
        let renderer = ChatRenderer(theme: Theme.builtInDefault(colors: .colors256))
        _ = renderer.render(state)  // the first frame wraps what is visible
        let frames = (0..<200).map { _ in milliseconds { _ = renderer.render(state) } }
        print(String(format: "frame: 2,000-message conversation at 160x48, median %.3f ms, max %.3f ms (warm wrap cache)", median(frames), frames.max() ?? 0))

        // A 2,000-token reply arriving all at once: the frame that first shows it.
        let reply = (0..<2_000).map { "token\($0)" + ($0 % 40 == 39 ? "\n\n" : " ") }.joined()
        var burst = state
        _ = Reducer.reduce(&burst, .terminal(.key(KeyPress(.character("x")))), now: now)
        _ = Reducer.reduce(&burst, .terminal(.key(KeyPress(.enter))), now: now)
        let replyID = burst.streams[conversation.id] ?? ""
        _ = Reducer.reduce(&burst, .reply(conversationID: conversation.id, messageID: replyID, .text(reply)), now: now)
        let cold = milliseconds { _ = renderer.render(burst) }
        print(String(format: "frame: a 2,000-token reply arriving at once, first frame %.2f ms", cold))

        // A reply streaming in: each frame adds a few tokens, as at 200 tokens a second and 30
        // frames a second; the frame is built on the last one.
        var streaming = state
        _ = Reducer.reduce(&streaming, .terminal(.key(KeyPress(.character("y")))), now: now)
        _ = Reducer.reduce(&streaming, .terminal(.key(KeyPress(.enter))), now: now)
        let streamID = streaming.streams[conversation.id] ?? ""
        _ = renderer.render(streaming)
        let streamed = (0..<600).map { index in
            _ = Reducer.reduce(&streaming, .reply(conversationID: conversation.id, messageID: streamID, .text("word\(index) more\(index) text ")), now: now)
            return milliseconds { _ = renderer.render(streaming) }
        }
        print(String(format: "frame: a streamed frame (3 tokens more), median %.3f ms, max %.3f ms over %d frames",
                     median(streamed), streamed.max() ?? 0, streamed.count))
    }

    private static func milliseconds(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
