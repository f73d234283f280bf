import ChatCore
import Testing
import TerminalUI
@testable import ChatViews

/// The chat screen exactly, text and colours, at the sizes the issue names and in each overlay.
/// Files are in `Tests/Snapshots/ChatViewsTests`; `SNAPSHOT_RECORD=1` rewrites them (see `SnapshotFile`).
@Suite("Chat screen snapshots")
struct ChatScreenSnapshotTests {
    func check(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let screen = ChatFixture.renderer().render(state)
        SnapshotFile.check(ScreenSnapshot(screen: screen, theme: ChatFixture.theme).text, named: name, sourceLocation: sourceLocation)
    }

    @Test(arguments: [(80, 24), (60, 15), (160, 48)])
    func chat(size: (Int, Int)) {
        check(ChatFixture.state(width: size.0, height: size.1), "chat-\(size.0)x\(size.1)")
    }

    @Test func scrolledUpWhileAReplyStreams() {
        check(ChatFixture.scrolledWhileStreaming(), "scrolled-new-below-80x24")
    }

    @Test func botPicker() {
        var state = ChatFixture.state(width: 80, height: 24)
        state.catalog = ChatFixture.catalog
        state.favouriteBots = ["Markdown"]
        var picker = BotPicker()
        picker.selection = 1
        state.overlay = .botPicker(picker)
        check(state, "bot-picker-80x24")
    }

    @Test(arguments: [(80, 24), (60, 15)])
    func help(size: (Int, Int)) {
        var state = ChatFixture.state(width: size.0, height: size.1)
        state.overlay = .help(scroll: 0)
        check(state, "help-\(size.0)x\(size.1)")
    }

    @Test func helpScrolledToTheCommands() {
        var state = ChatFixture.state(width: 60, height: 15)
        state.overlay = .help(scroll: 100)
        check(state, "help-scrolled-60x15")
    }

    @Test func tooSmall() {
        check(ChatFixture.state(width: 39, height: 9), "too-small-39x9")
    }
}
