import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a call, so `ask` can cancel the transfer and exit 130 instead
/// of dying with a half-written line.
final class InterruptSignal: @unchecked Sendable {
    // @unchecked: the source is set once in init and only cancelled in deinit; Dispatch's
    // source objects are thread-safe, though their protocol is not marked Sendable.
    private let source: any DispatchSourceSignal

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: onInterrupt)
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
