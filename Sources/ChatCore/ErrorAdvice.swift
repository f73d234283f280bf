import ChatStore

/// What to do about a failed reply, by the kind of failure the client reported: shown after the
/// error on the message and in the status line, so no error leaves the user guessing.
public enum ErrorAdvice {
    public static func advice(for error: MessageError) -> String {
        switch error.kind {
        case "invalid_key":
            return "Set a valid key (POE_API_KEY, or api_key in config.toml; keys are at poe.com/api_key), then restart."
        case "insufficient_points":
            return "Top up or wait for points to renew (poe.com), then Alt-R retries."
        case "unknown_bot":
            return "Ctrl-B picks another bot (or /bot NAME), then Alt-R retries."
        case "rate_limited":
            return "Wait a moment, then Alt-R retries."
        case "network", "timeout":
            return "Check the connection; Alt-R retries."
        default:
            return error.retryable ? "Alt-R retries." : "Alt-R tries again; Ctrl-B picks another bot."
        }
    }
}
