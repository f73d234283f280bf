import Foundation

/// Files the emulator serves under `/files/<id>/<name>`: client uploads and the Artist bot's
/// pictures alike, so both kinds of URL behave the same way.
struct UploadStore: Sendable {
    struct File: Sendable, Equatable {
        let id: String
        let name: String
        let contentType: String
        let bytes: Data
    }

    private var files: [String: File] = [:]
    private var issued = 0

    /// Stores `bytes` under a new id (or `id` when given, for fixed files such as avatars).
    mutating func store(name: String, contentType: String, bytes: Data, id: String? = nil) -> File {
        let fileID: String
        if let id {
            fileID = id
        } else {
            issued += 1
            let digits = String(issued, radix: 16)
            fileID = String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        }
        let file = File(id: fileID, name: name, contentType: contentType, bytes: bytes)
        files[fileID] = file
        return file
    }

    func file(id: String) -> File? {
        files[id]
    }

    /// The file behind an attachment URL the emulator returned, found by the id after `/files/`.
    /// Any host is accepted, so callers need not know the port.
    func file(url: String) -> File? {
        guard let range = url.range(of: "/files/") else { return nil }
        let rest = url[range.upperBound...]
        guard let id = rest.split(separator: "/", omittingEmptySubsequences: false).first else { return nil }
        return files[String(id)]
    }

    /// The path of a stored file, with its name percent-encoded for use in a URL. The last
    /// segment only decorates; an empty name or one of dots (which URL rules would fold away as
    /// `.` and `..`) becomes `file`.
    static func path(for file: File) -> String {
        guard file.name.contains(where: { $0 != "." }) else { return "/files/\(file.id)/file" }
        return "/files/\(file.id)/\(percentEncodePathComponent(file.name))"
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncodePathComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
