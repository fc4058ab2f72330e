import Foundation
import PCloudAPI
#if canImport(Glibc)
import Glibc
#endif

/// The one-shot HTTP listener on `127.0.0.1:<ephemeral>` that receives the OAuth redirect.
/// A plain socket: it answers one browser request with a short page and closes; requests
/// without `code` or `error` (a favicon) get a 404 and it keeps waiting.
public final class RedirectListener: Sendable {
    private let fd: Int32
    public let port: UInt16
    private let closed = Locked(false)

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.failure("socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(fd, sa, len) == 0 && listen(fd, 8) == 0 && getsockname(fd, sa, &len) == 0
            }
        }
        guard bound else { let e = Self.failure("bind 127.0.0.1"); close(fd); throw e }
        self.fd = fd
        port = UInt16(bigEndian: addr.sin_port)
    }

    deinit { stop() }

    public var redirectURI: String { "http://127.0.0.1:\(port)/" }

    public func stop() {
        let wasOpen = closed.withLock { c in defer { c = true }; return !c }
        if wasOpen { close(fd) }
    }

    /// Waits for the browser's redirect, checks `state` and answers the browser.
    public func redirect(expectedState: String) async throws -> OAuth2.Redirect {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (k: CheckedContinuation<OAuth2.Redirect, any Error>) in
                Thread.detachNewThread { k.resume(with: Result { try self.serve(expectedState: expectedState) }) }
            }
        } onCancel: { stop() }
    }

    private func serve(expectedState: String) throws -> OAuth2.Redirect {
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 250)
            if closed.current { throw CancellationError() }
            guard ready > 0 else { continue }
            let conn = accept(fd, nil, nil)
            guard conn >= 0 else { continue }
            defer { close(conn) }
            guard let target = Self.requestTarget(conn), let url = URL(string: "http://127.0.0.1:\(port)\(target)") else {
                Self.reply(conn, status: "400 Bad Request", "Not an HTTP request.")
                continue
            }
            let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            guard query.contains(where: { $0.name == "code" || $0.name == "error" }) else {
                Self.reply(conn, status: "404 Not Found", "Nothing here.")
                continue
            }
            do {
                // pCloud has been seen dropping `state` (flows.md §14); a different one is always refused.
                let redirect = try OAuth2.parseRedirect(url, expectedState: expectedState, allowMissingState: true)
                Self.reply(conn, status: "200 OK", "pcmd is signed in. You can close this tab.")
                return redirect
            } catch {
                Self.reply(conn, status: "400 Bad Request", "pcmd could not sign in: \(error). Go back to the terminal.")
                throw error
            }
        }
    }

    /// The request line's target (`/?code=…`), reading only the head.
    private static func requestTarget(_ conn: Int32) -> String? {
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        while head.count < 16 << 10, !head.contains(0x0A) {
            let n = recv(conn, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            head += buffer[0..<n]
        }
        guard let line = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET", parts[1].hasPrefix("/") else { return nil }
        return String(parts[1])
    }

    private static func reply(_ conn: Int32, status: String, _ text: String) {
        // The text may echo the query (an `error=`): escaped, so the page cannot be made to run anything.
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let body = "<!doctype html><meta charset=\"utf-8\"><title>pcmd</title><p>\(escaped)</p>"
        let response = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        _ = response.withCString { send(conn, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    private static func failure(_ what: String) -> CommanderError {
        CommanderError(.local, "cannot listen for the sign-in redirect (\(what)): \(String(cString: strerror(errno)))")
    }
}
