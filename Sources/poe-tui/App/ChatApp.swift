import ChatCore
import ChatStore
import ChatViews
import CursesTerminal
import Foundation
import PoeAPI
import Settings
import Synchronization
import TerminalUI

/// The full-screen app. One thread owns the terminal and runs the loop: terminal events and
/// results from the effect runner (through the inbox, which wakes the loop) go through the
/// reducer; the screen is redrawn at most 60 times a second (30 for streamed text alone), and
/// only when something changed.
/// Nothing runs while nothing happens, except a spinner tick while a reply streams.
final class ChatApp {
    private let terminal = Terminal()
    private let store: ConversationStore
    private let runner: EffectRunner
    private let inbox: AppInbox
    private let wakeRequest = WakeRequest()
    private let effects: AsyncStream<Effect>.Continuation
    private let effectTask: Task<Void, Never>
    private var state: AppState
    private let renderer: ChatRenderer
    private let client: PoeClient

    static let frameInterval: Duration = .milliseconds(16)
    /// Frames that only add streamed text come at most 30 times a second: half the work of
    /// 60, and a reply of 200 tokens a second still moves on every one of them. Anything else
    /// (a key, a reply's end) is drawn at the next 60th of a second.
    static let textFrameInterval: Duration = .milliseconds(33)
    static let spinnerInterval: Duration = .milliseconds(100)

