import Foundation
import PoeAPI
import PoeEmulator
import Synchronization
import Testing

@Suite("Downloads: bot files to disk, the key kept at home, nothing half-written left behind")
struct DownloadTests {
    @Test func artistsPictureArrivesByteForByte() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let url = try #require(await ask(harness, bot: "Artist").files.first?.url)
        let folder = try TemporaryFolder()
        let path = folder.path("artist.png")
        let progress = DownloadProgressLog()
        let size = try await harness.client.download(url: url, to: path) { received, total in progress.record(received, total) }

        let served = try #require(await harness.emulator.storedUpload(url: url))
        #expect(FileManager.default.contents(atPath: path) == served)
        #expect(size == Int64(served.count))
        let entries = progress.entries
        #expect(entries.first?.0 == 0)
        #expect(entries.last?.0 == size)
        #expect(entries.allSatisfy { $0.1 == size })
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        // The emulator is the API's own origin: the key goes there as on every request.
        let fetch = try #require(await harness.emulator.recordedRequests().last { $0.method == "GET" })
        #expect(fetch.headers["authorization"] == "Bearer \(harness.key)")
        #expect(fetch.headers["user-agent"]?.hasPrefix("poe-tui/") == true)
    }

    @Test func theKeyIsNeverSentToAnotherHost() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let url = try #require(await ask(harness, bot: "Artist").files.first?.url)
        // Same server, another origin: `localhost` is not `127.0.0.1`, as a CDN is not the API.
        let elsewhere = url.replacingOccurrences(of: "://127.0.0.1:", with: "://localhost:")
        let folder = try TemporaryFolder()
        _ = try await harness.client.download(url: elsewhere, to: folder.path("a.png"))
        let fetch = try #require(await harness.emulator.recordedRequests().last { $0.method == "GET" })
        #expect(fetch.headers["authorization"] == nil)
        #expect(fetch.headers["host"]?.hasPrefix("localhost") == true)
    }

    @Test func redirectsAreFollowedWithoutTheKey() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let url = try #require(await ask(harness, bot: "Artist").files.first?.url)
        // The redirect's own body is not the file.
        let redirector = try ScriptedHTTPServer { _ in
            .close(httpResponse("302 Found", headers: ["Location: \(url)", "Content-Length: 6"], body: Array("moved\n".utf8)))
        }
        defer { redirector.stop() }
        // A client whose API is the redirector: it gets the key, the host it sends us to does not.
        var configuration = harness.client.configuration
        configuration.apiBase = redirector.base
        let client = PoeClient(configuration: configuration)
        let folder = try TemporaryFolder()
        let path = folder.path("moved.png")
        let size = try await client.download(url: redirector.base + "/moved", to: path)

        let served = try #require(await harness.emulator.storedUpload(url: url))
        #expect(FileManager.default.contents(atPath: path) == served && size == Int64(served.count))
        #expect(redirector.requests.first?.headers["authorization"] == "Bearer \(harness.key)")
        let fetch = try #require(await harness.emulator.recordedRequests().last { $0.method == "GET" })
        #expect(fetch.headers["authorization"] == nil)
    }

    @Test func onlyHTTPAddressesAreFetched() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let folder = try TemporaryFolder()
        for url in ["file:///etc/hostname", "ftp://127.0.0.1/x", "no address at all", "http://"] {
            let path = folder.path("x")
            await #expect(throws: PoeError.downloadFailed("\(url) is not an http or https address")) {
                try await harness.client.download(url: url, to: path)
            }
            #expect(!FileManager.default.fileExists(atPath: path), "\(url)")
        }
        // Nor through a redirect.
        let redirector = try ScriptedHTTPServer { _ in .close(httpResponse("302 Found", headers: ["Location: file:///etc/hostname", "Content-Length: 0"])) }
        defer { redirector.stop() }
        let path = folder.path("y")
        let error = await downloadError(harness.client, url: redirector.base + "/x", to: path)
        guard case .network(let message) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(message.lowercased().contains("file"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anErrorStatusIsReadableAndLeavesNoFile() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let folder = try TemporaryFolder()
        let path = folder.path("missing.png")
        let error = await downloadError(harness.client, url: harness.emulator.baseURL + "/files/000000000999/missing.png", to: path)
        #expect(error == .downloadFailed("HTTP 404: File '000000000999' does not exist"))
        #expect(error?.description == "Download failed: HTTP 404: File '000000000999' does not exist.")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anExistingFileIsNeverOverwritten() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let url = try #require(await ask(harness, bot: "Artist").files.first?.url)
        let folder = try TemporaryFolder()
        let path = folder.path("mine.txt")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        let error = await downloadError(harness.client, url: url, to: path)
        #expect(error == .unwritableFile(path: path, reason: "File exists"))
        #expect(FileManager.default.contents(atPath: path) == Data("precious".utf8))
        // A folder that is not there is said plainly too.
        let nowhere = folder.path("no/such/folder/x.png")
        #expect(await downloadError(harness.client, url: url, to: nowhere) == .unwritableFile(path: nowhere, reason: "No such file or directory"))
    }

    @Test func aBodyEndedByClosingHasNoTotal() async throws {
        let body = [UInt8]((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let server = try ScriptedHTTPServer { _ in .close(httpResponse("200 OK", headers: ["Connection: close"], body: body)) }
        defer { server.stop() }
        let client = PoeClient(configuration: PoeConfiguration(apiKey: "k", apiBase: "http://127.0.0.1:9"))
        let folder = try TemporaryFolder()
        let path = folder.path("stream.bin")
        let progress = DownloadProgressLog()
        let size = try await client.download(url: server.base + "/f", to: path) { received, total in progress.record(received, total) }
        #expect(size == Int64(body.count))
        #expect(FileManager.default.contents(atPath: path) == Data(body))
        #expect(progress.entries.allSatisfy { $0.1 == nil })
        #expect(progress.entries.last?.0 == size)
        #expect(server.requests.first?.headers["authorization"] == nil)
    }

    @Test func cancellingMidwayRemovesThePartialFile() async throws {
        // Half of the declared body, then silence: the download is stuck until cancelled.
        let server = try ScriptedHTTPServer { _ in
            .hold(httpResponse("200 OK", headers: ["Content-Length: 1000000"], body: [UInt8](repeating: 0x41, count: 500_000)))
        }
        defer { server.stop() }
        let client = PoeClient(configuration: PoeConfiguration(apiKey: "k", apiBase: "http://127.0.0.1:9"))
        let folder = try TemporaryFolder()
        let path = folder.path("half.bin")
        let progress = DownloadProgressLog()
        let download = Task { try await client.download(url: server.base + "/f", to: path) { progress.record($0, $1) } }
        #expect(await eventually(polls: 6000) { progress.entries.last?.0 == 500_000 })
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(progress.entries.last?.1 == 1_000_000)
        download.cancel()
        await #expect(throws: PoeError.cancelled) { try await download.value }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func silenceTimesOut() async throws {
        let server = try ScriptedHTTPServer { _ in
            .hold(httpResponse("200 OK", headers: ["Content-Length: 10"], body: Array("12345".utf8)))
        }
        defer { server.stop() }
        var configuration = PoeConfiguration(apiKey: "k", apiBase: "http://127.0.0.1:9")
        configuration.idleTimeout = .milliseconds(300)
        let folder = try TemporaryFolder()
        let path = folder.path("stalled.bin")
        let error = await downloadError(PoeClient(configuration: configuration), url: server.base + "/f", to: path)
        guard case .timeout = error else { Issue.record("\(String(describing: error))"); return }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

private func downloadError(_ client: PoeClient, url: String, to path: String) async -> PoeError? {
    do {
        _ = try await client.download(url: url, to: path)
        Issue.record("\(url) downloaded")
        return nil
    } catch let error as PoeError {
        return error
    } catch {
        Issue.record("not a PoeError: \(error)")
        return nil
    }
}

/// What a download reported, in order.
final class DownloadProgressLog: Sendable {
    private let log = Mutex<[(Int64, Int64?)]>([])
    func record(_ received: Int64, _ total: Int64?) { log.withLock { $0.append((received, total)) } }
    var entries: [(Int64, Int64?)] { log.withLock { $0 } }
}

/// A folder of its own under the temporary directory, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("poe-download-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
