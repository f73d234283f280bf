// Bot parameters and `json` events are `JSONValue`s; users of the client get the type with it.
@_exported import JSONValues
