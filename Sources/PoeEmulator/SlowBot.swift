/// Slow: `meta`, then nothing but keep-alive pings every `ping_ms` until `delay_ms` has passed,
/// then "Finally here.": for a client's idle timeout and its handling of `: ping` comments.
struct SlowBot: EmulatedBot {
    let info: BotInfo

    /// - Parameter defaultPingMilliseconds: the emulator's ping interval, nil when pings are off.
    init(defaultPingMilliseconds: Int?) {
        info = BotInfo(
            name: "Slow",
            points: 3,
            summary: "Waits (sending only keep-alive pings), then answers 'Finally here.'.",
            parameters: [
                BotParameterSpec(
                    name: "delay_ms", kind: .integer, minimum: 0, maximum: 600_000, defaultValue: 3000,
                    description: "Milliseconds to wait before answering."),
                BotParameterSpec(
                    name: "ping_ms", kind: .integer, minimum: 1, maximum: 600_000,
                    defaultValue: defaultPingMilliseconds.map(JSONValue.int) ?? .null,
                    description: "Idle milliseconds between ': ping' comments while waiting "
                        + "(default: the emulator's ping interval)."),
            ]
        )
    }

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let parameters = BotParameters(values: query.parameters)
        let delay = try parameters.int("delay_ms", default: 3000, in: 0...600_000)
        let ping = try parameters.optionalInt("ping_ms", in: 1...600_000)
        return .stream(
            StreamPlan(pingInterval: ping.map { .milliseconds($0) }) { stream in
                try await stream.pause(.milliseconds(delay))
                try await stream.send(.text("Finally here."))
                return .completed
            })
    }
}
