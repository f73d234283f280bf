@_exported import JSONValues

/// Bot parameters as the store keeps them: the same `JSONValue` the client sends, so a
/// conversation's parameters reach Poe exactly as they were set, with nothing to convert.
public typealias StoredJSON = JSONValue
