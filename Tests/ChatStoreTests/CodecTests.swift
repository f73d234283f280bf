import Foundation
import Testing

@testable import ChatStore

/// The fast reader and writer must agree with `JSONDecoder` and `JSONEncoder` exactly: the same
/// bytes written, the same values read, and no answer (so `JSONDecoder` decides) where unsure.
@Suite("Codec: the fast JSON paths agree with JSONEncoder and JSONDecoder")
struct CodecTests {
    static let date = Date(timeIntervalSince1970: 1_795_728_300.123)

    /// Conversations covering every field, empty ones, and awkward text.
    static var samples: [Conversation] {
        var empty = Conversation(id: "20261126-212500-0000", createdAt: date, bot: "")
        empty.messages = []
        var plain = Conversation(id: "20261126-212500-0001", title: "Plain", createdAt: date, bot: "GPT-4o")
        plain.append(ChatMessage(id: "m1", role: .user, content: "", createdAt: date))
        plain.append(ChatMessage(id: "m2", role: .bot, bot: "GPT-4o", content: "x", createdAt: date, status: .streaming))
        var odd = Conversation(
            id: "20261126-212500-0002", title: "/slashes/ \u{7f} \u{2028} \u{0}\u{1f}\u{8}\u{c}\r\n\t\"\\ 😀 e\u{301}",
            createdAt: Date(timeIntervalSince1970: -86_400.5), bot: "Bot",
            parameters: [
                "Z": .int(Int.min), "_a": .object([:]), "a": .array([]), "aa": .array([.array([]), .object([:]), .null]),
                "é": .string("accent"), "B b": .double(-0.0), "c": .double(123.456), "d": .double(0.1 + 0.2),
                "e": .double(.leastNonzeroMagnitude), "f": .double(100), "g": .bool(false),
            ],
            systemPrompt: "", draft: "\u{1}", archived: false, unread: Int.max)
        odd.updatedAt = Date(timeIntervalSince1970: 253_402_300_799.999)  // 9999-12-31T23:59:59.999Z
        return [RoundTripTests.everything(at: date), empty, plain, odd]
    }

    @Test func conversationBytesAreJSONEncoders() throws {
        for conversation in Self.samples {
            let file = ConversationFile(conversation)
            let fast = Data(try StoreEncoding.encode(file))
            let reference = try StoreFormat.encoder().encode(file)
            #expect(fast == reference, "\(String(decoding: fast.prefix(400), as: UTF8.self))")
        }
    }

