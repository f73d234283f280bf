internal import CTerminalSignals

/// Wakes the terminal's input loop from any thread, so that events from elsewhere (network,
/// store) get drawn while no key is pressed.
///
/// It writes one byte to a pipe the loop polls along with the terminal; waking an idle loop
/// costs one system call, and waking a stopped one does nothing.
public struct TerminalWaker: Sendable {
    init() {}

    /// Makes a blocked `Terminal.nextEvents` return promptly (with whatever input there is,
    /// possibly none). Safe from any thread, at any time.
    public func wake() {
        termsig_wake()
    }
}
