import ChatStore
import PoeAPI

extension ReceivedFile {
    /// A bot's `file` event as the store keeps it: size and saved path come later, if ever.
    init(_ file: PoeAttachment) {
        self.init(name: file.name, url: file.url, contentType: file.contentType, inlineRef: file.inlineRef)
    }
}
