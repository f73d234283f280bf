import Foundation

/// The values inside messages (attachments, files, errors, dates, lists, free-form JSON), read
/// as their `Decodable` conformances read them through `JSONDecoder`.
extension JSONReader {
    /// `StoredAttachment`'s synthesized `Decodable`: `name` and `contentType` required.
    mutating func attachment() throws(Unexpected) -> StoredAttachment {
        var name: String?
        var localPath: String?
        var url: String?
        var contentType: String?
        var size: Int64?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "name") {
                try seen.insert(0)
                name = try string()
            } else if self.key(key, is: "localPath") {
                try seen.insert(1)
                localPath = try null() ? nil : string()
            } else if self.key(key, is: "url") {
                try seen.insert(2)
                url = try null() ? nil : string()
            } else if self.key(key, is: "contentType") {
                try seen.insert(3)
                contentType = try string()
            } else if self.key(key, is: "size") {
                try seen.insert(4)
                size = try null() ? nil : Int64(int())
            } else {
                try skipValue()
            }
        }
        guard let name, let contentType else { throw Unexpected() }
        return StoredAttachment(name: name, localPath: localPath, url: url, contentType: contentType, size: size)
    }

    /// `ReceivedFile`'s synthesized `Decodable`: `name`, `url` and `contentType` required.
    mutating func receivedFile() throws(Unexpected) -> ReceivedFile {
        var name: String?
        var url: String?
        var contentType: String?
        var savedPath: String?
        var inlineRef: String?
        var size: Int64?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "name") {
                try seen.insert(0)
                name = try string()
            } else if self.key(key, is: "url") {
                try seen.insert(1)
                url = try string()
            } else if self.key(key, is: "contentType") {
                try seen.insert(2)
                contentType = try string()
            } else if self.key(key, is: "savedPath") {
                try seen.insert(3)
                savedPath = try null() ? nil : string()
            } else if self.key(key, is: "inlineRef") {
                try seen.insert(4)
                inlineRef = try null() ? nil : string()
            } else if self.key(key, is: "size") {
                try seen.insert(5)
                size = try null() ? nil : Int64(int())
            } else {
                try skipValue()
            }
        }
        guard let name, let url, let contentType else { throw Unexpected() }
        return ReceivedFile(
            name: name, url: url, contentType: contentType, savedPath: savedPath, inlineRef: inlineRef, size: size)
    }

    /// `MessageError`'s synthesized `Decodable`: every field required.
    mutating func messageError() throws(Unexpected) -> MessageError {
        var text: String?
        var kind: String?
        var retryable: Bool?
        var seen = SeenKeys()
        var object = try beginObject()
        while let key = try nextKey(&object) {
            if self.key(key, is: "text") {
                try seen.insert(0)
                text = try string()
            } else if self.key(key, is: "kind") {
                try seen.insert(1)
                kind = try string()
            } else if self.key(key, is: "retryable") {
                try seen.insert(2)
                retryable = try bool()
            } else {
                try skipValue()
            }
        }
        guard let text, let kind, let retryable else { throw Unexpected() }
        return MessageError(text: text, kind: kind, retryable: retryable)
    }

    /// A date as `StoreFormat.decoder()` reads one: a string `StoreDate.parse` accepts.
    mutating func date() throws(Unexpected) -> Date {
        let raw = try rawString()
        let date = raw.escaped ? StoreDate.parse(try text(of: raw)) : StoreDate.parse(utf8: bytes(raw.start, raw.end))
        guard let date else { throw Unexpected() }
        return date
    }

    /// A JSON array whose elements `element` reads; `null` elements are refused, as `decode` would.
    mutating func list<Element>(
        _ element: (inout JSONReader) throws(Unexpected) -> Element
    ) throws(Unexpected) -> [Element] {
        var elements: [Element] = []
        var array = try beginArray()
        while try nextElement(&array) { elements.append(try element(&self)) }
        return elements
    }

    /// Any JSON value, as `StoredJSON.init(from:)` reads it through `JSONDecoder`.
    mutating func json(depth: Int) throws(Unexpected) -> StoredJSON {
        guard depth < Self.depthLimit else { throw Unexpected() }
        switch try peek() {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return .object(try jsonObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try list { reader throws(Unexpected) in try reader.json(depth: depth + 1) })
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try bool())
        case UInt8(ascii: "n"):
            _ = try null()
            return .null
        default: return try number()
        }
    }

    /// An object of any values (bot parameters); a key given twice is left to `JSONDecoder`.
    mutating func jsonObject(depth: Int) throws(Unexpected) -> [String: StoredJSON] {
        var members: [String: StoredJSON] = [:]
        var object = try beginObject()
        while let key = try nextKey(&object, escapes: true) {
            let name = try text(of: key)
            let value = try json(depth: depth)
            guard members.updateValue(value, forKey: name) == nil else { throw Unexpected() }
        }
        return members
    }
}
