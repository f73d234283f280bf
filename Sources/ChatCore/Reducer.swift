import ChatStore
import Foundation
import TerminalUI

/// The one place the app's state changes: `reduce(&state, event)` applies an event and returns
/// the effects to perform. No I/O here; `now` is passed in so tests control time.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ event: AppEvent, now: Date = Date()) -> [Effect] {
        switch event {
        case .terminal(let terminalEvent):
            return terminal(&state, terminalEvent, now: now)
        case .started(let conversations, let open):
            state.conversations = conversations
            if let open {
                state.loaded[open.id] = open
                state.currentID = open.id
                state.inputs[open.id] = InputBuffer(text: open.draft)
                if !open.draftAttachments.isEmpty { state.draftAttachments[open.id] = open.draftAttachments }
            }
            return []
        case .conversationLoaded(let conversation):
            state.loaded[conversation.id] = conversation
            if state.inputs[conversation.id] == nil {
                state.inputs[conversation.id] = InputBuffer(text: conversation.draft)
                if !conversation.draftAttachments.isEmpty { state.draftAttachments[conversation.id] = conversation.draftAttachments }
            }
            return []
        case .conversationCreated(let conversation):
            state.loaded[conversation.id] = conversation
            state.conversations.insert(conversation.summary, at: 0)
            let carried = state.inputs.removeValue(forKey: "") ?? InputBuffer()
            state.inputs[conversation.id] = state.pendingSend == nil ? carried : InputBuffer()
            // Files attached before the conversation existed belong to it now.
            state.draftAttachments[conversation.id] = state.draftAttachments.removeValue(forKey: "")
            state.currentID = conversation.id
            if let text = state.pendingSend {
                state.pendingSend = nil
                return Sending.send(&state, in: conversation.id, text: text, now: now)
            }
            return []
        case .reply(let conversationID, let messageID, let update):
            return Streaming.apply(&state, conversationID: conversationID, messageID: messageID, update: update, now: now)
        case .balance(let points):
            state.balance = points
            return []
        case .catalog(let entries):
            state.catalog = entries
            return []
        case .edited(let text):
            if let text { state.input = InputBuffer(text: text.hasSuffix("\n") ? String(text.dropLast()) : text) }
            return []
        case .notice(let message):
            state.status = message
            return []
        case .filesAttached(let draft, let files, let problems):
            Attaching.attached(files, problems: problems, draft: draft, &state)
            return []
        case .uploadProgress(let id, let path, let sent, let total):
            Attaching.progress(&state, id: id, path: path, sent: sent, total: total)
            return []
        case .uploaded(let id, let file):
            Attaching.uploaded(&state, id: id, file: file)
            return []
        case .pathCompleted(let draft, let token, let completion, let choices):
            PathMentions.completed(&state, draft: draft, token: token, completion: completion, choices: choices)
            return []
        case .listing(let event, let request):
            return FileAttaching.received(&state, event, for: request)
        case .previewLoaded(let preview):
            FileAttaching.received(&state, preview)
            return []
        case .fileSaved(let conversationID, let reference):
            return ReceivedFiles.saved(&state, conversationID: conversationID, reference: reference)
        case .mentionsResolved(let draft, let files, let problems):
            return PathMentions.resolved(&state, draft: draft, files: files, problems: problems, now: now)
        case .uploadsEnded(let id, let failure):
            return Attaching.ended(&state, id: id, failure: failure, now: now)
        }
    }

    private static func terminal(_ state: inout AppState, _ event: TerminalEvent, now: Date) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            state.width = width
            state.height = height
            FileAttaching.resized(&state)
            return []
        case .paste(let text):
            // A pasted newline never sends: paste goes into the input as it is.
            state.input.insert(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
            return []
        case .mouse(let mouse):
            switch mouse {
            case .wheelUp: Scrolling.scroll(&state, by: 3)
            case .wheelDown: Scrolling.scroll(&state, by: -3)
            case .press: break
            }
            return []
        case .key(let key):
            return KeyHandling.handle(&state, key, now: now)
        }
    }
}

