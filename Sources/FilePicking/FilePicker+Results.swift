/// Listing results and previews arriving from the background.
extension FilePicker {
    /// Applies a result of `request`; results of any other (older) request are dropped.
    public mutating func receive(_ event: ListingEvent, for request: ListingRequest) -> FilePickerCommand {
        guard request.id == self.request.id else { return .none }
        switch event {
        case .entries(let batch):
            let first = listing.entries.count
            let current = listing.entryIndex(ofRow: selection)
            listing.append(batch)
            if let name = reselect, let index = batch.firstIndex(where: { $0.name == name }),
               let row = listing.row(ofEntry: first + index) {
                reselect = nil
                selection = row
                // The folder just left is shown in the middle, with its neighbours around it.
                scroll = selection - max(1, pageRows) / 2
            } else if let current, let row = listing.row(ofEntry: current) {
                selection = row
            }
            selection = max(0, min(selection, listing.count - 1))
            keepSelectionInView()
        case .details(let start, let detailed):
            listing.replace(from: start, with: detailed)
            if !marked.isEmpty {
                let sizes = Dictionary(detailed.map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
                for index in marked.indices { marked[index].size = sizes[marked[index].path] ?? marked[index].size }
            }
        case .finished(let end):
            status = .complete(end)
            reselect = nil
        case .failed(let error):
            status = .failed(error)
            reselect = nil
        }
        return previewIfNeeded()
    }

    /// Keeps a preview if it is for the file last asked about; a marked file learns its type.
    public mutating func receive(_ preview: FilePreview) {
        guard preview.path == wantedPreview else { return }
        self.preview = preview
        if preview.problem == nil, let index = marked.firstIndex(where: { $0.path == preview.path }) {
            marked[index].type = preview.type
            marked[index].size = preview.size
        }
    }
}