    init(client: PoeClient, store: ConversationStore, settings: EffectiveSettings, keyMap: KeyMap, theme: ThemeDefinition, notice: StatusMessage?) throws {
        self.client = client
        self.store = store
        let waker = terminal.waker, wakeRequest = wakeRequest
        // One wake-up until the loop takes the inbox: a 2,000-token burst wakes it once.
        inbox = AppInbox(wake: { urgent in if wakeRequest.claim() || urgent { waker.wake() } })
        runner = EffectRunner(client: client, store: store, inbox: inbox, downloads: settings.downloadsFolder)
        let (stream, continuation) = AsyncStream<Effect>.makeStream()
        effects = continuation
        let runner = runner
        // Effects run in order, one after another, off the loop's thread.
        effectTask = Task { for await effect in stream { await runner.perform(effect) } }
        try terminal.start()
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, defaultBot: settings.bot, keyMap: keyMap)
        state.remembered = RememberedFile().load()
        state.uploadLimit = client.configuration.maxUploadBytes
        // Favourites toggled in the picker replace the config's list from then on.
        state.favouriteBots = state.remembered.favouriteBots ?? settings.favouriteBots
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        renderer = ChatRenderer(theme: Theme(theme, colors: ColorMode(colorCount: terminal.colorCount, noColor: noColor)))
        let conversations = store.list()
        // The conversation open at the last quit, else the newest.
        let last = state.remembered.lastConversation.flatMap { id in conversations.first { $0.id == id } }
        let open = (last ?? conversations.first).flatMap { try? store.load($0.id) }
        _ = Reducer.reduce(&state, .started(conversations: conversations, open: open))
        if let notice { state.status = notice }
        if open == nil {
            state.inputs[""] = InputBuffer(text: state.remembered.newDraft ?? "")
            state.draftAttachments[""] = state.remembered.newDraftAttachments
        }
        for problem in store.takeProblems() { state.status = StatusMessage(problem.description, .warning) }
    }

    /// Runs until the user quits or a signal arrives; the terminal is given back either way.
    func run() async -> Int32 {
        fetchBalance()
        let status = await runLoopOnItsOwnThread()
        terminal.stop()
        // Replies still streaming are cancelled and recorded first, and their endings applied,
        // so the drafts saved next carry no stale copy of a reply.
        await runner.shutDown()
        for event in inbox.drain() { _ = Reducer.reduce(&state, event) }
        saveDrafts()
        effects.finish()
        await store.close()
        return status
    }

    /// The loop blocks in `poll()` while idle: on one of Swift's two cooperative threads that
    /// would starve the client and the store, so it gets a thread of its own.
    private func runLoopOnItsOwnThread() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let owner = UncheckedTransfer(self)
            let thread = Thread { continuation.resume(returning: owner.value.loop()) }
            thread.name = "poe-tui terminal"
            thread.start()
        }
    }

    private func loop() -> Int32 {
        let clock = ContinuousClock()
        var dirty = true
        var lastDraw = clock.now - Self.frameInterval
        var lastSpin = clock.now
        var frame = 0
        // Woken before the next frame was due, with the inbox left for that frame.
        var inboxWaiting = false
        // While replies stream, the loop reads the inbox at this time without being woken.
        var nextTextRead: ContinuousClock.Instant?
        while !state.quitting {
            // Sleep until input, a wake-up, the next frame that is due, or the spinner's tick.
            var timeout: Duration?
            let inboxInterval = inbox.holdsOnlyText ? Self.textFrameInterval : Self.frameInterval
            if dirty { timeout = max(.zero, Self.frameInterval - (clock.now - lastDraw)) }
            if inboxWaiting { timeout = min(timeout ?? .seconds(1), max(.zero, inboxInterval - (clock.now - lastDraw))) }
            if let nextTextRead { timeout = min(timeout ?? .seconds(1), max(.zero, clock.now.duration(to: nextTextRead))) }
            if !state.streams.isEmpty { timeout = min(timeout ?? Self.spinnerInterval, Self.spinnerInterval) }
            let terminalEvents: [TerminalEvent]
            do {
                terminalEvents = try terminal.nextEvents(timeout: timeout)
            } catch {
                if case .terminated(let signal) = error { return 128 + signal }
                return 1
            }
            // Results from the network wait for the frame that will show them: a reply streaming
            // 200 tokens a second then goes through the reducer once a frame, not once a token.
            // Keys are never held back, and take what has arrived along with them.
            var events = terminalEvents.map(AppEvent.terminal)
            let textDue = nextTextRead.map { clock.now >= $0 } ?? false
            if !terminalEvents.isEmpty || textDue || clock.now - lastDraw >= (inbox.holdsOnlyText ? Self.textFrameInterval : Self.frameInterval) {
                wakeRequest.reset()  // before taking: a post after the take wakes the loop again
                // While a reply streams, its text is read every text frame without a wake-up.
                let streaming = !state.streams.isEmpty
                events += Self.joiningReplyText(inbox.drain(readsTextOnItsOwn: streaming))
                nextTextRead = streaming ? clock.now + Self.textFrameInterval : nil
                inboxWaiting = false
            } else {
                inboxWaiting = true
            }
            for event in events {
                for effect in Reducer.reduce(&state, event) {
                    switch effect {
                    case .openEditor(let text):
                        editExternally(text)
                        lastDraw = clock.now - Self.frameInterval
                    case .suspend:
                        suspend()
                        lastDraw = clock.now - Self.frameInterval
                    default:
                        effects.yield(effect)
                    }
                }
                dirty = true
            }
            if !state.streams.isEmpty, clock.now - lastSpin >= Self.spinnerInterval {
                frame += 1
                lastSpin = clock.now
                dirty = true
            }
            if dirty, clock.now - lastDraw >= Self.frameInterval {
                terminal.present(renderer.render(state, frame: frame))
                lastDraw = clock.now
                dirty = false
            }
        }
        return 0
    }

    /// Inbox events with the text of each streaming reply joined into one update per reply.
    /// Text for different replies commutes; any other event ends every run, so nothing moves
    /// across it (a reload or the end of a reply keeps its place after the text before it).
    static func joiningReplyText(_ events: [AppEvent]) -> [AppEvent] {
        var joined: [(event: AppEvent, text: String?)] = []
        var runs: [String: Int] = [:]  // message id -> its text event in `joined`
        for event in events {
            guard case .reply(_, let messageID, .text(let text)) = event else {
                runs.removeAll(keepingCapacity: true)
                joined.append((event, nil))
                continue
            }
            if let index = runs[messageID] {
                joined[index].text?.append(text)  // in place: no copy of the text so far
            } else {
                runs[messageID] = joined.count
                joined.append((event, text))
            }
        }
        return joined.map { item in
            guard let text = item.text, case .reply(let conversationID, let messageID, _) = item.event else { return item.event }
            return .reply(conversationID: conversationID, messageID: messageID, .text(text))
        }
    }

    /// The editor needs the terminal: this thread owns it, so the editor runs here, with the
    /// terminal given back meanwhile.
    private func editExternally(_ text: String) {
        var result: Result<String, EditorFailure>?
        withTerminalReleased { result = ExternalEditor.edit(text) }
        switch result {
        case nil:
            break
        case .success(let edited):
            _ = Reducer.reduce(&state, .edited(edited))
        case .failure(let failure):
            _ = Reducer.reduce(&state, .notice(StatusMessage(failure.message, .error)))
        }
    }

    /// Ctrl-Z: the screen goes back to the shell and the process group stops, as the terminal's
    /// own Ctrl-Z would do it (raw mode turned that off); `fg` continues here. Replies keep
    /// their place: the network simply waits while the process is stopped.
    private func suspend() {
        var current = sigaction()
        sigaction(SIGTSTP, nil, &current)
        // SIG_IGN is the handler value 1 (glibc's signal.h).
        if let handler = current.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == 1 {
            // A shell without job control would never bring the process back.
            _ = Reducer.reduce(&state, .notice(StatusMessage("Suspending is not possible here: this shell has no job control.", .warning)))
            return
        }
        withTerminalReleased {
            // This thread inherited a Dispatch worker's mask, which may block SIGTSTP.
            var stop = sigset_t(), saved = sigset_t()
            sigemptyset(&stop)
            sigaddset(&stop, SIGTSTP)
            pthread_sigmask(SIG_UNBLOCK, &stop, &saved)
            if getpgrp() == getpid() {
                // A shell's job of its own (the usual case): a signal to this thread stops the
                // process inside `raise`, and `fg` returns from it. (Sent to the process group
                // instead, the stop was now and then lost to another thread: measured, 4 in 10.)
                raise(SIGTSTP)
            } else {
                // Started by a wrapper (make run): the whole job must stop, or the shell never
                // gets the terminal back.
                kill(0, SIGTSTP)
            }
            pthread_sigmask(SIG_SETMASK, &saved, nil)
        }
    }

    /// Gives the terminal back for `body`, then takes it again and draws the whole screen anew.
    private func withTerminalReleased(_ body: () -> Void) {
        terminal.stop()
        body()
        do {
            try terminal.start()
        } catch {
            state.quitting = true
            return
        }
        let size = terminal.size
        _ = Reducer.reduce(&state, .terminal(.resize(width: size.width, height: size.height)))
    }

    private func fetchBalance() {
        let client = client, inbox = inbox
        Task {
            if let balance = try? await client.balance() { inbox.post(.balance(balance)) }
        }
    }

    /// Unsent text and attached files stay with their conversation across restarts; the draft
    /// typed before any conversation exists is remembered on its own.
    private func saveDrafts() {
        let newDraft = state.inputs[""]?.text ?? "", newFiles = state.draftAttachments[""] ?? []
        var remembered = state.remembered
        remembered.newDraft = newDraft.isEmpty ? nil : newDraft
        remembered.newDraftAttachments = newFiles.isEmpty ? nil : newFiles
        remembered.lastConversation = state.currentID
        if remembered != state.remembered { try? RememberedFile().save(remembered) }
        for id in Set(state.inputs.keys).union(state.draftAttachments.keys) where !id.isEmpty {
            guard var conversation = state.loaded[id] else { continue }
            let text = state.inputs[id]?.text ?? conversation.draft
            let files = state.draftAttachments[id] ?? []
            guard conversation.draft != text || conversation.draftAttachments != files else { continue }
            conversation.draft = text
            conversation.draftAttachments = files
            store.save(conversation)
        }
    }
}

/// Whether the loop has been asked to wake since it last took the inbox. Posts after the first
/// find it asked already and skip the wake-up (a pipe write, and a turn of the loop each).
private final class WakeRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// True for the first caller since the last `reset`: that one wakes the loop.
    func claim() -> Bool {
        !requested.exchange(true, ordering: .acquiringAndReleasing)
    }

    func reset() {
        requested.store(false, ordering: .sequentiallyConsistent)
    }
}

/// Hands the app to its loop thread. The app is used by one thread at a time: the caller waits
/// for the loop to finish before touching it again, so no state is shared concurrently.
private struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
