#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Opens a saved file with the user's program: `$OPENER` when set (as nnn and lf use it), else
/// `xdg-open` (`open` on macOS).
///
/// The program gets an argument list: `$OPENER`'s words (split on spaces, never given to a
/// shell), then the file's absolute path, so no file name can become a command. It runs in a
/// session of its own with standard input and output on `/dev/null` (a viewer's messages must
/// not land on the full-screen interface) and is waited for on a thread of its own, never the
/// caller's.
struct Opener: Sendable {
    let environment: [String: String]

    #if os(macOS)
    static let fallback = "open"
    #else
    static let fallback = "xdg-open"
    #endif

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The argument list that opens `path`, its program resolved on `$PATH`.
    func command(for path: String) throws(OpenerFailure) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let opener = environment["OPENER"], case let words = opener.split(separator: " ").map(String.init), let name = words.first {
            guard let program = resolve(name) else {
                throw OpenerFailure(description: "OPENER is \"\(opener)\", but \(name) is not a program on PATH")
            }
            return [program] + words.dropFirst() + [absolute]
        }
        guard let program = resolve(Self.fallback) else {
            throw OpenerFailure(description: "no program to open files with: install \(Self.fallback) (xdg-utils) or set OPENER")
        }
        return [program, absolute]
    }

    /// Starts the program that opens `path` and returns at once. `onExit` is called with its
    /// exit status (128 + the signal, if one ended it) when it ends, on another thread.
    @discardableResult
    func open(_ path: String, onExit: (@Sendable (Int32) -> Void)? = nil) throws(OpenerFailure) -> pid_t {
        let arguments = try command(for: path)
        let pid = try Self.spawn(arguments, environment: environment)
        let reaper = Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            // WIFEXITED / WEXITSTATUS are macros: the low 7 bits are the signal, the next 8 the status.
            onExit?(status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
        }
        reaper.name = "poe-tui opener"
        reaper.start()
        return pid
    }

    /// `name` itself when it has a slash, else the first executable file of that name on `$PATH`.
    private func resolve(_ name: String) -> String? {
        if name.contains("/") { return Self.isExecutableFile(name) ? name : nil }
        let path = environment["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: Self.isExecutableFile)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    /// `posix_spawn` with stdio on `/dev/null`, a new session, and signals at their defaults
    /// and unblocked (the app blocks or catches some; a viewer should not inherit that).
    private static func spawn(_ arguments: [String], environment: [String: String]) throws(OpenerFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var catchable = sigset_t()
        sigemptyset(&catchable)
        for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&catchable, signal) }
        posix_spawnattr_setsigdefault(&attributes, &catchable)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | spawnNewSession))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw OpenerFailure(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }
}

#if canImport(Glibc)
/// glibc's `POSIX_SPAWN_SETSID` (spawn.h, glibc 2.26 and later), which Swift does not see: it
/// is declared only under `_GNU_SOURCE`.
private let spawnNewSession: Int32 = 0x80
#else
private let spawnNewSession = Int32(POSIX_SPAWN_SETSID)
#endif

/// Why a file could not be opened, worded for the status line or stderr.
struct OpenerFailure: Error, Equatable, CustomStringConvertible {
    let description: String
}
