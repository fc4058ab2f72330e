import Foundation
@testable import PCloudAPI
import SourceServer
import Testing

/// `downloadFile` / `downloadFileAsync` and `uploadprogress` in its URL form, against the sandbox
/// fetching from a web server the test starts.
@Suite struct RemoteUploadTests {
    static let source = Task { try await SourceServer.start() }

    @Test func targetsAreEncodedOneByOne() {
        let p = PCloudClient.remoteUploadParams(["http://a/1", "http://b/2", "http://c/3"], 7, ["x,y.txt", nil, "é z"], "h")
        #expect(p["url"] == "http://a/1 http://b/2 http://c/3")
        #expect(p["target"] == "x%2Cy.txt,,%C3%A9%20z")
        #expect(p["nopartial"] == "1" && p["progresshash"] == "h" && p["folderid"] == "7")
        #expect(PCloudClient.remoteUploadParams(["http://a/1"], 0, [nil], nil)["target"] == nil)
    }

    @Test func syncFetchWithNamesThenProgressDecodes() async throws {
        let client = try await Env.client(), web = try await Self.source.value
        let folder = try await client.testFolder("remote")
        let hash = "api-\(UUID().uuidString)"
        let made = try await client.downloadFile(urls: [web.url("/bytes/a.bin?size=4096"), web.url("/bytes/b.bin?size=7")],
                                                 into: folder, targets: ["comma, name.bin", nil], progresshash: hash)
        #expect(made.map(\.name) == ["comma, name.bin", "b.bin"] && made.map(\.size) == [4096, 7])
        let p = try await client.urlUploadProgress(hash)
        #expect(p.urlcount == 2 && p.urlready == 2 && p.urlworking == 0 && p.finished)
        #expect(p.files.map(\.status) == [.ready, .ready] && p.files.map(\.size) == [4096, 7])
        #expect(p.files.map(\.downloaded) == [4096, 7] && p.files[1].metadata?.itemID == made[1].itemID)
    }

    @Test func asyncFetchIsFollowedToTheEnd() async throws {
        let client = try await Env.client(), web = try await Self.source.value
        let folder = try await client.testFolder("remote-async")
        let hash = "api-\(UUID().uuidString)"
        try await client.downloadFileAsync(urls: [web.url("/bytes/slow.bin?size=500000&chunk=50000&delayms=20"),
                                                  web.url("/missing")], into: folder, progresshash: hash)
        var p = try await client.urlUploadProgress(hash)
        for _ in 0..<300 where !p.finished {
            try await Task.sleep(for: .milliseconds(20))
            p = try await client.urlUploadProgress(hash)
        }
        #expect(p.finished && p.urlready == 1)
        #expect(p.files.map(\.status) == [.ready, .error])
        #expect(p.files[0].metadata?.name == "slow.bin" && p.files[1].metadata == nil)
    }

    @Test func errorsKeepTheirCodes() async throws {
        let client = try await Env.client(), web = try await Self.source.value
        let folder = try await client.testFolder("remote-errors")
        await expectCode(5001) { try await client.downloadFile(urls: [web.url("/gone")], into: folder) }
        await expectCode(1040) { try await client.downloadFile(urls: ["ftp://example.com/x"], into: folder) }
        await expectCode(1900) { try await client.urlUploadProgress("never-started-\(UUID().uuidString)") }
        #expect(try await client.listFolder(.id(folder)).contents?.isEmpty ?? true)
    }
}
