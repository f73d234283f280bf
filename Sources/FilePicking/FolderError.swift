#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a folder (or file) could not be read, in words for the screen.
public enum FolderError: Error, Sendable, Hashable, CustomStringConvertible {
    case permissionDenied
    case notFound
    case notAFolder
    case other(String)

    init(errno code: Int32) {
        switch code {
        case EACCES, EPERM: self = .permissionDenied
        case ENOENT: self = .notFound
        case ENOTDIR: self = .notAFolder
        default: self = .other(String(cString: strerror(code)).lowercased())
        }
    }

    public var description: String {
        switch self {
        case .permissionDenied: return "permission denied"
        case .notFound: return "no such file or folder"
        case .notAFolder: return "not a folder"
        case .other(let text): return text
        }
    }
}
