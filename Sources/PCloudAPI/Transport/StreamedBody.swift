import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore

extension PCloudClient {
    /// Sends `request` (made with `.stream` payload) with `body` as its body, `length` bytes,
    /// and collects the JSON answer.
    ///
    /// async-http-client's async API lets the task producing a body run ahead of the channel's
    /// back-pressure, which reaches it a hop later: on a loaded machine 10–25 MiB of a file were
    /// in flight. Its delegate API answers each write once the connection has taken it (or, when
    /// paused, once the connection can take more), so awaiting every write keeps memory at a
    /// buffer or two whatever the file's size.
    func fetchJSON<Body: AsyncSequence & Sendable>(_ request: HTTPClientRequest, streaming body: Body, length: Int64,
                                                   method: String, timeout: Duration) async throws -> Data
    where Body.Element == ByteBuffer {
        let http = try transferHTTP
        let loop = http.eventLoopGroup.next()
        // Read here: the body is produced in a task of NIO's, which does not inherit task-locals.
        let pacer = TransferPacing.current
        // Once the connection took body bytes, a close is a transfer cut, not a server never reached.
        let moving = NIOLockedValueBox(false)
        let task: HTTPClient.Task<HTTPClient.Response>
        do {
            let paced = HTTPClient.Body.stream(contentLength: length) { writer in
                let sent = loop.makePromise(of: Void.self)
                sent.completeWithTask {
                    for try await buffer in body {
                        try await pacer?.pace(buffer.readableBytes)
                        try await writer.write(.byteBuffer(buffer)).get()
                        moving.withLockedValue { $0 = true }
                    }
                }
                return sent.futureResult
            }
            let legacy = try HTTPClient.Request(url: request.url, method: request.method, headers: request.headers, body: paced)
            task = http.execute(request: legacy, delegate: ResponseAccumulator(request: legacy, maxBodySize: 1 << 30),
                                deadline: .now() + TimeAmount(timeout))
        } catch {
            throw PCloudError.transport(error, method: method, url: request.url)
        }
        let response: HTTPClient.Response
        do {
            response = try await withTaskCancellationHandler { try await task.futureResult.get() } onCancel: { task.cancel() }
        } catch {
            throw PCloudError.transport(error, method: method, url: request.url, midTransfer: moving.withLockedValue { $0 })
        }
        try Self.requireJSON(response.headers, status: response.status, method: method)
        return Data(response.body?.readableBytesView ?? ByteBuffer().readableBytesView)
    }
}
