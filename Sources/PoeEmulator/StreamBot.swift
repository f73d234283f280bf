/// Stream: `words` text events `"wordN "`, `interval_ms` apart; the load generator.
///
/// With `interval_ms` 0 it is the throughput benchmark (a megabyte of text in ~100k events), so
/// that path encodes events straight into a byte buffer and writes them in batches of about
/// 32 KB, letting the channel's backpressure pace it to the client.
struct StreamBot: EmulatedBot {
    static let batchBytes = 32 * 1024

    let info = BotInfo(
        name: "Stream",
        points: 10,
        summary: "Streams 'word1 word2 ...' as one text event per word, for streaming and load tests.",
        parameters: [
            BotParameterSpec(
                name: "words", kind: .integer, minimum: 0, maximum: 10_000_000, defaultValue: 50,
                description: "Number of text events to send, each \"wordN \" with N counting from 1."),
            BotParameterSpec(
                name: "interval_ms", kind: .integer, minimum: 0, maximum: 60_000, defaultValue: 20,
                description: "Milliseconds between events; 0 sends as fast as the client reads."),
        ]
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let parameters = BotParameters(values: query.parameters)
        let words = try parameters.int("words", default: 50, in: 0...10_000_000)
        let interval = try parameters.int("interval_ms", default: 20, in: 0...60_000)
        return .stream(
            StreamPlan { stream in
                try await Self.sendWords(words, interval: .milliseconds(interval), to: stream)
                return .completed
            })
    }

    /// Sends `"word1 "` through `"wordN "` for N = `count`, `interval` apart.
    static func sendWords(_ count: Int, interval: Duration, to stream: BotStream) async throws {
        guard count > 0 else { return }
        if interval > .zero {
            for number in 1...count {
                try await stream.send(.text("word\(number) "))
                if number < count { try await stream.pause(interval) }
            }
            return
        }
        var batch: [UInt8] = []
        batch.reserveCapacity(batchBytes + 64)
        for number in 1...count {
            appendWordEvent(number, to: &batch)
            if batch.count >= batchBytes {
                try await stream.send(bytes: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await stream.send(bytes: batch) }
    }

    /// `event: text\r\ndata: {"text": "wordN "}\r\n\r\n` without building JSON values
    /// (`String(number)` fits a small string, so it does not allocate either).
    static func appendWordEvent(_ number: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "event: text\r\ndata: {\"text\": \"word".utf8)
        out.append(contentsOf: String(number).utf8)
        out.append(contentsOf: " \"}\r\n\r\n".utf8)
    }
}
