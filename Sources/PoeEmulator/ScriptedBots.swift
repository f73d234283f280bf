/// Suggest: a short reply, then three `suggested_reply` events (and `suggested_replies: true`
/// in `meta`), the way Poe offers follow-up prompts.
struct SuggestBot: EmulatedBot {
    static let reply = "Here is a short answer. What next?"
    static let suggestions = ["Tell me more", "Give an example", "Summarize"]

    let info = BotInfo(
        name: "Suggest",
        points: 15,
        summary: "Answers briefly, then offers three suggested replies."
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        .stream(
            StreamPlan(suggestedReplies: true) { stream in
                try await stream.sendText(Self.reply, piecesOf: 16)
                for suggestion in Self.suggestions {
                    try await stream.send(.suggestedReply(suggestion))
                }
                return .completed
            })
    }
}

/// Replace: two drafts, then `replace_response` with the final text, which must clear what a
/// client has shown so far (fastapi_poe's `get_final_response` gives just "Final answer.").
struct ReplaceBot: EmulatedBot {
    let info = BotInfo(
        name: "Replace",
        points: 10,
        summary: "Streams two drafts, then replaces the whole reply with 'Final answer.'."
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        .stream(
            StreamPlan { stream in
                try await stream.send(.text("Draft one. "))
                try await stream.send(.text("Draft two."))
                try await stream.send(.replaceResponse("Final answer."))
                return .completed
            })
    }
}
