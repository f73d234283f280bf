internal import CNcursesw
internal import CTerminalSignals
internal import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The full-screen terminal: starts and restores curses, reads events, presents frames.
///
/// - Important: Use one instance from one thread only, start to stop: curses is not
///   thread-safe, and reading input refreshes the screen. Other threads reach the loop only
///   through `waker`. The class is deliberately not `Sendable`. One terminal per process: the
///   signal handlers behind it are process-wide.
///
/// The terminal is always given back: `stop()` is idempotent and runs from `deinit`; SIGTERM,
/// SIGHUP and SIGINT make `nextEvents` throw `.terminated` so the caller stops in order; a
/// second such signal, or a crash, restores the terminal from the signal handler itself.
public final class Terminal {
    /// What to switch on at start.
    public struct Options: Sendable {
        /// Mouse wheel and button presses (the terminal's own selection then needs Shift).
        public var mouse: Bool
        /// Bracketed paste: pasted text arrives as one `.paste`, never as keys.
        public var bracketedPaste: Bool
        /// How long a lone Esc waits for the rest of an escape sequence, in milliseconds.
        public var escapeDelay: Int

        public init(mouse: Bool = true, bracketedPaste: Bool = true, escapeDelay: Int = 25) {
            self.mouse = mouse
            self.bracketedPaste = bracketedPaste
            self.escapeDelay = escapeDelay
        }
    }

    let options: Options
    var device: TerminalDevice?
    var screenHandle: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    var decoder = InputDecoder(keys: .standard)
    /// Turns frames into bytes; made anew at each start, from that terminal's terminfo.
    var frameWriter: FrameWriter?
    /// The bytes of the frame being presented, kept to reuse the allocation.
    var output: [UInt8] = []
    /// The frame on screen, to diff the next one against; nil forces a full repaint.
    var lastFrame: Screen?
    /// The terminal size the last frame was drawn at.
    var presentedSize: (width: Int, height: Int) = (0, 0)
    /// The size last reported as `.resize` (or found at start).
    var reportedSize: (width: Int, height: Int) = (0, 0)
    /// When input last arrived, to give up on a paste whose end never comes.
    var lastInput = ContinuousClock.now

    /// Colours available: 0 (none), 8, 16, 256... Themes pick their palette from this.
    public private(set) var colorCount = 0

    public init(options: Options = Options()) {
        self.options = options
    }

    deinit {
        stop()
    }

    public var isRunning: Bool { window != nil }

    /// The terminal's size in cells (0 x 0 when not running).
    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Wakes `nextEvents` from any thread.
    public var waker: TerminalWaker { TerminalWaker() }

    /// Takes over the terminal: the alternate screen, raw keys (Ctrl-C arrives as a key),
    /// colours, mouse and bracketed paste as the options say. Does nothing if already running.
    /// - Throws: `TerminalError` without a UTF-8 locale, a terminal or a terminfo entry; the
    ///   terminal is left as it was.
    public func start() throws(TerminalError) {
        guard window == nil else { return }
        try TerminalDevice.requireUTF8Locale()
        let device = try TerminalDevice.open()
        let pipeError = termsig_open_pipe()
        guard pipeError == 0 else {
            device.close()
            throw .system(call: "pipe2", errno: pipeError)
        }
        termsig_save_original()
        termsig_save_tty_modes(device.outputDescriptor)
        guard let screen = newterm(nil, device.output, device.input) else {
            device.close()
            termsig_restore()
            throw .unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        set_term(screen)
        guard let window = ncw_stdscr() else {
            endwin()
            delscreen(screen)
            device.close()
            termsig_restore()
            throw .unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        self.device = device
        screenHandle = screen
        self.window = window
        configureInput(window)
        configureColors()
        decoder = InputDecoder(keys: .forCurrentTerminal())
        curs_set(0)
        wnoutrefresh(window)
        doupdate()
        if options.bracketedPaste { device.write(TerminalModes.bracketedPasteOn) }
        armEmergencyRestore()
        termsig_install()
        reportedSize = size
        lastFrame = nil
    }

    /// Gives the terminal back: paste and mouse modes off, cursor shown, the normal screen
    /// and the original terminal modes and signal handlers restored. Idempotent; safe on any
    /// error path.
    public func stop() {
        guard let device else { return }
        termsig_clear_emergency_restore()
        // Paste mode goes off first, straight to the terminal, before curses writes anything.
        if options.bracketedPaste { device.write(TerminalModes.bracketedPasteOff) }
        if options.mouse { mousemask(0, nil) }
        // curses does not know the style frames left the terminal in: reset it before the
        // shell's screen comes back.
        if let frameWriter { device.write(frameWriter.sequences.resetAttributes + frameWriter.sequences.defaultColors) }
        curs_set(1)
        endwin()
        if let screenHandle { delscreen(screenHandle) }
        device.close()
        termsig_restore()
        termsig_clear_pending()
        self.device = nil
        screenHandle = nil
        window = nil
        lastFrame = nil
        presentedSize = (0, 0)
        frameWriter = nil
    }

    private func configureInput(_ window: UnsafeMutablePointer<WINDOW>) {
        raw()  // Ctrl-C, Ctrl-Z, Ctrl-S, Ctrl-Q arrive as keys
        noecho()
        nonl()  // Enter arrives as CR, Ctrl-J as LF: two keys
        intrflush(window, false)
        keypad(window, true)
        meta(window, true)
        nodelay(window, true)  // the loop blocks in poll(), and drains curses without waiting
        set_escdelay(Int32(options.escapeDelay))
        typeahead(-1)  // never cut a frame short because a key is waiting
        if options.mouse {
            mousemask(ncw_button1_pressed() | ncw_button4_pressed() | ncw_button5_pressed(), nil)
            mouseinterval(0)  // report presses at once; no click detection delay
        }
    }

    private func configureColors() {
        var hasDefaultColors = false
        colorCount = 0
        if has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
            colorCount = Int(ncw_colors())
        }
        frameWriter = FrameWriter(sequences: .fromTerminfo(colorCount: colorCount),
                                  palette: TerminalPalette(colorCount: colorCount, hasDefaultColors: hasDefaultColors))
    }

    /// What a crash handler writes to leave curses mode, from this terminal's terminfo.
    private func armEmergencyRestore() {
        var text = options.bracketedPaste ? TerminalModes.bracketedPasteOff : ""
        if options.mouse { text += TerminalModes.mouseOff }
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = ncw_tigetstr(capability) { text += String(cString: value) }
        }
        text += "\r\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { termsig_arm_emergency_restore($0.baseAddress, $0.count) }
        }
    }
}

/// Private modes curses does not manage.
enum TerminalModes {
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    /// Every xterm mouse mode off (X10/normal, button, any-motion, SGR), whatever curses chose.
    static let mouseOff = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l"
}
