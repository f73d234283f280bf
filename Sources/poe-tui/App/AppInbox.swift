import ChatCore
import Synchronization

/// Where results from the network and the store wait for the render loop. Posting wakes the
/// loop (through the terminal's wake pipe), so nothing polls while idle.
final class AppInbox: Sendable {
    private struct Pending {
        var events: [AppEvent] = []
        /// Nothing but streamed text since the last drain.
        var onlyText = true
        /// Whether streamed text wakes the loop: not while the loop reads the inbox at each
        /// frame of its own accord (a reply is streaming), saving a wake-up per frame.
        var textWakes = true
    }

    private let pending = Mutex(Pending())
    private let wake: @Sendable (_ urgent: Bool) -> Void

    /// `wake(urgent)` wakes the loop; it may skip a wake-up already asked for since the loop last
    /// took the inbox, unless `urgent`: the first event that is not streamed text, which the
    /// loop must not leave waiting for the next text frame.
    init(wake: @escaping @Sendable (_ urgent: Bool) -> Void) {
        self.wake = wake
    }

    func post(_ event: AppEvent) {
        let (wakes, urgent) = pending.withLock { pending -> (Bool, Bool) in
            pending.events.append(event)
            if case .reply(_, _, .text) = event { return (pending.textWakes, false) }
            defer { pending.onlyText = false }
            return (true, pending.onlyText)
        }
        if wakes { wake(urgent) }
    }

    /// Asks for the text waiting to be drawn at the next 60th of a second rather than the next
    /// text frame: a reply's last token, whose `done` just arrived.
    func hurry() {
        let urgent = pending.withLock { pending in
            defer { pending.onlyText = false }
            return pending.onlyText
        }
        wake(urgent)
    }

    /// Whether everything waiting is streamed text (or nothing): such a frame can wait a little.
    var holdsOnlyText: Bool {
        pending.withLock { $0.onlyText }
    }

    /// Everything posted so far, oldest first. `readsTextOnItsOwn`: the loop will read the
    /// inbox again within a frame whatever happens, so streamed text posted until the next
    /// drain need not wake it (anything else still does).
    func drain(readsTextOnItsOwn: Bool = false) -> [AppEvent] {
        pending.withLock { pending in
            defer {
                pending.events.removeAll(keepingCapacity: true)
                pending.onlyText = true
                pending.textWakes = !readsTextOnItsOwn
            }
            return pending.events
        }
    }
}
