internal import CCurl
import Foundation

/// One transfer's libcurl easy handle and the state its callbacks touch.
///
/// Created on any thread, then configured, driven and released only on the engine thread.
/// `@unchecked Sendable` because of that hand-over: the engine's inbox is the only path from the
/// creating thread to the engine thread, and nothing else keeps a reference.
final class CurlTransfer: @unchecked Sendable {
    let id: Int
    let request: HTTPRequest
    let continuation: AsyncThrowingStream<HTTPTransferEvent, any Error>.Continuation

    private(set) var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var mime: OpaquePointer?
    /// libcurl writes failure details here; it must stay at one address for the handle's life.
    private let errorBuffer: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        return buffer
    }()

    private var status = 0
    private var headers: [String: String] = [:]
    private var headDelivered = false
    /// The request's body reader took this response's body.
    private var bodyGoesToReader = false
    private var lastUploadReport: Int64 = -1
    /// When the last byte arrived (or the transfer started): the idle timeout counts from here.
    private(set) var lastActivity = ContinuousClock.now

    init(id: Int, request: HTTPRequest, continuation: AsyncThrowingStream<HTTPTransferEvent, any Error>.Continuation) {
        self.id = id
        self.request = request
        self.continuation = continuation
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        if let headerList { curl_slist_free_all(headerList) }
        if let mime { curl_mime_free(mime) }
        errorBuffer.deallocate()
    }

    /// Creates and configures the easy handle. Engine thread only.
    func makeHandle() throws(TransportError) -> UnsafeMutableRawPointer {
        guard let easy = curl_easy_init() else {
            throw .failed(code: -1, message: "libcurl could not create a transfer")
        }
        handle = easy
        let context = Unmanaged.passUnretained(self).toOpaque()
        poe_curl_setopt_string(easy, CURLOPT_URL, request.url)
        poe_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        poe_curl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        // Bots' file URLs come from the network: never `file://`, `ftp://` and the like.
        poe_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        if request.followsRedirects {
            poe_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
            poe_curl_setopt_long(easy, CURLOPT_MAXREDIRS, 5)
            poe_curl_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        } else {
            poe_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        }
        poe_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds)
        poe_curl_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        poe_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        poe_curl_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        poe_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        poe_curl_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        poe_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        if request.reportsUploadProgress {
            poe_curl_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
            poe_curl_setopt_xferinfo_callback(easy, curlProgressCallback)
            poe_curl_setopt_pointer(easy, CURLOPT_XFERINFODATA, context)
        }

        // An empty Expect header stops curl from waiting a second for a `100 Continue` that
        // some servers (our emulator's among them) never send.
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for header in request.headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        headerList = list
        poe_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, list)

        switch request.body {
        case .none:
            if request.method != "GET" { poe_curl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method) }
        case .bytes(let bytes):
            poe_curl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            bytes.withUnsafeBytes { buffer in
                // COPYPOSTFIELDS copies, so the body need not outlive this call.
                _ = poe_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        case .multipart(let file):
            let form = curl_mime_init(easy)
            let part = curl_mime_addpart(form)
            curl_mime_name(part, file.fieldName)
            if curl_mime_filedata(part, file.path) != CURLE_OK {
                throw .failed(code: Int(CURLE_READ_ERROR.rawValue), message: "cannot read \(file.path)")
            }
            curl_mime_filename(part, file.fileName)
            curl_mime_type(part, file.contentType)
            mime = form
            poe_curl_setopt_mime(easy, form)
        }
        lastActivity = .now
        return easy
    }

    /// The error libcurl described for a failed transfer.
    func failure(code: CURLcode) -> TransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_SSL_CONNECT_ERROR:
            // The TLS handshake is part of connecting: nothing of the request was sent yet.
            return .connect(message)
        case CURLE_OPERATION_TIMEDOUT:
            return .connectTimeout(message)
        default:
            return .failed(code: Int(code.rawValue), message: message)
        }
    }

    // MARK: Callbacks (engine thread)

    fileprivate func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        lastActivity = .now
        // Trim as a whole: "\r\n" is one Character, so removing "\r" or "\n" alone would miss it.
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("HTTP/") {
            // A new status line starts a new header block (after a 1xx, for instance).
            let parts = text.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
        } else if text.isEmpty {
            // A redirect curl is about to follow is not the response: the next head is.
            let redirected = request.followsRedirects && (300..<400).contains(status) && headers["location"] != nil
            if status >= 200 && !redirected { deliverHead() }
        } else if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
        }
    }

    /// False when the body reader asked to stop.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity = .now
        deliverHead()
        if bodyGoesToReader, let reader = request.bodyReader { return reader.read(bytes) }
        continuation.yield(.body(Array(bytes)))
        return true
    }

    fileprivate func reportUpload(sent: Int64, total: Int64) {
        guard sent != lastUploadReport else { return }
        lastUploadReport = sent
        continuation.yield(.uploadProgress(sent: sent, total: total))
    }

    /// Sends the head once, before any body; also called at completion for empty bodies.
    func deliverHead() {
        guard !headDelivered else { return }
        headDelivered = true
        if status == 0, let handle {
            var code = 0
            poe_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
            status = code
        }
        let head = HTTPResponseHead(status: status, headers: headers)
        bodyGoesToReader = request.bodyReader?.accepts(head) ?? false
        continuation.yield(.head(head))
    }
}

private let curlWriteCallback: poe_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    // Returning less than `length` makes libcurl fail the transfer: how a reader stops it.
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let curlHeaderCallback: poe_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private let curlProgressCallback: poe_curl_xferinfo_callback = { context, _, _, uploadTotal, uploaded in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.reportUpload(sent: Int64(uploaded), total: Int64(uploadTotal))
    return 0
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive duration never becomes 0 ("no limit").
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(millis) + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)
    }
}
