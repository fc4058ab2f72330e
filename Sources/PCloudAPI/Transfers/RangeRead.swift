import AsyncHTTPClient
import Foundation
import NIOCore

extension PCloudClient {
    /// Up to `length` bytes of a file from `offset`, by one ranged GET on a fresh content link:
    /// what reading a zip's directory at the end of a big archive needs, without downloading it.
    /// Fewer bytes come back where the file ends sooner.
    public func read(fileid: Int, offset: Int64, length: Int) async throws -> [UInt8] {
        guard length > 0 else { return [] }
        let link = try await getFileLink(fileid)
        guard let url = link.urls(scheme: endpoint.scheme).first else {
            throw PCloudError(kind: .decoding, message: "getfilelink returned no hosts", category: .internal, method: "getfilelink")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Range", value: "bytes=\(offset)-\(offset + Int64(length) - 1)")
        let response: HTTPClientResponse
        do { response = try await transferHTTP.execute(request, timeout: .seconds(300)) } catch {
            throw PCloudError.transport(error, method: "download")
        }
        // A server that ignores Range sends the whole file: its bytes before `offset` are skipped.
        var skip: Int64
        switch response.status.code {
        case 206: skip = 0
        case 200: skip = offset
        default: throw PCloudError.http(Int(response.status.code), method: "download")
        }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        do {
            for try await var chunk in response.body {
                if skip > 0 {
                    let n = Int(min(skip, Int64(chunk.readableBytes)))
                    chunk.moveReaderIndex(forwardBy: n)
                    skip -= Int64(n)
                }
                let take = min(chunk.readableBytes, length - out.count)
                if take > 0 { out += chunk.readBytes(length: take) ?? [] }
                if out.count == length { break }
            }
        } catch let e as PCloudError { throw e } catch {
            throw PCloudError.transport(error, method: "download")
        }
        return out
    }
}
