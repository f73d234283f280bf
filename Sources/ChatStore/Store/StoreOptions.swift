import Foundation

/// Timings and the clock of a `ConversationStore`; the defaults are the app's, tests shorten them.
public struct StoreOptions: Sendable {
    /// How long `save` waits for more saves of the same conversation before writing the latest
    /// state once. Short enough that a crash loses little; long enough that typing a draft is not
    /// a write per key.
    public var saveDelay: TimeInterval
    /// How often at most a `ReplyRecorder` writes a streaming reply (and at least: the first
    /// unsaved token is on disk within this interval).
    public var recordingInterval: TimeInterval
    /// How long a deleted conversation stays in the trash.
    public var trashRetention: TimeInterval
    /// Now; message times, deletion times and the trash purge read it.
    public var clock: @Sendable () -> Date

    /// Test hook: fails an atomic write at a chosen step, as if the process died there.
    var faultInjection: FileSystem.FaultInjection?

    public init(
        saveDelay: TimeInterval = 0.25,
        recordingInterval: TimeInterval = 1,
        trashRetention: TimeInterval = 30 * 86_400,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.saveDelay = saveDelay
        self.recordingInterval = recordingInterval
        self.trashRetention = trashRetention
        self.clock = clock
    }
}
