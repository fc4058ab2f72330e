import Foundation
@testable import Commander
import HostileAnswers
import PCloudAPI
import Testing

/// Sizes, counts and progress come from a server's answers; any Int64 must give a figure, never
/// a trap (issue 18).
@Suite struct HostileNumbersTests {
    @Test func progressFiguresStayInRange() {
        var s = JobSnapshot(id: JobID(raw: 1), title: "get", kind: .download, state: .running)
        s.bytesDone = -5; s.bytesTotal = .max
        #expect(s.fraction == 0)
        s.bytesDone = .max; s.bytesTotal = 1
        #expect(s.fraction == 1)
        s.bytesTotal = 0; s.filesDone = -3; s.filesTotal = 2
        #expect(s.fraction == 0)
        #expect(Units.clock(1e300) == "--:--" && Units.clock(.infinity) == "--:--" && Units.clock(59) == "0:59")
        #expect(Units.rate(1e300) == "8192 PiB/s" && Units.rate(.nan) == "0 B/s" && Units.rate(-1) == "0 B/s")
        #expect(Units.bytes(.max) == "8192 PiB" && Units.bytes(.min).hasSuffix(" B"))
    }

    @Test func sumsOfServerSizesSaturate() {
        #expect([Int64.max, .max, 1].saturatingSum { $0 } == .max)
        #expect(Int64.min.saturatingAdd(-1) == .min && Int.max.saturatingAdd(1) == .max && Int64(2).saturatingAdd(3) == 5)
        #expect(CloudDrive.Quota(email: "", used: .min, total: 10).free == 10)
        #expect(CloudDrive.Quota(email: "", used: .max, total: 10).free == 0)
        #expect(CloudDrive.Quota(email: "", used: 5, total: .min).free == 0)
        #expect(CloudDrive.Quota(email: "", used: 4, total: 10).free == 6)
    }
}

/// A listing whose folders contain each other (folder 5 holds 6, which holds 5 again) must end
/// a find, not recurse until the stack runs out.
@Suite struct HostileTreeTests {
    @Test func findInAFolderLoopEnds() async throws {
        let loop = #"{"name":"a","id":"d5","folderid":5,"isfolder":true,"contents":[{"name":"b","id":"d6","folderid":6,"isfolder":true,"#
            + #""contents":[{"name":"a","id":"d5","folderid":5,"isfolder":true,"contents":[{"name":"x.txt","id":"f9","fileid":9,"#
            + #""isfolder":false,"size":1}]}]}]}"#
        let listing = #"{"result":0,"metadata":{"name":"/","id":"d0","folderid":0,"isfolder":true,"contents":["# + loop + "]}}"
        let server = try await HostileServer { _ in HostileResponse(body: Array(listing.utf8)) }
        defer { Task { await server.stop() } }
        let client = try PCloudClient(endpoint: .custom(URL(string: server.url)!), credentials: Credentials(oauthToken: "t"))
        let found = try await CloudDrive(client: client).find(FindQuery(pattern: "x"), under: "/")
        #expect(found.isEmpty)
    }
}
