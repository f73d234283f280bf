import FlyingFox
import FlyingSocks
import Foundation

/// A local Poe API on 127.0.0.1: the bot protocol, uploads, `/v1/models` and the usage API,
/// with scripted bots (Echo, Stream, Markdown, Suggest, Replace, Artist, Fail, Slow).
///
/// Tests, benchmarks and the offline demo run the real client against it over real HTTP, so
/// everything it sends is byte-compatible with what fastapi_poe's server sends. It never binds
/// anything but the loopback address.
///
/// ```swift
/// let emulator = PoeEmulator()
/// try await emulator.start()
/// // POST \(emulator.baseURL)/bot/Echo with "Authorization: Bearer any-key"
/// await emulator.stop()
/// ```
public final class PoeEmulator: Sendable {
    private enum EmulatorError: Error, CustomStringConvertible {
        case alreadyStarted
        case failedToListen(String)
        var description: String {
            switch self {
            case .alreadyStarted: "The emulator was already started"
            case .failedToListen(let reason): "The emulator could not listen on 127.0.0.1: \(reason)"
            }
        }
    }

    private struct Running: Sendable {
        let server: HTTPServer
        let task: Task<Void, Never>
    }

    public let options: EmulatorOptions
    private let state: EmulatorState
    private let address = Locked("")
    private let running = Locked<Running?>(nil)

    public init(options: EmulatorOptions = .init()) {
        self.options = options
        self.state = EmulatorState(options: options)
    }

    /// `http://127.0.0.1:PORT`, no trailing slash; empty before ``start()`` returns.
    public var baseURL: String { address.withLock { $0 } }

    /// Where fastapi_poe-style uploads go: pass `baseURL + "/poe_api/"` as its upload base URL.
    public var uploadURL: String { baseURL + EmulatorRouter.uploadPath }

    /// Binds 127.0.0.1 and returns once the server accepts connections.
    public func start() async throws {
        let config = HTTPServer.Configuration(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: options.port),
            timeout: 300,  // bounds reading a request and building a response, not a stream
            pool: NoDelaySocketPool(base: HTTPServer.defaultPool()),
            logger: .disabled
        )
        let server = HTTPServer(
            config: config,
            handler: EmulatorRouter(
                endpoints: Endpoints(
                    options: options, state: state, catalog: BotCatalog(pingInterval: options.pingInterval),
                    address: address)))
        let failure = Locked<String?>(nil)
        let task = Task {
            do {
                try await server.run()
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
        }
        let alreadyRunning = running.withLock { current -> Bool in
            if current != nil { return true }
            current = Running(server: server, task: task)
            return false
        }
        if alreadyRunning {
            task.cancel()
            throw EmulatorError.alreadyStarted
        }

        // run() reports a bind failure by throwing, so poll both outcomes rather than waiting
        // on waitUntilListening alone, which would only time out.
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if case .ip4(_, let port) = await server.listeningAddress {
                address.withLock { $0 = "http://127.0.0.1:\(port)" }
                break
            }
            if let reason = failure.withLock({ $0 }) {
                running.withLock { $0 = nil }
                throw EmulatorError.failedToListen(reason)
            }
            guard ContinuousClock.now < deadline else {
                await stop()
                throw EmulatorError.failedToListen("timed out")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        _ = await state.storeFile(
            name: ArtistBot.fileName, contentType: "image/png", bytes: PNGImage.artistPicture,
            id: Endpoints.avatarFileID)
    }

    /// Stops listening and ends every open stream and connection at once (no grace period:
    /// FlyingFox's graceful stop waits out its whole timeout even when idle).
    public func stop() async {
        guard let current = running.withLock({ value -> Running? in
            defer { value = nil }
            return value
        }) else { return }
        await state.cancelAllStreams()
        await current.server.stop(timeout: 0)
        current.task.cancel()
        await current.task.value
    }

    // MARK: Introspection for tests

    /// Every request received, in order of arrival.
    public func recordedRequests() async -> [RecordedRequest] {
        await state.recordedRequests
    }

    /// The bytes stored for an `attachment_url` the emulator returned (or an Artist picture URL).
    public func storedUpload(url: String) async -> Data? {
        await state.file(url: url)?.bytes
    }

    /// Bot streams currently being written; drops back once a client disconnects.
    public func openStreams() async -> Int {
        await state.openStreams
    }

    /// Non-nil: the upload endpoint answers that status with a JSON error until reset to nil.
    public func setUploadFailure(status: Int?) async {
        await state.setUploadFailure(status: status)
    }

    /// The current point balance (the same number `/usage/current_balance` reports).
    public func pointBalance() async -> Int {
        await state.balance
    }
}