/// Keys: overlays first, then the keymap, then plain typing.
enum KeyHandling {
    static func handle(_ state: inout AppState, _ key: KeyPress, now: Date) -> [Effect] {
        switch state.overlay {
        case .help(let scroll):
            // Arrows and pages scroll it (it is longer than a small screen); any other key closes it.
            let page = max(1, state.height - 4)
            switch key.key {
            case .up: state.overlay = .help(scroll: max(0, scroll - 1))
            case .down: state.overlay = .help(scroll: scroll + 1)
            case .pageUp: state.overlay = .help(scroll: max(0, scroll - page))
            case .pageDown: state.overlay = .help(scroll: scroll + page)
            case .home: state.overlay = .help(scroll: 0)
            default: state.overlay = nil
            }
            return []
        case .botPicker(let picker):
            return BotPicking.handle(&state, picker, key)
        case .rename(let buffer):
            return Managing.rename(&state, buffer, key)
        case .confirmDelete(let id):
            return Managing.confirmDelete(&state, id, key)
        case .files(let selection):
            return ReceivedFiles.handle(&state, selection: selection, key)
        case .filePicker:
            return FileAttaching.handle(&state, key)
        case nil:
            break
        }
        let sequence = state.pendingKeys + [key]
        switch state.keyMap.lookup(sequence) {
        case .prefix:
            state.pendingKeys = sequence
            return []
        case .action(let action):
            state.pendingKeys = []
            if let job = state.uploads[state.currentID ?? ""] {
                let id = state.currentID ?? ""
                if action == .stop || action == .interrupt {
                    guard job.checkingMentions else { return [.cancelUpload(conversationID: id)] }
                    // Mentions being checked are not uploads yet: unlocking is enough.
                    state.uploads[id] = nil
                    state.status = StatusMessage("Not sent; the message is yours to edit again.")
                    return []
                }
                guard Attaching.allowedWhileUploading(action) else {
                    state.status = StatusMessage("Uploading… the message is locked until it is sent (Esc cancels).", .warning)
                    return []
                }
            }
            return perform(action, &state, now: now)
        case .unbound:
            state.pendingKeys = []
            if state.uploads[state.currentID ?? ""] != nil { return [] }
            if case .character(let character) = key.key, key.modifiers.isDisjoint(with: [.control, .alt]) {
                state.input.insert(String(character))
                state.historyCursor[state.currentID ?? ""] = nil
            }
            return []
        }
    }

    static func perform(_ action: Action, _ state: inout AppState, now: Date) -> [Effect] {
        if action != .interrupt { state.lastInterrupt = nil }
        switch action {
        case .send:
            let text = state.input.text
            let hasFiles = !state.attachments.isEmpty
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || hasFiles else { return [] }
            state.input = InputBuffer()
            state.historyCursor[state.currentID ?? ""] = nil
            if !hasFiles, let command = SlashCommand(text) { return command.apply(&state) }
            if let resolving = PathMentions.resolveBeforeSending(&state, text: text) { return resolving }
            return Sending.sendOrCreate(&state, draft: state.currentID ?? "", text: text, now: now)
        case .newline: state.input.insert("\n")
        case .caretLeft: state.input.moveLeft()
        case .caretRight: state.input.moveRight()
        case .lineStart: state.input.moveToLineStart()
        case .lineEnd: state.input.moveToLineEnd()
        case .wordLeft: state.input.moveWordLeft()
        case .wordRight: state.input.moveWordRight()
        case .backspace:
            if state.input.isEmpty { Attaching.removeLast(&state) } else { state.input.backspace() }
        case .deleteForward: state.input.deleteForward()
        case .killToLineEnd: state.input.killToLineEnd()
        case .killToLineStart: state.input.killToLineStart()
        case .killWordBackward: state.input.killWordBackward()
        case .yank: state.input.yank()
        case .historyPrevious: InputHistory.recall(&state, older: true)
        case .historyNext: InputHistory.recall(&state, older: false)
        case .newConversation: return [.create(bot: state.currentBot)]
        case .previousConversation: return Switching.step(&state, by: -1)
        case .nextConversation: return Switching.step(&state, by: 1)
        case .nextUnread: return Switching.nextUnread(&state)
        case .conversation1, .conversation2, .conversation3, .conversation4, .conversation5,
             .conversation6, .conversation7, .conversation8, .conversation9:
            return Switching.jump(&state, toPosition: (action.conversationNumber ?? 1) - 1)
        case .stop:
            if let id = state.currentID, state.isStreaming(id) { return [.cancelReply(conversationID: id)] }
        case .interrupt:
            if let id = state.currentID, state.isStreaming(id) { return [.cancelReply(conversationID: id)] }
            if let last = state.lastInterrupt, now.timeIntervalSince(last) < 1 {
                state.quitting = true
                return [.quit]
            }
            state.lastInterrupt = now
            state.status = StatusMessage("Press Ctrl-C again to quit (Ctrl-Q quits at once).")
        case .pageUp: Scrolling.scroll(&state, by: Scrolling.page(state))
        case .pageDown: Scrolling.scroll(&state, by: -Scrolling.page(state))
        case .followBottom: state.scrollBack[state.currentID ?? ""] = nil
        case .help: state.overlay = .help(scroll: 0)
        case .suspend: return [.suspend]
        case .quit:
            state.quitting = true
            return [.quit]
        case .botPicker:
            state.overlay = .botPicker(BotPicker())
            return state.catalog.isEmpty ? [.fetchCatalog] : []
        case .rename:
            guard let current = state.current else { return [] }
            state.overlay = .rename(InputBuffer(text: current.title))
        case .delete:
            guard let id = state.currentID else { return [] }
            state.overlay = .confirmDelete(id)
        case .retry:
            return Managing.retry(&state, now: now)
        case .editInEditor:
            return [.openEditor(state.input.text)]
        case .completePath:
            return PathMentions.complete(&state)
        case .attachFiles:
            return FileAttaching.open(&state)
        case .saveFiles:
            return ReceivedFiles.saveNewest(&state)
        case .openFile:
            return ReceivedFiles.openList(&state)
        }
        return []
    }
}

