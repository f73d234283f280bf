import PoeAPI

/// The exit codes `poe-tui` documents for scripts.
enum ExitStatus: Int32 {
    case ok = 0
    case usage = 2
    case invalidKey = 3
    case insufficientPoints = 4
    case rateLimited = 5
    case network = 6
    case botError = 7
    /// The reply completed, but a file it carried could not be saved (`ask --save-files`).
    case fileNotSaved = 8
    case interrupted = 130

    init(_ error: PoeError) {
        switch error {
        case .invalidKey, .missingKey: self = .invalidKey
        case .insufficientPoints: self = .insufficientPoints
        case .rateLimited: self = .rateLimited
        case .network, .timeout: self = .network
        case .cancelled: self = .interrupted
        case .uploadTooLarge, .unreadableFile: self = .usage
        case .botFailed(let event): self = ExitStatus(botError: event)
        case .unknownBot, .server, .http, .protocolViolation, .incomplete, .uploadRejected: self = .botError
        case .downloadFailed, .unwritableFile: self = .fileNotSaved
        }
    }

    /// A bot's `error` event; one that says the points ran out is reported as such.
    init(botError: BotErrorEvent) {
        self = botError.errorType == "insufficient_fund" ? .insufficientPoints : .botError
    }
}

/// Ends the process with a documented status after a message on stderr.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String?
    /// A status outside the documented set (128 + a signal, after the full-screen app).
    var rawStatus: Int32?

    init(status: ExitStatus, message: String?, rawStatus: Int32? = nil) {
        self.status = status
        self.message = message
        self.rawStatus = rawStatus
    }
}
