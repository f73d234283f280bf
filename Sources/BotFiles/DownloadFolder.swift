#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PoeAPI

/// A folder that saved files go into, and the one rule for naming them there: a new name,
/// taken atomically, never an existing file.
public struct DownloadFolder: Sendable, Equatable {
    /// Absolute, without `.` or `..` segments.
    public let path: String

    /// `path` relative to the working folder unless it is absolute.
    public init(_ path: String) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.path = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// Creates the folder and any missing parent, as `mkdir -p` does (modes from the umask).
    public func create() throws(PoeError) {
        var partial = ""
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o777) == 0 || errno == EEXIST { continue }
            throw .unwritableFile(path: partial, reason: Self.reason(errno))
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unwritableFile(path: path, reason: Self.reason(errno)) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .unwritableFile(path: path, reason: "it is not a folder") }
    }

    /// Creates an empty file named `name`, or else `name (1)`, `name (2)` ... (the number
    /// before the extension), whichever is free first, and returns its path.
    ///
    /// Each try is one `open` with `O_CREAT | O_EXCL`, so a name is taken or not in one step:
    /// two savers racing for `cat.png` get `cat.png` and `cat (1).png`, and nothing that
    /// exists (a file, a folder, a link, even a dangling one) is ever written through.
    /// - Parameter name: one plain name, as `SafeFileName` makes them.
    public func reserve(_ name: String) throws(PoeError) -> String {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw .unwritableFile(path: path + "/" + name, reason: "it is not a plain file name")
        }
        for number in 0..<Self.maxNumber {
            let candidate = path + "/" + (number == 0 ? name : SafeFileName.numbered(name, number))
            var descriptor: Int32
            repeat {
                descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            } while descriptor < 0 && errno == EINTR
            if descriptor >= 0 {
                close(descriptor)
                return candidate
            }
            guard errno == EEXIST else { throw .unwritableFile(path: candidate, reason: Self.reason(errno)) }
        }
        throw .unwritableFile(path: path + "/" + name, reason: "it and its numbered names up to (\(Self.maxNumber - 1)) all exist")
    }

    /// How far numbering goes before giving up.
    static let maxNumber = 10_000

    /// A new hidden name in the folder for a file still being written; short, whatever the
    /// final name's length.
    public func temporaryPath() -> String {
        path + "/.poe-tui-" + String(UInt64.random(in: 0...UInt64.max), radix: 16) + ".part"
    }

    /// Moves `temporary` (in this folder) onto `reserved`, a name `reserve` took for it.
    /// Both are gone on failure: the reservation must not stay behind as an empty file.
    public func publish(_ temporary: String, as reserved: String) throws(PoeError) {
        guard rename(temporary, reserved) == 0 else {
            let error = PoeError.unwritableFile(path: reserved, reason: Self.reason(errno))
            unlink(reserved)
            unlink(temporary)
            throw error
        }
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
