import Foundation
import PoeAPI
import PoeEmulator

// Benchmarks for `make bench`; results go to docs/performance.md by hand, never into tests.

/// Runs `body` `runs` times and returns each wall time in seconds.
func measure(runs: Int, _ body: () async throws -> Void) async rethrows -> [Double] {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return times
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// SSE parsing throughput on a 50 MB stream of Poe text events, fed in 16 KB chunks.
func benchmarkParser() async {
    var stream: [UInt8] = []
    stream.reserveCapacity(52_000_000)
    var index = 0
    while stream.count < 50_000_000 {
        index += 1
        stream += Array("event: text\r\ndata: {\"text\": \"token \(index) 日本語 🙂\"}\r\n\r\n".utf8)
        if index % 100 == 0 { stream += Array(": ping - 2026-11-26 19:48:53.921212+00:00\r\n\r\n".utf8) }
    }
    let chunk = 16 * 1024
    var events = 0
    let times = await measure(runs: 5) {
        var parser = SSEParser()
        events = 0
        var offset = 0
        while offset < stream.count {
            let end = min(offset + chunk, stream.count)
            events += parser.feed(stream[offset..<end]).count
            offset = end
        }
    }
    let megabytes = Double(stream.count) / 1_000_000
    print(String(format: "sse-parse: %.1f MB, %d events, median %.3f s, %.0f MB/s (best %.0f MB/s)",
                 megabytes, events, median(times), megabytes / median(times), megabytes / times.min()!))
}

/// How long `cancel()` takes to end a reply, on a stream that is sending and on an idle one.
func benchmarkCancel() async throws {
    let emulator = PoeEmulator(options: EmulatorOptions())
    try await emulator.start()
    let client = PoeClient(configuration: PoeConfiguration(apiKey: "bench-key", apiBase: emulator.baseURL, uploadURL: emulator.uploadURL))
    for (label, bot, parameters) in [
        ("active", "Stream", ["words": JSONValue.int(1_000_000), "interval_ms": .int(1)]),
        ("idle", "Slow", ["delay_ms": JSONValue.int(600_000), "ping_ms": .int(600_000)]),
    ] {
        var latencies: [Double] = []
        for _ in 0..<20 {
            let reply = client.stream(bot: bot, messages: [ProtocolMessage(role: .user, content: "go")], parameters: parameters)
            var cancelledAt: ContinuousClock.Instant?
            do {
                for try await event in reply.events {
                    let ready: Bool
                    switch event {
                    case .text: ready = label == "active"
                    case .meta: ready = label == "idle"
                    default: ready = false
                    }
                    if ready, cancelledAt == nil {
                        cancelledAt = .now
                        reply.cancel()
                    }
                }
            } catch {}
            if let cancelledAt {
                let elapsed = ContinuousClock.now - cancelledAt
                latencies.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            }
        }
        print(String(format: "cancel-%@: median %.2f ms, max %.2f ms over %d runs", label, median(latencies), latencies.max() ?? 0, latencies.count))
    }
    await emulator.stop()
}

/// Event decoding cost: the JSON step after parsing, per text event.
func benchmarkDecode() {
    let events = (0..<200_000).map { SSEEvent(name: "text", data: "{\"text\": \"word\($0) \"}") }
    let start = ContinuousClock.now
    var characters = 0
    for event in events {
        if case .text(let text)? = try? PoeEvent.decodeForBenchmark(event) { characters += text.count }
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(format: "event-decode: %d text events in %.3f s, %.0f events/s", events.count, seconds, Double(events.count) / seconds))
}

/// A ~1 MB reply (95,000 text events) through `PoeClient` in-process: the client's own cost,
/// without process start-up.
func benchmarkClientStream() async throws {
    // An emulator in another process (POE_API_BASE) keeps its work off this process's threads.
    let external = ProcessInfo.processInfo.environment["POE_API_BASE"]
    let emulator = PoeEmulator(options: EmulatorOptions())
    if external == nil { try await emulator.start() }
    let base = external ?? emulator.baseURL
    let client = PoeClient(configuration: PoeConfiguration(apiKey: "bench-key", apiBase: base, uploadURL: base + "/poe_api/file_upload_3RD_PARTY_POST"))
    var characters = 0
    let times = try await measure(runs: 9) {
        characters = 0
        let reply = client.stream(bot: "Stream", messages: [ProtocolMessage(role: .user, content: "go")],
                                  parameters: ["words": .int(95_000), "interval_ms": .int(0)])
        for try await event in reply.events {
            if case .text(let text) = event { characters += text.utf8.count }
        }
    }
    let message = ProtocolMessage(role: .user, content: "go", parameters: ["words": .int(95_000), "interval_ms": .int(0)])
    var wire = 0
    let rawTimes = try await measure(runs: 9) { wire = try await client.benchmarkRawStreamBytes(bot: "Stream", messages: [message]) }
    print(String(format: "transport-only: %.2f MB on the wire, median %.1f ms, best %.1f ms", Double(wire) / 1e6, median(rawTimes) * 1000, rawTimes.min()! * 1000))
    print(String(format: "client-stream: %.2f MB reply, median %.1f ms, best %.1f ms", Double(characters) / 1e6, median(times) * 1000, times.min()! * 1000))
    if external == nil { await emulator.stop() }
}

/// Parse and decode of the e2e stream's bytes in memory: the client's per-event cost alone.
func benchmarkParseAndDecode() {
    var stream: [UInt8] = []
    for index in 1...95_000 { stream += Array("event: text\r\ndata: {\"text\": \"word\(index) \"}\r\n\r\n".utf8) }
    let times = (0..<7).map { _ -> Double in
        let start = ContinuousClock.now
        var parser = SSEParser()
        var text = ""
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 128 * 1024, stream.count)
            parser.feed(stream[offset..<end]) { name, data in
                if case .text(let piece)? = try? PoeEvent.decodeForBenchmark(name: name, data: data) { text += piece }
            }
            offset = end
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    }
    print(String(format: "parse+decode: %.2f MB wire, 95000 events, median %.1f ms", Double(stream.count) / 1e6, median(times)))
}

let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "markdown" || mode == "all" { MarkdownBenchmark.run() }
if mode == "screen" || mode == "all" { ScreenBenchmark.run() }
if mode == "picker" || mode == "all" { try await PickerBenchmark.run() }
if mode == "store-generate" {
    try StoreBenchmark.generate(root: URL(fileURLWithPath: CommandLine.arguments[2]))
    exit(0)
}
if mode == "store" {
    try StoreBenchmark.run(root: URL(fileURLWithPath: CommandLine.arguments[2]))
    exit(0)
}
if mode == "pipeline" || mode == "all" { benchmarkParseAndDecode() }
if mode == "client" || mode == "all" { try await benchmarkClientStream() }
if mode == "parse" || mode == "all" { await benchmarkParser() }
if mode == "decode" || mode == "all" { benchmarkDecode() }
if mode == "cancel" || mode == "all" { try await benchmarkCancel() }
