import ChatCore
import Synchronization

/// Where results from the network and the store wait for the render loop. Posting wakes the
/// loop (through the terminal's wake pipe), so nothing polls while idle.
final class AppInbox: Sendable {
    private let events = Mutex<[AppEvent]>([])
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
        wake()
    }

    /// Everything posted so far, oldest first.
    func drain() -> [AppEvent] {
        events.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
