internal import CCurl
import Foundation
import Synchronization

/// A transfer in flight: its events, and a way to stop it.
final class HTTPTransfer: Sendable {
    /// Upload progress, the response head, then body chunks; finishes when the response ends,
    /// or throws a `TransportError`.
    let events: AsyncThrowingStream<HTTPTransferEvent, any Error>
    private let id: Int
    private let engine: CurlEngine

    fileprivate init(id: Int, events: AsyncThrowingStream<HTTPTransferEvent, any Error>, engine: CurlEngine) {
        self.id = id
        self.events = events
        self.engine = engine
    }

    /// Stops the transfer at once, idle or not; `events` then throws `TransportError.cancelled`.
    func cancel() { engine.cancel(id) }
}

/// One thread running a `curl_multi` loop serves every HTTP transfer of the process.
///
/// Other threads only post to the inbox and wake the loop with `curl_multi_wakeup`, so a cancel
/// takes effect in well under a millisecond even on a stream that is waiting for data, and no
/// blocking call ever runs on Swift's cooperative thread pool.
final class CurlEngine: @unchecked Sendable {
    // @unchecked: `multi` is used by the engine thread only, except `curl_multi_wakeup`, which
    // libcurl documents as callable from any thread; `active` is engine-thread only; the inbox
    // is guarded by its mutex.

    static let shared = CurlEngine()

    private struct Inbox {
        var nextID = 1
        var added: [CurlTransfer] = []
        var cancelled: [Int] = []
    }

    private let inbox = Mutex(Inbox())
    private let multi: OpaquePointer
    private var active: [Int: CurlTransfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: Int] = [:]

    private init() {
        _ = CurlGlobal.initialized
        guard let multi = curl_multi_init() else { fatalError("libcurl could not create its multi handle") }
        self.multi = OpaquePointer(multi)
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "poe-tui curl engine"
        thread.start()
    }

    /// Starts a transfer; its events begin to flow at once.
    func start(_ request: HTTPRequest) -> HTTPTransfer {
        let (events, continuation) = AsyncThrowingStream<HTTPTransferEvent, any Error>.makeStream()
        let id = inbox.withLock { inbox in
            let id = inbox.nextID
            inbox.nextID += 1
            return id
        }
        // A consumer that stops listening (its task cancelled) stops the transfer too.
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancel(id) }
        }
        let transfer = CurlTransfer(id: id, request: request, continuation: continuation)
        inbox.withLock { $0.added.append(transfer) }
        curl_multi_wakeup(UnsafeMutableRawPointer(multi))
        return HTTPTransfer(id: id, events: events, engine: self)
    }

    func cancel(_ id: Int) {
        inbox.withLock { $0.cancelled.append(id) }
        curl_multi_wakeup(UnsafeMutableRawPointer(multi))
    }

    // MARK: Engine thread

    private func run() {
        let handle = UnsafeMutableRawPointer(multi)
        while true {
            let (added, cancelled) = inbox.withLock { inbox in
                defer { inbox.added.removeAll(); inbox.cancelled.removeAll() }
                return (inbox.added, inbox.cancelled)
            }
            for transfer in added { begin(transfer) }
            for id in cancelled { finish(id, with: .cancelled) }

            var running: Int32 = 0
            curl_multi_perform(handle, &running)
            collectCompleted()
            let wait = expireIdleTransfers()
            curl_multi_poll(handle, nil, 0, Int32(wait), nil)
        }
    }

    private func begin(_ transfer: CurlTransfer) {
        do {
            let easy = try transfer.makeHandle()
            active[transfer.id] = transfer
            byHandle[easy] = transfer.id
            curl_multi_add_handle(UnsafeMutableRawPointer(multi), easy)
        } catch {
            transfer.continuation.finish(throwing: error)
        }
    }

    private func collectCompleted() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(UnsafeMutableRawPointer(multi), &queued) {
            guard message.pointee.msg == CURLMSG_DONE,
                  let easy = message.pointee.easy_handle,
                  let id = byHandle[easy] else { continue }
            let code = message.pointee.data.result
            if code == CURLE_OK {
                finish(id, with: nil)
            } else if let transfer = active[id] {
                finish(id, with: transfer.failure(code: code))
            }
        }
    }

    /// Fails transfers that have been silent too long; returns how long the loop may sleep.
    private func expireIdleTransfers() -> Int {
        let now = ContinuousClock.now
        var wait = Duration.seconds(1)
        for (id, transfer) in active {
            guard let limit = transfer.request.idleTimeout else { continue }
            let silent = now - transfer.lastActivity
            if silent >= limit {
                finish(id, with: .idle(limit))
            } else {
                wait = min(wait, limit - silent)
            }
        }
        return max(1, wait.milliseconds)
    }

    /// Removes a transfer from the loop and ends its event stream. A nil error is success.
    private func finish(_ id: Int, with error: TransportError?) {
        guard let transfer = active.removeValue(forKey: id) else { return }
        if let easy = transfer.handle {
            byHandle.removeValue(forKey: easy)
            curl_multi_remove_handle(UnsafeMutableRawPointer(multi), easy)
        }
        if let error {
            transfer.continuation.finish(throwing: error)
        } else {
            transfer.deliverHead()
            transfer.continuation.finish()
        }
    }
}

/// `curl_global_init` must run once, before any other libcurl call.
private enum CurlGlobal {
    static let initialized: Bool = poe_curl_global_init() == CURLE_OK
}
