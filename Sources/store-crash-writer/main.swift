import ChatStore
import Foundation

// A test helper that writes to a conversation store from its own process.
//
//   store-crash-writer ROOT
//       Saves a growing conversation as fast as it can, printing each message number once its
//       save returned, until killed. The crash-safety test kills it at random moments and checks
//       that every file still parses and holds a prefix of what was written.
//   store-crash-writer ROOT LABEL COUNT
//       Appends COUNT messages "LABEL-1" … "LABEL-COUNT" to the store's first conversation, one
//       save each, then exits. Two of these at once must lose nothing.

let arguments = CommandLine.arguments
let root = URL(fileURLWithPath: arguments[1])
let store = try ConversationStore(root: root)
var conversation = try store.list().first.map { try store.load($0.id) } ?? store.create(bot: "Echo", title: "writer test")

if arguments.count >= 4, let count = Int(arguments[3]) {
    let label = arguments[2]
    for number in 1...count {
        conversation.append(ChatMessage(role: .user, content: "\(label)-\(number)"))
        conversation = try store.saveNow(conversation)
    }
    await store.close()
    exit(0)
}

var number = conversation.messages.count
while true {
    number += 1
    // Content grows with the conversation so files cross block sizes while being replaced.
    conversation.append(ChatMessage(role: number % 2 == 1 ? .user : .bot, content: "m\(number) " + String(repeating: "x", count: number % 500)))
    conversation = try store.saveNow(conversation)
    print(number)
    fflush(nil)
}
