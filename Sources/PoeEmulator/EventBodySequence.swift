import FlyingSocks

/// The response body of a bot stream, in the shape FlyingFox writes chunk by chunk.
///
/// FlyingFox sends a `Data` body only when the handler returns; an `AsyncBufferedSequence`
/// body goes out as chunked transfer, each buffer as produced. The bot is started lazily when
/// FlyingFox begins iterating, so a response that is never written never runs its bot, and the
/// bot's lifetime is tied to the iterator: dropping the iterator cancels the bot.
struct EventBodySequence: AsyncBufferedSequence {
    typealias Element = UInt8

    /// Creates the channel and starts the task that fills it. Called once per iteration;
    /// FlyingFox iterates a streamed body once.
    let start: @Sendable () -> EventChannel

    func makeAsyncIterator() -> Iterator {
        Iterator(lease: ReaderLease(channel: start()))
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        typealias Element = UInt8
        typealias Buffer = [UInt8]

        fileprivate let lease: ReaderLease
        private var pending: [UInt8] = []
        private var pendingIndex = 0

        fileprivate init(lease: ReaderLease) {
            self.lease = lease
        }

        /// Byte-at-a-time access, for completeness; FlyingFox uses ``nextBuffer(suggested:)``.
        mutating func next() async throws -> UInt8? {
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            guard let chunk = await lease.channel.read(limit: 64 * 1024) else { return nil }
            pending = chunk
            pendingIndex = 1
            return chunk[0]
        }

        /// Everything the bot has queued, up to `count` bytes; never an empty buffer, because
        /// the chunked encoder would turn an empty buffer into the end-of-body marker.
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pendingIndex < pending.count {
                let end = Swift.min(pending.count, pendingIndex + Swift.max(1, count))
                defer { pendingIndex = end }
                return Array(pending[pendingIndex..<end])
            }
            return await lease.channel.read(limit: Swift.max(1, count))
        }
    }
}

/// Owned by the body iterator; when FlyingFox drops the iterator (finished, write failed,
/// connection closed) the channel is cancelled and with it the bot task.
private final class ReaderLease: Sendable {
    let channel: EventChannel

    init(channel: EventChannel) {
        self.channel = channel
    }

    deinit {
        channel.cancel()
    }
}