    @Test func randomTextAndNumbersEncodeAlike() throws {
        var generator = SeededGenerator(seed: 42)
        var readFast = 0
        let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}", "é", "日本", "🙂", "e\u{301}", "\u{2028}"]
        for round in 0..<200 {
            func text() -> String {
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            var parameters: [String: StoredJSON] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                // Any bit pattern (huge ones are left to JSONDecoder), or a usual setting like 0.7.
                let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
                let double = Bool.random(using: &generator)
                    ? Double(bitPattern: bits) : Double(Int.random(in: -100_000...100_000, using: &generator)) / 1000
                parameters[text()] = double.isFinite ? .double(double) : .int(Int(truncatingIfNeeded: bits))
            }
            let message = ChatMessage(
                id: "m\(round)", role: .bot, bot: text(), content: text(), contentType: text(), parameters: parameters,
                createdAt: Date(timeIntervalSince1970: Double.random(in: -1e10...1e11, using: &generator)),
                suggestedReplies: [text()])
            let conversation = Conversation(
                id: "c\(round)", title: text(), createdAt: Self.date, bot: text(), parameters: parameters,
                messages: [message])
            let file = ConversationFile(conversation)
            let fast = Data(try StoreEncoding.encode(file))
            #expect(fast == (try StoreFormat.encoder().encode(file)))
            // Numbers may read back otherwise (`100.0` is `100`), as through JSONDecoder.
            if let read = ConversationDecoding.decode(fast) {
                #expect(read.conversation == (try StoreFormat.decoder().decode(ConversationFile.self, from: fast)).conversation)
                readFast += 1
            }
        }
        #expect(readFast > 60)
    }

    @Test func nonFiniteNumbersFailAsInJSONEncoder() {
        let conversation = Conversation(id: "c", createdAt: Self.date, bot: "b", parameters: ["x": .double(.infinity)])
        #expect(throws: (any Error).self) { try StoreEncoding.encode(ConversationFile(conversation)) }
        #expect(throws: (any Error).self) { try StoreFormat.encoder().encode(ConversationFile(conversation)) }
    }

    @Test func indexBytesAreJSONEncoders() throws {
        let signature = FileSignature(inode: 1_839_211, size: 2874, modified: 1_795_729_572_251_734_019)
        var entries = Self.samples.map { IndexEntry($0, file: signature) }
        var trashed = entries[0]
        trashed.summary.trashedAt = Self.date
        entries.append(trashed)
        for file in [IndexFile(schema: 2, conversations: entries), IndexFile(schema: 2, conversations: [])] {
            let fast = Data(StoreEncoding.encode(file))
            #expect(fast == (try StoreFormat.encoder().encode(file)))
            let read = try #require(IndexDecoding.decode(fast))
            #expect(read.schema == file.schema && read.conversations == file.conversations)
        }
    }

    @Test func conversationsReadAsJSONDecoderReadsThem() throws {
        for conversation in Self.samples {
            let data = try StoreFormat.encoder().encode(ConversationFile(conversation))
            let fast = try #require(ConversationDecoding.decode(data))
            let reference = try StoreFormat.decoder().decode(ConversationFile.self, from: data)
            #expect(fast.schema == reference.schema)
            #expect(fast.conversation == reference.conversation)
        }
    }

    /// Files a person or script may write: when the fast reader answers, it is JSONDecoder's answer.
    static let handWritten: [(String, mustBeFast: Bool)] = [
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z"}"#, true),
        (#" {"createdAt":"2026-11-26 22:45:00.5+01:00","bot":"b","id":"x","schema":2,"unknown":{"a":[1,2.5e3,null,true,"\u00e9"]}} "#, true),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","title":null,"draft":null,"updatedAt":null,"messages":null,"unread":null,"archived":null,"parameters":null,"systemPrompt":null,"draftAttachments":null}"#, true),
        (#"{"schema":2,"id":"x","bot":"\ud83d\ude00 \"q\" \/ \b\f\n\r\t \u0000","createdAt":"2026-11-26T21:45:00Z"}"#, true),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","parameters":{"a":1.0,"b":1e2,"c":1.5,"d":-0,"e":-0.0,"f":0.1,"g":2.5e-3,"h":1e-400,"i":1.00000000000000000001,"j":9223372036854775807,"k":-9223372036854775808}}"#, true),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"m","role":"user","createdAt":"2026-11-26T21:45:00.123Z"},{"id":"n","role":"bot","createdAt":"2026-11-26T21:45:01Z","content":null,"bot":null,"status":null,"error":null,"attachments":[{"name":"a","contentType":"t","size":null,"url":null}],"files":[{"name":"f","url":"u","contentType":"t","savedPath":null}],"suggestedReplies":["s"],"pointsSpent":3}]}"#, true),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"n","role":"bot","createdAt":"2026-11-26T21:45:01Z","files":[{"size":12,"inlineRef":"r","url":"u","name":"f","contentType":"t","extra":[1]},{"name":"g","url":"v","contentType":"t","inlineRef":null,"size":null}]}]}"#, true),
        // A size written as a fraction, or a key given twice, is left to JSONDecoder.
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"n","role":"bot","createdAt":"2026-11-26T21:45:01Z","files":[{"name":"f","url":"u","contentType":"t","size":1.5}]}]}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"n","role":"bot","createdAt":"2026-11-26T21:45:01Z","files":[{"name":"f","url":"u","contentType":"t","inlineRef":"a","inlineRef":"b"}]}]}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"n","role":"bot","createdAt":"2026-11-26T21:45:01Z","files":[{"name":"f","url":"u","contentType":"t","inlineRef":5}]}]}"#, false),
        (#"{"schema":1,"id":"x","model":"b","created":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":3,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","future":[{}]}"#, true),
        // Refused by the fast reader: JSONDecoder decides (some of these it accepts).
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[],}"#, false),
        (#"{"schema":2,"id":"x","id":"y","bot":"b","createdAt":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":2,"\u0069d":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":2.0,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","unread":1e0}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","parameters":{"big":1e300,"huge":12345678901234567890}}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","parameters":{"k":1,"k":2}}"#, false),
        (#"{"schema":2,"id":"x","bot":"\ud800","createdAt":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"yesterday"}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":[{"id":"m","role":"robot","createdAt":"2026-11-26T21:45:00Z"}]}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","messages":{}}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z"} x"#, false),
        (#"{"schema":2,"id":"x","bot":5,"createdAt":"2026-11-26T21:45:00Z"}"#, false),
        (#"{"schema":2,"id":"x","bot":"b"}"#, false),
        (#"[1]"#, false),
        (#""#, false),
        ("\u{feff}{\"schema\":2,\"id\":\"x\",\"bot\":\"b\",\"createdAt\":\"2026-11-26T21:45:00Z\"}", false),
        ("{\"schema\":2,\"id\":\"x\",\"bot\":\"tab\there\",\"createdAt\":\"2026-11-26T21:45:00Z\"}", false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","n":01}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","n":-}"#, false),
        (#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","n":tru}"#, false),
    ]

    @Test(arguments: handWritten)
    func handWrittenFilesReadAsJSONDecoderReadsThem(_ text: String, mustBeFast: Bool) throws {
        let data = Data(text.utf8)
        let fast = ConversationDecoding.decode(data)
        #expect((fast != nil) == mustBeFast)
        guard let fast else { return }
        let reference = try StoreFormat.decoder().decode(ConversationFile.self, from: data)
        #expect(fast.schema == reference.schema)
        #expect(fast.conversation == reference.conversation)
    }

    @Test func invalidUTF8IsLeftToJSONDecoder() {
        var bytes = Array(#"{"schema":2,"id":"x","bot":"b","createdAt":"2026-11-26T21:45:00Z","x":""#.utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            var file = bytes
            file.append(contentsOf: bad)
            file.append(contentsOf: Array("\"}".utf8))
            #expect(ConversationDecoding.decode(Data(file)) == nil)
        }
        bytes.append(contentsOf: Array("é日🙂\"}".utf8))
        #expect(ConversationDecoding.decode(Data(bytes)) != nil)
    }
}

/// A deterministic random number generator (SplitMix64), so failures repeat.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
