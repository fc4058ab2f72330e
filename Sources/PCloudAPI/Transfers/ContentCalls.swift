import AsyncHTTPClient
import Foundation
import NIOCore

extension PCloudClient {
    /// Methods that answer with data (getzip, getthumb, gettextfile) and a JSON error otherwise.
    func openContent(_ method: String, _ params: Params) async throws -> HTTPClientResponse {
        let request = try makeRequest(method, params, auth: .account, payload: .form)
        let response: HTTPClientResponse
        do {
            response = try await transferHTTP.execute(request, timeout: .init(config.readTimeout + .seconds(3600)))
        } catch { throw PCloudError.transport(error, method: method, url: request.url) }
        if response.headers.first(name: "content-type")?.contains("json") == true {
            let data: Data
            do { data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView) } catch {
                throw PCloudError.transport(error, method: method)
            }
            _ = try decode(Empty.self, from: data, method: method)
            throw PCloudError.malformed(method, "JSON where content belongs, and no error in it")
        }
        guard response.status == .ok else { throw PCloudError.http(Int(response.status.code), method: method) }
        return response
    }

    func fetchContent(_ method: String, _ params: Params, limit: Int) async throws -> Data {
        let response = try await openContent(method, params)
        do {
            let buffer = try await response.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch { throw PCloudError.transport(error, method: method) }
    }

    /// Streams a data reply into `file`; returns the byte count.
    func streamContent(_ method: String, _ params: Params, to file: URL) async throws -> Int64 {
        let response = try await openContent(method, params)
        let out = try LocalFile(writing: file.path, truncate: true)
        var written: Int64 = 0
        do {
            for try await chunk in response.body {
                try await TransferPacing.current?.pace(chunk.readableBytes)
                try out.write(chunk, at: written)
                written += Int64(chunk.readableBytes)
            }
        } catch let e as PCloudError { throw e } catch { throw PCloudError.transport(error, method: method) }
        try out.sync()
        return written
    }
}
