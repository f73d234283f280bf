import FlyingFox
import Foundation

/// `POST /bot/<name>`: the Poe bot protocol as fastapi_poe's client uses it.
extension Endpoints {
    /// Checks, in order: the Bearer key (401), the bot name (404), the body (400), the rate
    /// limit (429) and the balance (402); then lets the bot choose an HTTP error or a stream.
    func queryBot(named name: String, request: HTTPRequest, body: Data) async throws(APIError) -> HTTPResponse {
        let key = try bearerKey(of: request)
        guard let bot = catalog.bot(named: name) else { throw .notFound("Bot '\(name)' does not exist") }
        let query = try QueryRequest.decode([UInt8](body))

        switch query.type {
        case "query":
            break
        case "settings":
            // What a fastapi_poe server answers for its settings request, trimmed to the basics.
            return HTTPReplies.json(
                .object([
                    "server_bot_dependencies": .object([:]), "allow_attachments": true,
                    "introduction_message": "", "expand_text_attachments": true,
                    "enable_image_comprehension": false,
                ]))
        case "report_error", "report_feedback", "report_reaction":
            // fastapi_poe's client reports protocol anomalies here; accept and ignore them.
            return HTTPReplies.json(.object([:]))
        default:
            throw APIError(status: 501, type: "invalid_request_error", message: "Unsupported request type '\(query.type)'")
        }

        try await admit(key: key)
        let balance = await state.balance
        guard balance >= bot.info.points else {
            throw APIError(
                status: 402, type: "insufficient_credits",
                message: "Not enough points: \(bot.info.name) costs \(bot.info.points), balance is \(balance)")
        }

        let context = BotContext(baseURL: baseURL, state: state, pingInterval: options.pingInterval)
        switch try await bot.plan(for: query, context: context) {
        case .httpError(let error):
            return HTTPReplies.error(error)
        case .stream(let plan):
            return HTTPReplies.eventStream(makeBody(bot: bot.info, plan: plan))
        }
    }

    /// A body whose bot task starts when FlyingFox starts writing it and is cancelled when the
    /// writing stops (client gone, server stopping).
    private func makeBody(bot: BotInfo, plan: StreamPlan) -> EventBodySequence {
        let state = self.state
        let pingInterval = plan.pingInterval ?? options.pingInterval
        return EventBodySequence {
            let channel = EventChannel()
            let task = Task {
                let id = await state.streamOpened(channel)
                await Self.run(plan, bot: bot, stream: BotStream(channel: channel, pingInterval: pingInterval), state: state)
                channel.finish()
                await state.streamClosed(id)
            }
            channel.setOnCancel { task.cancel() }
            return channel
        }
    }

    /// `meta`, the bot's events, then `done` (charging the bot's points) unless the bot
    /// failed with an error event (no charge) or dropped the stream (no `done`, no charge).
    private static func run(_ plan: StreamPlan, bot: BotInfo, stream: BotStream, state: EmulatorState) async {
        do {
            try await stream.send(.meta(suggestedReplies: plan.suggestedReplies))
            let outcome = try await plan.run(stream)
            switch outcome {
            case .completed:
                await state.charge(bot: bot.name, points: bot.points)
                try await stream.send(.done)
            case .failed:
                try await stream.send(.done)
            case .dropped:
                break
            }
        } catch {
            // The client went away or the emulator is stopping: nothing more to write.
        }
    }
}
