#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not start, or why reading from it stopped.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// The locale's character set is not UTF-8: wide text would turn into garbage.
    case notUTF8(codeset: String)
    /// Neither /dev/tty nor standard input and output are a terminal.
    case noTerminal
    /// curses has no terminfo entry for `TERM`.
    case unknownTerminal(String)
    /// `nextEvents` was called before `start()` or after `stop()`.
    case notRunning
    /// SIGTERM, SIGHUP or SIGINT arrived. Call `stop()`, then exit (conventionally with
    /// `exitStatus`).
    case terminated(signal: Int32)
    /// The terminal went away (hang-up without a signal).
    case inputClosed
    /// A system call failed.
    case system(call: String, errno: Int32)

    /// The exit status a shell expects after this error: 128 + the signal for `terminated`.
    public var exitStatus: Int32 {
        if case .terminated(let signal) = self { return 128 + signal }
        return 1
    }

    public var description: String {
        switch self {
        case .notUTF8(let codeset):
            return "the terminal needs a UTF-8 locale, but the character set is \(codeset); set LANG, for example LANG=C.UTF-8"
        case .noTerminal:
            return "no terminal: /dev/tty cannot be opened and standard input and output are not a terminal"
        case .unknownTerminal(let name):
            return "unknown terminal type TERM=\(name.isEmpty ? "(unset)" : name); try TERM=xterm-256color"
        case .notRunning:
            return "the terminal is not running"
        case .terminated(let signal):
            return "terminated by signal \(signal)"
        case .inputClosed:
            return "the terminal was closed"
        case .system(let call, let number):
            return "\(call) failed: \(String(cString: strerror(number)))"
        }
    }
}
