import ChatCore
import ChatStore
import TerminalUI

/// The draft's files as chips on the first rows of the input box: name and size, a tick once
/// uploaded, the percentage while uploading.
struct AttachmentChips {
    let state: AppState
    let theme: Theme

    func lines(width: Int) -> [StyledLine] {
        let files = state.attachments
        guard !files.isEmpty else { return [] }
        let job = state.currentID.flatMap { state.uploads[$0] }
        var spans: [StyledSpan] = []
        for file in files {
            var label = "📎 \(TextWidth.standard.truncate(file.name, to: 40))"
            if let size = file.size { label += " \(ByteSize.format(size))" }
            if file.url != nil {
                label += " ✓"
            } else if let path = file.localPath, let progress = job?.progress[path], progress.total > 0 {
                label += " \(Int(Double(progress.sent) * 100 / Double(progress.total)))%"
            }
            spans.append(StyledSpan(" \(label) ", style: theme.style(for: "chip")))
            spans.append(StyledSpan(" ", style: theme.style(for: "input.text")))
        }
        if job == nil, state.input.isEmpty {
            spans.append(StyledSpan("Backspace removes the last", style: theme.style(for: "input.placeholder")))
        }
        return TextWrapper.wrap(spans, width: max(1, width))
    }
}
