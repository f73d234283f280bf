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

let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "parse" || mode == "all" { await benchmarkParser() }
if mode == "decode" || mode == "all" { benchmarkDecode() }
if mode == "cancel" || mode == "all" { try await benchmarkCancel() }
