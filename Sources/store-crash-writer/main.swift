import ChatStore
import Foundation

// Saves a growing conversation as fast as it can, printing each message number once its save
// returned, until it is killed. The crash-safety test kills it at random moments and checks that
// every file still parses and holds a prefix of what was written.
//
// Usage: store-crash-writer ROOT

let root = URL(fileURLWithPath: CommandLine.arguments[1])
let store = try ConversationStore(root: root)
var conversation = try store.list().first.map { try store.load($0.id) } ?? store.create(bot: "Echo", title: "crash test")
var number = conversation.messages.count
while true {
    number += 1
    // Content grows with the conversation so files cross block sizes while being replaced.
    conversation.append(ChatMessage(role: number % 2 == 1 ? .user : .bot, content: "m\(number) " + String(repeating: "x", count: number % 500)))
    conversation = try store.saveNow(conversation)
    print(number)
    fflush(nil)
}
