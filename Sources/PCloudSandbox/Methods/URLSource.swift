import AsyncHTTPClient
import Foundation
import NIOCore

/// One remote file fetched for `downloadfile`: the body streams into a blob being written (the
/// server's memory stays flat), and stops with `2008` as soon as it cannot fit the free quota.
struct URLSource {
    let url: URL

    /// http and https only, with a host; anything else is refused before a request is made.
    init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return nil }
        self.url = url
    }

    /// Redirects followed, no decompression (the bytes are stored as sent), a read timeout so a
    /// silent source cannot hold a download forever. Lives as long as the process.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
        redirectConfiguration: .follow(max: 10, allowCycles: false),
        timeout: .init(connect: .seconds(10), read: .seconds(60)),
        decompression: .disabled))

    /// Why a source gave nothing to store (the caller answers `5001`).
    struct Failed: Error { let reason: String }

    /// Streams the body into `incoming`; `started` gets the announced length, `received` the
    /// bytes so far. Returns the name the source suggests (`Content-Disposition`), if any.
    func fetch(into incoming: IncomingBlob, free: Int64, started: (Int64?) -> Void,
               received: (Int64) -> Void) async throws -> String? {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "pcmd-sandbox")
        let response: HTTPClientResponse
        do { response = try await Self.client.execute(request, timeout: .hours(24)) }
        catch { throw Failed(reason: "\(error)") }
        guard (200..<300).contains(response.status.code) else { throw Failed(reason: "HTTP \(response.status.code)") }
        let length = response.headers.first(name: "content-length").flatMap { Int64($0) }
        if let length, length > free { throw APIError(2008) }
        started(length)
        var done: Int64 = 0
        do {
            for try await chunk in response.body {
                done += Int64(chunk.readableBytes)
                if done > free { throw APIError(2008) }
                try incoming.write(chunk)
                received(done)
            }
        } catch let e as APIError {
            throw e
        } catch {
            throw Failed(reason: "\(error)")
        }
        if let length, done < length { throw Failed(reason: "body ended after \(done) of \(length) bytes") }
        return response.headers.first(name: "content-disposition").flatMap(Self.dispositionName)
    }

    /// The name the file gets when the caller names none: the source's suggestion, else the
    /// URL's last path component, else its host.
    func derivedName(suggested: String?) -> String {
        let candidates: [String?] = [suggested, url.lastPathComponent, url.host]
        for c in candidates {
            guard let c, c != "/" else { continue }
            let name = String(c.map { (ch: Character) -> Character in ch == "/" || ch == "\\" || ch == "\0" ? "_" : ch })
                .trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, name != ".", name != ".." { return name }
        }
        return "download"
    }

    /// `attachment; filename="a b.txt"` → `a b.txt`.
    static func dispositionName(_ header: String) -> String? {
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, kv[0].lowercased() == "filename" else { continue }
            let v = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return v.isEmpty ? nil : v
        }
        return nil
    }
}
