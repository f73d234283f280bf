internal import CNcursesw
internal import CTerminalSignals
public import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

extension Terminal {
    /// How long a paste may stay silent before its text is handed over without an end marker.
    static let pasteGiveUp: Duration = .seconds(1)

    /// Waits for input, a wake-up or the timeout, and returns the events that arrived (possibly
    /// none: after `waker.wake()` or the timeout).
    ///
    /// Blocks in `poll()` on the terminal and the wake pipe: no timer runs while idle unless a
    /// timeout is given. Everything readable is drained at once (curses in `nodelay`), so a
    /// burst of keys or a paste comes back in one call.
    /// - Parameter timeout: nil waits until something happens.
    /// - Throws: `.terminated(signal:)` after SIGTERM/SIGHUP/SIGINT (call `stop()`, then exit);
    ///   `.inputClosed` when the terminal hangs up; `.notRunning` before `start()`.
    public func nextEvents(timeout: Duration? = nil) throws(TerminalError) -> [TerminalEvent] {
        guard let device, let window else { throw .notRunning }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            try throwIfSignalled()
            var wait = deadline.map { clock.now.duration(to: $0) }
            if decoder.isInPaste { wait = min(wait ?? Self.pasteGiveUp, Self.pasteGiveUp) }
            var descriptors = [
                pollfd(fd: device.inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: termsig_wake_fd(), events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, wait.map(Self.milliseconds) ?? -1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .system(call: "poll", errno: errno)
            }
            if descriptors[1].revents != 0 { termsig_drain_pipe() }
            try throwIfSignalled()
            let terminal = descriptors[0].revents
            if terminal & Int16(POLLIN) == 0, terminal & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                throw .inputClosed
            }
            var events = readAvailable(window)
            if decoder.isInPaste, lastInput.duration(to: clock.now) >= Self.pasteGiveUp {
                events += decoder.abandonPaste()
            }
            if !events.isEmpty || ready > 0 || deadline.map({ clock.now >= $0 }) ?? false {
                return events
            }
        }
    }

    private func throwIfSignalled() throws(TerminalError) {
        let signal = termsig_pending_signal()
        if signal != 0 { throw .terminated(signal: signal) }
    }

    /// Drains curses: every key, mouse report and resize readable now, decoded.
    private func readAvailable(_ window: UnsafeMutablePointer<WINDOW>) -> [TerminalEvent] {
        var raw: [RawInput] = []
        var resized = termsig_take_resize() != 0
        while true {
            var character: wint_t = 0
            let status = wget_wch(window, &character)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                switch Int32(character) {
                case KEY_RESIZE: resized = true
                case KEY_MOUSE: if let mouse = readMouse() { raw.append(.event(.mouse(mouse))) }
                default: raw.append(.keyCode(Int32(character)))
                }
            } else if let scalar = Unicode.Scalar(UInt32(character)) {
                raw.append(.scalar(scalar))
            }
        }
        if !raw.isEmpty { lastInput = .now }
        var events = decoder.decode(raw)
        if resized, let size = followResize() {
            events.append(.resize(width: size.width, height: size.height))
        }
        return events
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let x = Int(event.x), y = Int(event.y)
        if event.bstate & ncw_button4_pressed() != 0 { return .wheelUp(x: x, y: y) }
        if event.bstate & ncw_button5_pressed() != 0 { return .wheelDown(x: x, y: y) }
        if event.bstate & ncw_button1_pressed() != 0 { return .press(x: x, y: y) }
        return nil
    }

    /// Brings curses to the kernel's window size (curses' own SIGWINCH handling usually has;
    /// this covers the case where another handler kept curses from installing it), and returns
    /// the size if it differs from the one last reported.
    private func followResize() -> (width: Int, height: Int)? {
        guard let device, let window else { return nil }
        var rows: Int32 = 0, columns: Int32 = 0
        if termsig_window_size(device.inputDescriptor, &rows, &columns) == 0, rows > 0, columns > 0,
           rows != getmaxy(window) || columns != getmaxx(window) {
            resizeterm(rows, columns)
        }
        let current = size
        guard current != reportedSize else { return nil }
        reportedSize = current
        return current
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        // Round up, so a wait never ends just before its deadline and spins.
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: total)
    }
}
