import Foundation

/// Everything the emulator remembers between requests, behind one actor so concurrent
/// connections see a consistent balance, rate-limit window and file store.
actor EmulatorState {
    private var recorded: [RecordedRequest] = []
    private var uploads = UploadStore()
    private var ledger: PointsLedger
    private var limiter: RateLimiter
    private var failuresByToken: [String: Int] = [:]
    private var uploadFailureStatus: Int?
    private(set) var openStreams = 0
    private var streamChannels: [Int: EventChannel] = [:]
    private var nextStreamID = 0

    init(options: EmulatorOptions) {
        ledger = PointsLedger(balance: options.startingBalance)
        limiter = RateLimiter(limit: options.rateLimitPerMinute)
    }

    // MARK: Requests

    func record(_ request: RecordedRequest) {
        recorded.append(request)
    }

    var recordedRequests: [RecordedRequest] { recorded }

    /// Counts a request against `key`'s window. Nil when admitted, else seconds for `Retry-After`.
    func admit(key: String) -> Int? {
        limiter.admit(key: key, now: .now)
    }

    // MARK: Files

    func storeFile(name: String, contentType: String, bytes: Data, id: String? = nil) -> UploadStore.File {
        uploads.store(name: name, contentType: contentType, bytes: bytes, id: id)
    }

    func file(id: String) -> UploadStore.File? { uploads.file(id: id) }

    func file(url: String) -> UploadStore.File? { uploads.file(url: url) }

    var forcedUploadFailure: Int? { uploadFailureStatus }

    func setUploadFailure(status: Int?) { uploadFailureStatus = status }

    // MARK: Points

    var balance: Int { ledger.balance }

    @discardableResult
    func charge(bot: String, points: Int) -> String {
        ledger.charge(bot: bot, points: points)
    }

    func pointsHistory(limit: Int, startingAfter: String?) -> (entries: [PointsLedger.Entry], hasMore: Bool) {
        ledger.page(limit: limit, startingAfter: startingAfter)
    }

    // MARK: Fail bot

    /// For Fail's `fail_times` + `token`: true while this token has failed fewer than `times`
    /// times (and counts this failure).
    func shouldFail(token: String, times: Int) -> Bool {
        let failures = failuresByToken[token, default: 0]
        guard failures < times else { return false }
        failuresByToken[token] = failures + 1
        return true
    }

    // MARK: Streams

    /// Registers a running bot stream (counted by ``openStreams``) so ``cancelAllStreams()`` can stop it.
    func streamOpened(_ channel: EventChannel) -> Int {
        nextStreamID += 1
        openStreams += 1
        streamChannels[nextStreamID] = channel
        return nextStreamID
    }

    func streamClosed(_ id: Int) {
        if streamChannels.removeValue(forKey: id) != nil { openStreams -= 1 }
    }

    func cancelAllStreams() {
        for channel in streamChannels.values { channel.cancel() }
    }
}
