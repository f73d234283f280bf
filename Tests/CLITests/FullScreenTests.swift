import Foundation
import Testing

/// The full-screen app in tmux against the built-in emulator, as a person uses it.
@Suite("Full-screen app in tmux", .serialized)
struct FullScreenTests {
    func start(_ environment: [String: String], term: String = "tmux-256color", width: Int = 100, height: Int = 30) async throws -> TmuxSession {
        var environment = environment
        environment["TERM"] = term
        let session = try TmuxSession(width: width, height: height, command: "'\(CommandRunner.binary.path)' --demo", environment: environment)
        await session.waitFor(text: "Offline demo")
        return session
    }

    @Test(arguments: ["tmux-256color", "xterm"])
    func chatSwitchBotsStopAndComeBack(term: String) async throws {
        let environment = CommandRunner.environment()
        do {
            let app = try await start(environment, term: term)
            try app.type("hello from tmux", then: "Enter")
            await app.waitFor("Echo's reply") { $0.components(separatedBy: "hello from tmux").count >= 3 }  // list, message, reply

            // Switch the bot for the next turn with the picker: the reply comes from the new bot.
            try app.press("C-b")
            await app.waitFor(text: "Bot for the next turn")
            await app.waitFor(text: "poe-emulator")  // the catalog arrived
            try app.type("repl", then: "Enter")
            await app.waitFor(text: "Replace answers the next turn")
            try app.type("and now?", then: "Enter")
            await app.waitFor(text: "Final answer.")
            #expect(app.screen().contains("Replace "))

            // A reply that takes its time (Slow thinks for 3 s), stopped with Esc: marked stopped.
            try app.type("/bot Slow", then: "Enter")
            try app.type("go on", then: "Enter")
            await app.waitFor(text: "replying (Esc stops)")
            try app.press("Escape")
            await app.waitFor(text: "■ stopped")
            #expect(!app.screen().contains("Finally here."))
            // Alt-R asks again; this time it is left to finish.
            try app.press("M-r")
            await app.waitFor(text: "Finally here.")

            // F2 renames the conversation.
            try app.press("F2")
            await app.waitFor(text: "Rename")
            try app.press("C-u")
            try app.type("Renamed in tmux", then: "Enter")
            await app.waitFor(text: "1 Renamed in tmux")

            try app.press("C-q")
            await app.waitFor(text: "EXITED 0")
        }
        // Everything is there after a restart.
        let again = try await start(environment, term: term)
        await again.waitFor(text: "Renamed in tmux")
        await again.waitFor(text: "Finally here.")
        try again.press("C-q")
        await again.waitFor(text: "EXITED 0")
    }

    @Test func twoConversationsStreamAtOnceAndResizeMidStream() async throws {
        let app = try await start(CommandRunner.environment())
        try app.type("/bot Stream", then: "Enter")
        try app.type("first", then: "Enter")
        try app.press("C-n")
        await app.waitFor("a second conversation") { $0.contains("2 first") }
        try app.type("/bot Stream", then: "Enter")
        try app.type("second", then: "Enter")
        // Resize while they stream: the list folds away below 80 columns, nothing is garbled.
        try app.resize(width: 70, height: 20)
        await app.waitFor("the narrow layout") { !$0.contains("Conversations") && $0.contains("word") }
        await app.waitFor(text: "word50")
        // The other conversation finished in the background: marked unread; Alt-A goes there.
        try app.resize(width: 100, height: 30)
        await app.waitFor("an unread mark") { $0.contains("●1") }
        try app.press("M-a")
        await app.waitFor("the first conversation's reply") { $0.contains("You") && $0.contains("first") && $0.contains("word50") && !$0.contains("●1") }
        try app.press("C-c")
        await app.waitFor(text: "Ctrl-C again")
        try app.press("C-c")
        await app.waitFor(text: "EXITED 0")
    }

    @Test func ctrlXCtrlEEditsTheMessageInTheEditor() async throws {
        var environment = CommandRunner.environment()
        let editor = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf 'written in the editor\\nline two\\n' > \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        environment["EDITOR"] = editor.path
        let app = try await start(environment)
        try app.type("draft")
        try app.press("C-x")
        try app.press("C-e")
        await app.waitFor(text: "line two")
        try app.press("Enter")
        await app.waitFor("the edited message sent and echoed") { $0.components(separatedBy: "written in the editor").count >= 4 }
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
    }

    @Test func ctrlZSuspendsToTheShellAndFgComesBack() async throws {
        // An interactive shell with job control, as a person has.
        var environment = CommandRunner.environment()
        environment["TERM"] = "tmux-256color"
        environment["PS1"] = "shell$ "
        let shell = try TmuxSession(command: "bash --norc --noprofile -i", environment: environment)
        await shell.waitFor(text: "shell$")
        try shell.type("'\(CommandRunner.binary.path)' --demo", then: "Enter")
        await shell.waitFor(text: "Offline demo")
        try shell.type("kept across the suspend")
        try shell.press("C-z")
        await shell.waitFor("the shell, with the app stopped") { $0.contains("Stopped") && !$0.contains("Offline demo") }
        try shell.type("fg", then: "Enter")
        await shell.waitFor("the app again, draft intact") { $0.contains("kept across the suspend") && $0.contains("Conversations") }
        try shell.press("C-q")
        await shell.waitFor(text: "shell$")
    }

    @Test func aFavouriteToggledInThePickerIsRememberedAcrossRuns() async throws {
        let environment = CommandRunner.environment()
        do {
            let app = try await start(environment)
            try app.press("C-b")
            await app.waitFor(text: "poe-emulator")
            try app.type("artist")
            try app.press("Tab")
            await app.waitFor(text: "Artist is favourite 1")
            try app.press("Escape")
            // (An Esc and a key in the same read are Alt and that key: wait for Esc to land.)
            await app.waitFor("the picker closed") { !$0.contains("Bot for the next turn") }
            try app.press("C-q")
            await app.waitFor(text: "EXITED 0")
        }
        let again = try await start(environment)
        try again.press("C-b")
        try again.type("1")
        await again.waitFor(text: "Artist answers the next turn")
        try again.press("C-q")
        await again.waitFor(text: "EXITED 0")
    }

    @Test func theConversationOpenAtQuitIsOpenAgain() async throws {
        let environment = CommandRunner.environment()
        do {
            let app = try await start(environment)
            try app.type("older one", then: "Enter")
            await app.waitFor("the first reply") { $0.components(separatedBy: "older one").count >= 4 }
            try app.press("C-n")
            await app.waitFor(text: "2 older one")
            try app.type("newer one", then: "Enter")
            await app.waitFor("the second reply") { $0.components(separatedBy: "newer one").count >= 4 }
            try app.press("M-2")  // the older conversation, second in the list
            await app.waitFor("the older conversation") { $0.components(separatedBy: "newer one").count == 2 }
            try app.press("C-q")
            await app.waitFor(text: "EXITED 0")
        }
        let again = try await start(environment)
        await again.waitFor("the older conversation open") { $0.components(separatedBy: "older one").count >= 4 && $0.components(separatedBy: "newer one").count == 2 }
        try again.press("C-q")
        await again.waitFor(text: "EXITED 0")
    }

    @Test func tinyTerminalSaysSo() async throws {
        let app = try await start(CommandRunner.environment())
        try app.resize(width: 30, height: 8)
        await app.waitFor(text: "Terminal too small")
        try app.resize(width: 90, height: 25)
        await app.waitFor(text: "Conversations")
        try app.press("C-q")
        await app.waitFor(text: "EXITED 0")
    }
}
