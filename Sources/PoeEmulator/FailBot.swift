/// Fail: every way a Poe reply can go wrong, chosen by parameters, for a client's error paths.
///
/// - `status`: answer that HTTP status with a JSON error body instead of a stream.
/// - otherwise `words` text events, then either an SSE `error` event and `done` (fastapi_poe's
///   shape), or with `drop` the body simply ends after the words, with neither.
/// - `fail_times` + `token`: only the first `fail_times` requests carrying that token fail; later
///   ones answer "Recovered after N failures", which is how a client's retry is tested.
struct FailBot: EmulatedBot {
    let info = BotInfo(
        name: "Fail",
        points: 7,
        summary: "Fails on purpose: an HTTP error status, an error event after some words, "
            + "or a dropped stream; can recover after a number of failures.",
        parameters: [
            BotParameterSpec(
                name: "status", kind: .integer, minimum: 400, maximum: 599,
                description: "Answer this HTTP status with a JSON error instead of a stream "
                    + "(401 authentication_error, 402 insufficient_credits, 404 not_found_error, "
                    + "429 rate_limit_error, 500 provider_error, 503 overloaded_error)."),
            BotParameterSpec(
                name: "retry_after", kind: .integer, minimum: 0, maximum: 86_400, defaultValue: 1,
                description: "Retry-After seconds sent with status 429 or 503."),
            BotParameterSpec(
                name: "words", kind: .integer, minimum: 0, maximum: 1_000_000, defaultValue: 0,
                description: "Text events (\"wordN \") sent before the error or the drop."),
            BotParameterSpec(
                name: "allow_retry", kind: .boolean, defaultValue: true,
                description: "The allow_retry flag of the error event."),
            BotParameterSpec(
                name: "error_type", kind: .string,
                description: "Copied into the error event's error_type (e.g. user_caused_error)."),
            BotParameterSpec(
                name: "text", kind: .string, defaultValue: "Simulated failure",
                description: "The error message, in the error event or the JSON error body."),
            BotParameterSpec(
                name: "drop", kind: .boolean, defaultValue: false,
                description: "End the body after the words with neither an error event nor done."),
            BotParameterSpec(
                name: "fail_times", kind: .integer, minimum: 0, maximum: 1_000_000,
                description: "With token: fail only the first N requests carrying that token."),
            BotParameterSpec(
                name: "token", kind: .string,
                description: "Names the failure counter used by fail_times."),
        ]
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let parameters = BotParameters(values: query.parameters)
        let status = try parameters.optionalInt("status", in: 400...599)
        let retryAfter = try parameters.int("retry_after", default: 1, in: 0...86_400)
        let words = try parameters.int("words", default: 0, in: 0...1_000_000)
        let allowRetry = try parameters.bool("allow_retry", default: true)
        let errorType = try parameters.string("error_type")
        let text = try parameters.string("text") ?? "Simulated failure"
        let drop = try parameters.bool("drop", default: false)
        let failTimes = try parameters.optionalInt("fail_times", in: 0...1_000_000)
        let token = try parameters.string("token")

        if let failTimes, let token, !(await context.state.shouldFail(token: token, times: failTimes)) {
            let reply = "Recovered after \(failTimes) failures"
            return .stream(
                StreamPlan { stream in
                    try await stream.send(.text(reply))
                    return .completed
                })
        }

        if let status {
            var error = APIError(status: status, type: APIError.type(forStatus: status), message: text)
            if status == 429 || status == 503 { error.retryAfter = retryAfter }
            return .httpError(error)
        }

        return .stream(
            StreamPlan { stream in
                try await StreamBot.sendWords(words, interval: .zero, to: stream)
                if drop { return .dropped }
                try await stream.send(.error(allowRetry: allowRetry, text: text, errorType: errorType))
                return .failed
            })
    }
}
