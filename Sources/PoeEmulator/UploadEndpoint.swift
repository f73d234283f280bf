import FlyingFox
import Foundation

/// `POST /poe_api/file_upload_3RD_PARTY_POST`: fastapi_poe's `upload_file`.
extension Endpoints {
    /// Stores the multipart part named `file` and answers
    /// `{"attachment_url": BASE/files/<id>/<name>, "mime_type": <part Content-Type>}`.
    ///
    /// The key comes as the raw `Authorization` value, without `Bearer ` (as fastapi_poe sends
    /// it); a Bearer-prefixed value is refused so a client that gets this wrong finds out here.
    func upload(request: HTTPRequest, body: Data) async throws(APIError) -> HTTPResponse {
        guard let key = request.headers[.authorization], !key.hasPrefix("Bearer "), key != "Bearer",
            accepts(key: key)
        else {
            throw .invalidKey
        }
        try await admit(key: key)
        if let status = await state.forcedUploadFailure {
            throw APIError(
                status: status, type: APIError.type(forStatus: status),
                message: "Simulated upload failure (status \(status))")
        }

        let contentType = request.headers[.contentType] ?? ""
        if HeaderParameters.parse(contentType).value.lowercased() == "application/x-www-form-urlencoded" {
            throw .invalidRequest("download_url is not supported by the emulator")
        }
        guard let boundary = MultipartForm.boundary(fromContentType: contentType) else {
            throw .invalidRequest("Content-Type must be multipart/form-data with a boundary")
        }
        let form: MultipartForm
        do {
            form = try MultipartForm.parse(body, boundary: boundary)
        } catch {
            throw .invalidRequest("Malformed multipart body: \(error)")
        }
        guard let part = form.part(named: "file") else {
            throw .invalidRequest("Multipart body has no part named 'file'")
        }
        guard part.body.count <= options.maxUploadBytes else {
            throw .tooLarge("File of \(part.body.count) bytes is larger than the limit of \(options.maxUploadBytes) bytes")
        }

        let name = (part.filename?.isEmpty == false ? part.filename : nil) ?? "file"
        let mimeType = part.contentType ?? "application/octet-stream"
        let file = await state.storeFile(name: name, contentType: mimeType, bytes: part.body)
        return HTTPReplies.json(
            .object([
                "attachment_url": .string(baseURL + UploadStore.path(for: file)),
                "mime_type": .string(mimeType),
            ]))
    }
}
