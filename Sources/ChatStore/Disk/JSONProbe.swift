import Foundation

/// Says briefly why bytes that should be a store file (JSON with an integer `schema`) are not,
/// for the problem shown to the user.
enum JSONProbe {
    static func headerProblem(_ data: Data) -> String {
        guard let tree = try? JSONDecoder().decode(StoredJSON.self, from: data) else {
            return data.isEmpty ? "the file is empty" : "not valid JSON"
        }
        guard let members = tree.objectValue else { return "not a JSON object" }
        guard let schema = members["schema"] else { return "no \"schema\" field" }
        if case .int = schema { return "unexpected contents" }
        return "\"schema\" is not an integer"
    }
}
