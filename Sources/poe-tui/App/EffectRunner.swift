import ChatCore
import ChatStore
import FilePicking
import Foundation
import PoeAPI

/// Performs the reducer's effects off the render loop: the store, and the Poe client's
/// streaming replies, whose events come back through the inbox. Owns every reply in flight.
actor EffectRunner {
    let client: PoeClient
    private let store: ConversationStore
    let inbox: AppInbox
    /// Replies in flight, by conversation id.
    private var replies: [String: ReplyRun] = [:]
    /// Sends uploading their files, by conversation id.
    var uploadTasks: [String: Task<Void, Never>] = [:]
    /// The file picker's folder listing in progress.
    var listing: Task<Void, Never>?

    /// Where bots' files are saved (config `downloads_folder`, else the XDG downloads folder).
    let downloads: URL

    init(client: PoeClient, store: ConversationStore, inbox: AppInbox, downloads: URL) {
        self.client = client
        self.downloads = downloads
        self.store = store
        self.inbox = inbox
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .load(let id):
            do {
                inbox.post(.conversationLoaded(try store.load(id)))
            } catch {
                inbox.post(.notice(StatusMessage("\(error)", .error)))
            }
        case .create(let bot):
            do {
                inbox.post(.conversationCreated(try store.create(bot: bot)))
            } catch {
                inbox.post(.notice(StatusMessage("\(error)", .error)))
            }
        case .save(let conversation):
            store.save(conversation)
        case .startReply(let conversation, let replyID):
            start(conversation, replyID: replyID)
        case .cancelReply(let conversationID):
            replies[conversationID]?.cancel()
        case .rename(let id, let title):
            do { try store.rename(id, to: title) } catch { inbox.post(.notice(StatusMessage("\(error)", .error))) }
        case .delete(let id):
            do { try store.delete(id) } catch { inbox.post(.notice(StatusMessage("\(error)", .error))) }
        case .fetchCatalog:
            let client = client, inbox = inbox
            Task {
                do {
                    let bots = try await client.bots()
                    inbox.post(.catalog(bots.map {
                        BotEntry(id: $0.id, owner: $0.ownedBy, description: $0.description, inputs: $0.inputModalities, outputs: $0.outputModalities)
                    }))
                } catch {
                    inbox.post(.notice(StatusMessage("The bot catalog is unavailable (\(error)); type a bot's name instead.", .warning)))
                }
            }
        case .quit:
            for reply in replies.values { reply.cancel() }
        case .inspectFiles(let draft, let paths):
            inspect(paths, draft: draft)
        case .completePath(let draft, let token):
            let (completion, choices) = PathCompletion.complete(token)
            inbox.post(.pathCompleted(draft: draft, token: token, completion: completion, choices: choices))
        case .resolveMentions(let draft, let tokens):
            resolveMentions(tokens, draft: draft)
        case .upload(let conversationID, let files):
            upload(files, conversationID: conversationID)
        case .cancelUpload(let conversationID):
            cancelUpload(conversationID)
        case .listFolder(let request):
            list(request)
        case .stopListing:
            listing?.cancel()
            listing = nil
        case .previewFile(let path):
            let inbox = inbox
            Task.detached(priority: .userInitiated) { inbox.post(.previewLoaded(await FilePreview.load(path: path))) }
        case .saveFiles(let conversationID, let files, let open):
            save(files, conversationID: conversationID, thenOpen: open)
        case .remember(let remembered):
            do {
                try RememberedFile().save(remembered)
            } catch {
                inbox.post(.notice(StatusMessage("Cannot remember favourites: \(error.localizedDescription)", .warning)))
            }
        case .openEditor, .suspend:
            break  // the loop does these itself: it owns the terminal
        }
        for problem in store.takeProblems() {
            inbox.post(.notice(StatusMessage(problem.description, .warning)))
        }
    }

    /// Waits for cancelled replies to be recorded and everything to reach the disk.
    func shutDown() async {
        for upload in uploadTasks.values { upload.cancel() }
        for reply in replies.values { reply.cancel() }
        while !replies.isEmpty { try? await Task.sleep(for: .milliseconds(5)) }
        await store.flush()
    }

    private func start(_ conversation: Conversation, replyID: String) {
        guard let replyIndex = conversation.messages.firstIndex(where: { $0.id == replyID }) else { return }
        var before = conversation
        before.messages = Array(conversation.messages[..<replyIndex])
        let prompt = before.messages.last { $0.role == .user }
        let parameters = prompt?.parameters ?? [:]
        let recorder = ReplyRecorder(store: store, conversation: conversation, messageID: replyID)
        let relay = ReplyRelay(recorder: recorder, inbox: inbox, conversationID: conversation.id, replyID: replyID)
        // Events are recorded and posted on the curl thread as they are read: no hand-over
        // to this actor per token.
        let reply = client.stream(bot: conversation.messages[replyIndex].bot ?? conversation.bot,
                                  messages: before.queryHistory, parameters: parameters, handler: relay.take)
        replies[conversation.id] = reply
        let inbox = inbox
        Task {
            let outcome = relay.outcome(await reply.ending())
            _ = await recorder.finish(status: outcome.status, error: outcome.error)
            inbox.post(.reply(conversationID: conversation.id, messageID: replyID, .finished(outcome.status, outcome.error)))
            self.replyEnded(conversation.id, reply)
            // What the reply cost shows in the balance.
            if let balance = try? await self.client.balance() { inbox.post(.balance(balance)) }
        }
    }

    private func replyEnded(_ conversationID: String, _ reply: ReplyRun) {
        if replies[conversationID] === reply { replies[conversationID] = nil }
    }
}
