import Foundation
@testable import PCloudAPI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Trouble below HTTP comes back as one sentence naming the host, sorted by kind, from real
/// sockets: a closed port, a server that never answers, a certificate nobody said to trust.
@Suite struct NetworkTroubleTests {
    func failure(_ url: String, caFile: String? = nil, readTimeout: Duration = .seconds(120)) async throws -> PCloudError {
        let client = try PCloudClient(endpoint: .custom(URL(string: url)!), credentials: Credentials(oauthToken: "t"),
                                      config: TransportConfig(caFile: caFile, connectTimeout: .seconds(5),
                                                              readTimeout: readTimeout, retry: .none))
        do {
            _ = try await client.listFolder(0)
        } catch let e as PCloudError {
            return e
        }
        throw PCloudError(kind: .decoding, message: "no failure", category: .internal)
    }

    @Test func aClosedPortIsRefused() async throws {
        let e = try await failure("https://127.0.0.1:1")
        #expect(e.kind == .transport && e.network == .refused, "\(e)")
        #expect(e.message == "cannot reach 127.0.0.1:1: connection refused")
        #expect(e.category == .transient)
    }

    @Test func aCertificateNotTrustedIsSaidSoAndNotRetried() async throws {
        let info = try await Env.shared.value.info
        let e = try await failure(info.httpsURL!)
        let host = String(info.httpsURL!.dropFirst("https://".count))
        #expect(e.network == .untrustedCertificate, "\(e)")
        #expect(e.message == "the certificate of \(host) is not trusted")
        #expect(e.category != .transient)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // Listening, never accepting: the kernel completes the connection, nobody answers.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound && listen(fd, 8) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let e = try await failure("http://127.0.0.1:\(port)", readTimeout: .milliseconds(300))
        #expect(e.network == .readTimeout, "\(e)")
        #expect(e.message == "127.0.0.1:\(port) stopped answering (timed out)")
    }

    /// A connection cut once a transfer's bytes moved (the sandbox's `drop-after`) is lost, not
    /// "closed": the server was spoken to, so no wrong scheme or port is to blame.
    @Test func aConnectionCutMidTransferIsLost() async throws {
        let s = try await FaultySandbox()
        let c = try s.client(retry: .none)
        let top = try await c.testFolder("lost")
        let dir = Env.scratch()
        let local = dir.appendingPathComponent("lost.bin")
        _ = try writeFile(local, bytes: 3 << 20)
        let fileid = try #require(try await c.uploadFile(local, to: top).metadata.fileid)
        try await s.setFaults("drop-after=1MiB:1")
        let host = "127.0.0.1:\(s.base.port!)"
        do {
            _ = try await c.uploadFile(local, to: top, name: "again.bin")
            Issue.record("a dropped upload succeeded")
        } catch let e as PCloudError {
            #expect(e.network == .lost, "\(e)")
            #expect(e.message == "the connection to \(host) was lost mid-transfer", "\(e)")
        }
        do {
            try await c.download(fileid: fileid, to: dir.appendingPathComponent("out.bin"), options: .init(attempts: 1))
            Issue.record("a dropped download succeeded")
        } catch let e as PCloudError {
            #expect(e.network == .lost && e.host == host, "\(e)")
            #expect(e.message.hasPrefix("the connection to \(host) was lost"), "\(e)")
        }
        try await s.setFaults("")
        await s.stop()
    }

    /// Plain HTTP spoken to the sandbox's HTTPS port: closed before any answer, as before.
    @Test func plainHTTPToAnHTTPSPortIsClosedNotLost() async throws {
        let info = try await Env.shared.value.info
        let port = try #require(URL(string: info.httpsURL!)?.port)
        let e = try await failure("http://127.0.0.1:\(port)")
        #expect(e.network == .closed, "\(e)")
    }

    @Test func aHostThatDoesNotExistIsUnknown() async throws {
        let e = try await failure("https://no-such-host.invalid")
        #expect(e.network == .unknownHost, "\(e)")
        #expect(e.message == "cannot find no-such-host.invalid: no such host name")
    }
}
