/// Markdown: one fixed reply that touches everything a terminal renderer must handle:
/// headings, emphasis, nested lists, a quote, a table, fenced code in two languages, a link,
/// CJK text and emoji (one with a skin-tone modifier, which terminals disagree on).
///
/// It streams in pieces of a few characters, so a renderer sees half-built markdown (an open
/// fence, a table before its `|---|` row) on the way, as with a real model.
struct MarkdownBot: EmulatedBot {
    /// Characters per `text` event.
    static let pieceSize = 8

    static let reply = """
        # Markdown tour

        Some **bold**, some *italic*, some `inline code` and ~~struck~~ text.

        ## Lists

        - First item
        - Second item with **emphasis**
          - A nested item
        1. One
        2. Two

        > A quote that spans
        > two lines.

        | Language | Typing  | Year |
        |----------|---------|-----:|
        | Swift    | static  | 2014 |
        | Python   | dynamic | 1991 |

        ```swift
        struct Greeter {
            func greet(_ name: String) -> String { "Hello, \\(name)!" }
        }
        ```

        ```python
        def greet(name: str) -> str:
            return f"Hello, {name}!"
        ```

        A link: [Poe](https://poe.com).

        日本語のテキスト and emoji 🙂 👍🏽
        """

    let info = BotInfo(
        name: "Markdown",
        points: 20,
        summary: "Streams a fixed markdown sample: headings, emphasis, lists, a quote, a table, "
            + "Swift and Python code, a link, CJK text and emoji."
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        .stream(
            StreamPlan { stream in
                try await stream.sendText(Self.reply, piecesOf: Self.pieceSize)
                return .completed
            })
    }
}
