#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A tiny HTTP server on 127.0.0.1 that answers each request with bytes a test writes by hand:
/// redirects, a body that stops halfway and holds the connection open, a body whose end is the
/// connection's close. The emulator answers like Poe; this answers like a misbehaving CDN.
///
/// Blocking sockets on threads of its own, so the cooperative pool stays free for the client.
final class ScriptedHTTPServer: Sendable {
    struct Request: Sendable {
        /// `GET /path HTTP/1.1`
        var line: String
        /// Lowercased names.
        var headers: [String: String]
    }

    enum Reply: Sendable {
        /// Write these bytes, then close the connection.
        case close([UInt8])
        /// Write these bytes, then keep the connection open and silent until the server stops.
        case hold([UInt8])
        /// Write these bytes and keep the connection; read the next request on it, then close
        /// without answering: a keep-alive connection that dies under the client's next request.
        case answerThenDropNext([UInt8])
        /// Write the pieces `interval` apart (at least), then close: a stream in real time.
        case paced([[UInt8]], interval: Duration)
    }

    let port: UInt16
    private let listener: Int32
    private let state = Mutex(State())

    /// Descriptors `stop` may shut down. A descriptor leaves this state, under the lock, before
    /// it is closed: once closed, its number is the kernel's to hand to the next socket any
    /// test opens (an emulator's connection, curl's), and shutting that down broke other tests'
    /// requests mid-flight ("Empty reply from server", refused connections, a query sent twice).
    private struct State {
        var requests: [Request] = []
        var dropped: [Request] = []
        var held: Set<Int32> = []
        var listening = true
        var stopped = false
    }

    var base: String { "http://127.0.0.1:\(port)" }
    /// Requests answered by the script, in order of arrival.
    var requests: [Request] { state.withLock { $0.requests } }
    /// Requests read and left unanswered (`answerThenDropNext`).
    var droppedRequests: [Request] { state.withLock { $0.dropped } }

    init(_ reply: @escaping @Sendable (Request) -> Reply) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(listener, socketAddress, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, socketAddress, &length) == 0
            }
        }
        guard listener >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop(reply) }.start()
    }

    /// Closes the listening socket and every held connection.
    func stop() {
        // Shut down while holding the lock: every descriptor still listed is still open, since
        // its owner must take the lock to unlist it before closing it.
        state.withLock { state in
            state.stopped = true
            if state.listening { shutdown(listener, Int32(SHUT_RDWR)) }
            for connection in state.held { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop(_ reply: @escaping @Sendable (Request) -> Reply) {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                // A client that gave up while queued, or a signal: not the end of listening.
                if errno == EINTR || errno == ECONNABORTED { continue }
                break
            }
            Thread { [self] in serve(connection, reply) }.start()
        }
        state.withLock { $0.listening = false }
        close(listener)
    }

    private func serve(_ connection: Int32, _ reply: (Request) -> Reply) {
        guard let request = readHead(connection) else {
            close(connection)
            return
        }
        state.withLock { $0.requests.append(request) }
        switch reply(request) {
        case .close(let bytes):
            writeAll(bytes, to: connection)
            close(connection)
        case .paced(let pieces, let interval):
            for (index, piece) in pieces.enumerated() {
                if index > 0 { Thread.sleep(forTimeInterval: interval / .seconds(1)) }
                guard writeAll(piece, to: connection) else { break }
            }
            close(connection)
        case .answerThenDropNext(let bytes):
            writeAll(bytes, to: connection)
            if let dropped = readHead(connection) { state.withLock { $0.dropped.append(dropped) } }
            close(connection)
        case .hold(let bytes):
            writeAll(bytes, to: connection)
            let stopped = state.withLock { state in
                if !state.stopped { state.held.insert(connection) }
                return state.stopped
            }
            if stopped {
                close(connection)
                return
            }
            // Wait for the client to hang up (or `stop`), reading and dropping anything it sends.
            var buffer = [UInt8](repeating: 0, count: 1024)
            while true {
                let count = read(connection, &buffer, buffer.count)
                // Other tests' children end with SIGCHLD, which may interrupt this read.
                if count > 0 || (count < 0 && errno == EINTR) { continue }
                break
            }
            state.withLock { _ = $0.held.remove(connection) }
            close(connection)
        }
    }

    /// Reads a request's head and skips its body (by `Content-Length`), so the next request on
    /// the connection starts where the reading stops.
    private func readHead(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !bytes.ends(with: Array("\r\n\r\n".utf8)) {
            let count = read(connection, &buffer, 1)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            bytes.append(buffer[0])
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard let line = lines.first else { return nil }
        var headers: [String: String] = [:]
        for header in lines.dropFirst() {
            guard let colon = header.firstIndex(of: ":") else { continue }
            headers[header[..<colon].lowercased()] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var unread = Int(headers["content-length"] ?? "") ?? 0
        while unread > 0 {
            let count = read(connection, &buffer, min(unread, buffer.count))
            guard count > 0 else { return nil }
            unread -= count
        }
        return Request(line: line, headers: headers)
    }

    /// False when the client has gone.
    @discardableResult
    private func writeAll(_ bytes: [UInt8], to connection: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

/// An HTTP/1.1 response head and body, as a test spells it out.
func httpResponse(_ status: String, headers: [String] = [], body: [UInt8] = []) -> [UInt8] {
    Array(("HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n").utf8) + body
}
