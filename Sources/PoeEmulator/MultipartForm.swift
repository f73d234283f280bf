import Foundation

/// A binary-safe `multipart/form-data` parser (RFC 7578), for the upload endpoint.
///
/// FlyingFox has none, and the body holds arbitrary file bytes, so nothing here treats the
/// content as text: parts are found by searching for the exact delimiter `CRLF--boundary`,
/// and a part's bytes may contain CR, LF, NUL or anything that merely looks like a boundary.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        /// Header names lowercased.
        var headers: [String: String]
        var name: String?
        var filename: String?
        var contentType: String?
        var body: Data
    }

    enum Failure: Error, Equatable {
        case noBoundary
        case malformed(String)
    }

    var parts: [Part]

    /// The first part with form field name `name`.
    func part(named name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The `boundary` parameter of a `multipart/form-data` Content-Type, quoted or not.
    static func boundary(fromContentType contentType: String) -> String? {
        let (mediaType, parameters) = HeaderParameters.parse(contentType)
        guard mediaType.lowercased() == "multipart/form-data",
            let boundary = parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200
        else { return nil }
        return boundary
    }

    /// Splits `body` into parts. A preamble before the first delimiter and an epilogue after
    /// the closing one are ignored, as the RFC requires.
    static func parse(_ body: Data, boundary: String) throws(Failure) -> MultipartForm {
        let bytes = [UInt8](body)
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var parts: [Part] = []

        // The first delimiter may start the body, without the CRLF before it.
        var cursor: Int
        if bytes.starts(with: dashBoundary) {
            cursor = dashBoundary.count
        } else if let found = findDelimiter(delimiter, in: bytes, from: 0) {
            cursor = found + delimiter.count
        } else {
            throw .malformed("no multipart boundary in the body")
        }

        while true {
            // After a delimiter: "--" closes the body; otherwise optional whitespace and CRLF.
            if cursor + 2 <= bytes.count, bytes[cursor] == 0x2D, bytes[cursor + 1] == 0x2D {
                return MultipartForm(parts: parts)
            }
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            guard cursor + 2 <= bytes.count, bytes[cursor] == 0x0D, bytes[cursor + 1] == 0x0A else {
                throw .malformed("expected CRLF after a boundary")
            }
            cursor += 2

            // Headers end at a blank line; a part may have none (the blank line comes at once).
            let headerText: String
            let contentStart: Int
            if bytes[cursor...].starts(with: [0x0D, 0x0A]) {
                headerText = ""
                contentStart = cursor + 2
            } else if let headerEnd = search(Array("\r\n\r\n".utf8), in: bytes, from: cursor) {
                headerText = String(decoding: bytes[cursor..<headerEnd], as: UTF8.self)
                contentStart = headerEnd + 4
            } else {
                throw .malformed("unterminated part headers")
            }
            guard let contentEnd = findDelimiter(delimiter, in: bytes, from: contentStart) else {
                throw .malformed("missing closing boundary")
            }
            parts.append(makePart(headerText: headerText, body: Data(bytes[contentStart..<contentEnd])))
            cursor = contentEnd + delimiter.count
        }
    }

    private static func makePart(headerText: String, body: Data) -> Part {
        var headers: [String: String] = [:]
        for line in headerText.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var part = Part(headers: headers, body: body)
        if let disposition = headers["content-disposition"] {
            let (_, parameters) = HeaderParameters.parse(disposition)
            part.name = parameters["name"]
            part.filename = parameters["filename*"].flatMap(HeaderParameters.decodeExtendedValue)
                ?? parameters["filename"]
        }
        part.contentType = headers["content-type"]
        return part
    }

    /// The next real delimiter: `CRLF--boundary` followed by `--` or by optional spaces and CRLF.
    /// Content that merely starts like the boundary (`--boundary-ish`) is skipped over.
    static func findDelimiter(_ delimiter: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var position = start
        while let found = search(delimiter, in: bytes, from: position) {
            var after = found + delimiter.count
            if after + 2 <= bytes.count, bytes[after] == 0x2D, bytes[after + 1] == 0x2D { return found }
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            if after + 2 <= bytes.count, bytes[after] == 0x0D, bytes[after + 1] == 0x0A { return found }
            position = found + 1
        }
        return nil
    }

    /// First index of `needle` in `haystack` at or after `start`; memchr finds candidates
    /// so a 50 MB upload is scanned at memory speed.
    static func search(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = hay.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                let first = Int32(pattern[0])
                var position = start
                let last = hay.count - pattern.count
                while position <= last {
                    guard let hit = memchr(base + position, first, last - position + 1) else { return nil }
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }
}

/// Parsing of `value; key=token; key="quoted \" string"` header values
/// (Content-Type, Content-Disposition).
enum HeaderParameters {
    /// The leading value and its parameters; parameter names are lowercased.
    static func parse(_ header: String) -> (value: String, parameters: [String: String]) {
        let scalars = Array(header.unicodeScalars)
        var index = 0
        func skipSpaces() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        }
        var value = ""
        while index < scalars.count, scalars[index] != ";" {
            value.unicodeScalars.append(scalars[index])
            index += 1
        }
        var parameters: [String: String] = [:]
        while index < scalars.count {
            index += 1  // the ';'
            skipSpaces()
            var name = ""
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipSpaces()
            var parameter = ""
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    parameter.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                while index < scalars.count, scalars[index] != ";" {
                    parameter.unicodeScalars.append(scalars[index])
                    index += 1
                }
                parameter = parameter.trimmingCharacters(in: .whitespaces)
            }
            parameters[name.trimmingCharacters(in: .whitespaces).lowercased()] = parameter
        }
        return (value.trimmingCharacters(in: .whitespaces), parameters)
    }

    /// RFC 5987 `UTF-8''percent%20encoded` values, as in `filename*=`.
    static func decodeExtendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
