import Foundation
import Testing

@testable import PoeEmulator

/// What one `curl` run got back: status, headers of the final response, de-chunked body.
struct CurlResponse {
    var status: Int
    /// Lowercased names.
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs the real `curl` as a subprocess, so the emulator is tested over real loopback HTTP
/// without this test target linking libcurl. Waiting is asynchronous (termination handler), so
/// parallel tests never block the cooperative pool the in-process emulator needs.
enum Curl {
    static let executable: URL = {
        for path in ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: "/usr/bin/curl")
    }()

    static func run(_ arguments: [String]) async throws -> CurlResponse {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emu-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyFile = directory.appendingPathComponent("body")

        let process = Process()
        process.executableURL = executable
        process.arguments = ["-sS", "--max-time", "60", "-D", headerFile.path, "-o", bodyFile.path] + arguments
        process.standardError = FileHandle.nullDevice
        let status = try await runToEnd(process)
        guard status == 0 else { throw CurlFailure(exitStatus: status, arguments: arguments) }

        let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        // With `Expect: 100-continue` there can be several header blocks; the last one counts.
        let block = headerText.components(separatedBy: "\r\n\r\n").last { !$0.isEmpty } ?? ""
        var lines = block.components(separatedBy: "\r\n")
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let code = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = (try? Data(contentsOf: bodyFile)) ?? Data()
        return CurlResponse(status: code, headers: headers, body: body)
    }

    /// Starts curl and returns at once; the caller terminates it.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-sS", "-N", "-o", "/dev/null"] + arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func runToEnd(_ process: Process) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    struct CurlFailure: Error, CustomStringConvertible {
        let exitStatus: Int32
        let arguments: [String]
        var description: String { "curl exited \(exitStatus): \(arguments.joined(separator: " "))" }
    }
}

/// A running emulator and curl helpers aimed at it.
struct Harness {
    let emulator: PoeEmulator
    let key = "test-key"

    static func start(_ configure: (inout EmulatorOptions) -> Void = { _ in }) async throws -> Harness {
        var options = EmulatorOptions()
        configure(&options)
        let emulator = PoeEmulator(options: options)
        try await emulator.start()
        return Harness(emulator: emulator)
    }

    var base: String { emulator.baseURL }

    /// A QueryRequest body like fastapi_poe's, with one user message.
    static func queryBody(_ content: String = "hi", parameters: String = "{}", attachments: String = "[]") -> String {
        """
        {"version": "1.2", "type": "query", "query": [{"role": "user", "message_type": null, "sender_id": null, \
        "content": \(PythonJSON.string(.string(content))), "parameters": \(parameters), "content_type": "text/markdown", \
        "timestamp": 0, "message_id": "", "feedback": [], "attachments": \(attachments), "metadata": null}], \
        "user_id": "", "conversation_id": "", "message_id": "", "metadata": "", "api_key": "<missing>", \
        "access_key": "<missing>", "temperature": null, "skip_system_prompt": false, "logit_bias": {}, \
        "stop_sequences": [], "language_code": "en", "tools": null}
        """
    }

    func query(
        _ bot: String, _ content: String = "hi", parameters: String = "{}", attachments: String = "[]",
        authorization: String? = nil
    ) async throws -> CurlResponse {
        try await Curl.run([
            "-X", "POST", "\(base)/bot/\(bot)",
            "-H", "Authorization: \(authorization ?? "Bearer \(key)")",
            "-H", "Content-Type: application/json",
            "--data-binary", Self.queryBody(content, parameters: parameters, attachments: attachments),
        ])
    }

    func get(_ path: String, bearer: String? = nil) async throws -> CurlResponse {
        var arguments = ["\(base)\(path)"]
        if let bearer { arguments += ["-H", "Authorization: Bearer \(bearer)"] }
        return try await Curl.run(arguments)
    }

    func upload(file: URL, name: String, type: String, authorization: String? = nil) async throws -> CurlResponse {
        try await Curl.run([
            "-X", "POST", emulator.uploadURL,
            "-H", "Authorization: \(authorization ?? key)",
            "-H", "Expect:",
            "-F", "file=@\(file.path);type=\(type);filename=\(name)",
        ])
    }
}

/// One parsed server-sent event (comments kept as `comment`).
struct WireEvent: Equatable {
    var name: String
    var data: String
}

/// Splits a CRLF event stream into events, keeping `: ping` comments as name "comment".
func parseEvents(_ text: String) -> [WireEvent] {
    text.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.map { block in
        var event = WireEvent(name: "", data: "")
        for line in block.components(separatedBy: "\r\n") {
            if line.hasPrefix(":") { event = WireEvent(name: "comment", data: line) }
            if line.hasPrefix("event: ") { event.name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { event.data = String(line.dropFirst(6)) }
        }
        return event
    }
}

/// The text a client would show: text events appended, replace_response resetting.
func replyText(_ events: [WireEvent]) throws -> String {
    var text = ""
    for event in events where event.name == "text" || event.name == "replace_response" {
        let piece = try JSONValue.parse(Array(event.data.utf8)).objectValue?["text"]?.stringValue ?? ""
        text = event.name == "text" ? text + piece : piece
    }
    return text
}

let metaLine =
    "event: meta\r\ndata: {\"content_type\": \"text/markdown\", \"refetch_settings\": false, \"linkify\": true, \"suggested_replies\": false}\r\n\r\n"
let doneLine = "event: done\r\ndata: {}\r\n\r\n"

/// Polls `condition` until it holds, 1500 times 10 ms apart at most (15 s on a quiet
/// machine); tests wait on state, never on sleeps.
///
/// Counted in polls, not by the clock: in a full `swift test` on a loaded machine, ready tasks
/// waited up to 23 s for one of the cooperative pool's two threads, so a wall-clock deadline ran
/// out before the work awaited had even run. Each poll's wakeup queues behind that work, so
/// the wait stretches with the backlog.
func eventually(polls: Int = 1500, _ condition: () async -> Bool) async -> Bool {
    for _ in 0..<polls {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

func temporaryFile(_ bytes: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("emu-upload-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    return url
}
