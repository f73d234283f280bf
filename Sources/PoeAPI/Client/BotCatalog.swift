import Foundation

/// What the catalog (`GET /v1/models`) says about one bot. Decoded leniently: Poe's own
/// documentation and recordings disagree on several fields.
public struct BotInfo: Sendable, Codable, Hashable {
    public struct Parameter: Sendable, Codable, Hashable {
        public var name: String
        public var schema: JSONValue?
        public var defaultValue: JSONValue?
        public var description: String?

        enum CodingKeys: String, CodingKey {
            case name, schema, description
            case defaultValue = "default_value"
        }
    }

    /// Prices as decimal strings in USD per token (or per request/image), as Poe sends them.
    public struct Pricing: Sendable, Codable, Hashable {
        public var prompt: String?
        public var completion: String?
        public var image: String?
        public var request: String?
    }

    public var id: String
    public var displayName: String
    public var ownedBy: String
    public var description: String
    public var inputModalities: [String]
    public var outputModalities: [String]
    public var parameters: [Parameter]
    public var pricing: Pricing?

    public init(id: String, displayName: String, ownedBy: String, description: String,
                inputModalities: [String], outputModalities: [String], parameters: [Parameter] = [], pricing: Pricing? = nil) {
        self.id = id
        self.displayName = displayName
        self.ownedBy = ownedBy
        self.description = description
        self.inputModalities = inputModalities
        self.outputModalities = outputModalities
        self.parameters = parameters
        self.pricing = pricing
    }
}

/// The `/v1/models` response, read field by field so one odd model cannot hide the others.
struct ModelList: Decodable {
    var bots: [BotInfo]

    private struct Entry: Decodable {
        struct Architecture: Decodable {
            var input_modalities: [String]?
            var output_modalities: [String]?
        }
        struct Metadata: Decodable { var display_name: String? }
        var id: String
        var description: String?
        var owned_by: String?
        var architecture: Architecture?
        var metadata: Metadata?
        var parameters: [BotInfo.Parameter]?
        var pricing: BotInfo.Pricing?
    }

    private struct Lenient<T: Decodable>: Decodable {
        var value: T?
        init(from decoder: any Decoder) throws { value = try? T(from: decoder) }
    }

    init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case data }
        let container = try decoder.container(keyedBy: Keys.self)
        let entries = try container.decode([Lenient<Entry>].self, forKey: .data)
        bots = entries.compactMap(\.value).map { entry in
            BotInfo(
                id: entry.id,
                displayName: entry.metadata?.display_name ?? entry.id,
                ownedBy: entry.owned_by ?? "",
                description: entry.description ?? "",
                inputModalities: entry.architecture?.input_modalities ?? ["text"],
                outputModalities: entry.architecture?.output_modalities ?? ["text"],
                parameters: entry.parameters ?? [],
                pricing: entry.pricing
            )
        }
    }
}

/// The catalog as cached on disk, tagged with where it came from so a demo catalog never
/// stands in for the real one.
struct CachedCatalog: Codable {
    var apiBase: String
    var fetchedAt: Date
    var bots: [BotInfo]
}

extension PoeClient {
    /// The bot catalog, from the cache when it is younger than `catalogMaxAge`, else fetched.
    /// When fetching fails and a stale cache exists, the stale list is returned.
    public nonisolated func bots(forceRefresh: Bool = false) async throws -> [BotInfo] {
        let cacheFile = configuration.cacheDirectory?.appendingPathComponent("models.json")
        let cached = cacheFile.flatMap { try? JSONDecoder().decode(CachedCatalog.self, from: Data(contentsOf: $0)) }
            .flatMap { $0.apiBase == configuration.trimmedBase ? $0 : nil }
        let maxAge = Double(configuration.catalogMaxAge.components.seconds)
        if !forceRefresh, let cached, Date().timeIntervalSince(cached.fetchedAt) < maxAge {
            return cached.bots
        }
        do {
            let request = HTTPRequest(
                method: "GET",
                url: "\(configuration.trimmedBase)/v1/models",
                headers: headers(authorization: .bearer, accept: "application/json"),
                connectTimeout: configuration.connectTimeout
            )
            let body = try await perform(request)
            guard let list = try? JSONDecoder().decode(ModelList.self, from: Data(body)) else {
                throw PoeError.protocolViolation("the bot catalog is not in the expected format")
            }
            if let cacheFile {
                let entry = CachedCatalog(apiBase: configuration.trimmedBase, fetchedAt: Date(), bots: list.bots)
                try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? JSONEncoder().encode(entry).write(to: cacheFile, options: .atomic)
            }
            return list.bots
        } catch {
            if let cached { return cached.bots }
            throw error
        }
    }
}