/// Setting the bot that answers the next turn (the picker and `/bot NAME` both end here).
enum BotChoice {
    static func choose(_ bot: String, _ state: inout AppState) -> [Effect] {
        state.status = StatusMessage("\(bot) answers the next turn.")
        guard let id = state.currentID, var conversation = state.loaded[id] else {
            state.defaultBot = bot
            return []
        }
        conversation.bot = bot
        state.loaded[id] = conversation
        Summaries.refresh(&state, conversation)
        return [.save(conversation)]
    }
}

/// Keys while the bot picker is open.
enum BotPicking {
    /// Tab: a favourite (numbered 1-9 in the picker, in the order they were added) or not.
    static func toggleFavourite(_ bot: String, _ state: inout AppState) -> [Effect] {
        if let index = state.favouriteBots.firstIndex(of: bot) {
            state.favouriteBots.remove(at: index)
            state.status = StatusMessage("\(bot) is no longer a favourite.")
        } else {
            state.favouriteBots.append(bot)
            let number = state.favouriteBots.count
            state.status = StatusMessage(number <= 9 ? "\(bot) is favourite \(number): press \(number) in the picker." : "\(bot) is a favourite.")
        }
        state.remembered.favouriteBots = state.favouriteBots
        return [.remember(state.remembered)]
    }

    static func handle(_ state: inout AppState, _ picker: BotPicker, _ key: KeyPress) -> [Effect] {
        var picker = picker
        let rows = state.pickerCandidates(picker)
        switch (key.key, key.modifiers) {
        case (.escape, _), (.character("b"), .control):
            state.overlay = nil
            return []
        case (.up, _):
            picker.selection = max(0, picker.selection - 1)
        case (.down, _):
            picker.selection = min(max(0, rows.count - 1), picker.selection + 1)
        case (.backspace, _):
            if !picker.filter.isEmpty { picker.filter.removeLast() }
            picker.selection = 0
        case (.tab, _):
            guard rows.indices.contains(picker.selection) else { return [] }
            let effects = toggleFavourite(rows[picker.selection].id, &state)
            // The row moves (favourites come first): the selection follows the bot.
            let id = rows[picker.selection].id
            picker.selection = state.pickerCandidates(picker).firstIndex { $0.id == id } ?? 0
            state.overlay = .botPicker(picker)
            return effects
        case (.enter, _):
            state.overlay = nil
            if rows.indices.contains(picker.selection) { return BotChoice.choose(rows[picker.selection].id, &state) }
            let typed = picker.filter.trimmingCharacters(in: .whitespaces)
            return typed.isEmpty ? [] : BotChoice.choose(typed, &state)
        case (.character(let character), let modifiers) where modifiers.isDisjoint(with: [.control, .alt]):
            if picker.filter.isEmpty, let number = character.wholeNumberValue, (1...9).contains(number) {
                guard state.favouriteBots.indices.contains(number - 1) else { return [] }
                state.overlay = nil
                return BotChoice.choose(state.favouriteBots[number - 1], &state)
            }
            picker.filter.append(character)
            picker.selection = 0
        default:
            return []
        }
        state.overlay = .botPicker(picker)
        return []
    }
}
