internal import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The terminal curses runs on: /dev/tty (so standard input and output may be redirected), or
/// standard input and output when there is no /dev/tty but they are a terminal.
struct TerminalDevice {
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>
    /// Polled for input.
    let inputDescriptor: Int32
    /// Escape sequences curses does not know (bracketed paste) go here.
    let outputDescriptor: Int32

    static func open() throws(TerminalError) -> TerminalDevice {
        let tty = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        if tty >= 0, let file = fdopen(tty, "r+") {
            return TerminalDevice(input: file, output: file, inputDescriptor: tty, outputDescriptor: tty)
        }
        if tty >= 0 { Glibc.close(tty) }
        guard isatty(0) == 1, isatty(1) == 1 else { throw .noTerminal }
        // Duplicates, so that closing the device never closes the process's own stdin/stdout.
        let inputCopy = fcntl(0, F_DUPFD_CLOEXEC, 3), outputCopy = fcntl(1, F_DUPFD_CLOEXEC, 3)
        guard inputCopy >= 0, outputCopy >= 0,
              let input = fdopen(inputCopy, "r"), let output = fdopen(outputCopy, "w") else {
            throw .system(call: "fdopen", errno: errno)
        }
        return TerminalDevice(input: input, output: output, inputDescriptor: inputCopy, outputDescriptor: outputCopy)
    }

    /// Writes bytes curses does not send itself, straight to the terminal.
    func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes all of `bytes` (a frame is one call). Waits out a full terminal buffer, also when
    /// someone else made the shared descriptor non-blocking; gives up only if the terminal is
    /// gone.
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(outputDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                var ready = pollfd(fd: outputDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 1000)
            } else {
                return
            }
        }
    }

    func close() {
        fclose(input)
        if output != input { fclose(output) }
    }

    /// Sets `setlocale(LC_ALL, "")` and requires a UTF-8 character set. When no locale variable
    /// is set at all (containers, cron), C.UTF-8 is used instead of refusing.
    static func requireUTF8Locale() throws(TerminalError) {
        setlocale(LC_ALL, "")
        if codeset == "UTF-8" { return }
        let unset = ["LC_ALL", "LC_CTYPE", "LANG"].allSatisfy { (name: String) -> Bool in
            guard let value = getenv(name) else { return true }
            return value.pointee == 0
        }
        if unset, setlocale(LC_CTYPE, "C.UTF-8") != nil, codeset == "UTF-8" { return }
        throw .notUTF8(codeset: codeset)
    }

    private static var codeset: String {
        String(cString: nl_langinfo(nl_item(CODESET)))
    }
}
