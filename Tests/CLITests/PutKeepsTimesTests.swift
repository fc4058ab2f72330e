import Foundation
import Testing

/// `pcmd put` of a folder of small files (sent in batched requests) keeps every file's
/// modification time, so a quick `pcmd compare` (size + mtime) finds them identical.
@Suite struct PutKeepsTimesTests {
    @Test func putFolderOfSmallFilesThenQuickCompareIsIdentical() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("puttimes")
        let dir = try home.makeLocalFolder("small")
        // 20 files: three groups sharing a second (with fractions), the rest each in its own second.
        let times: [Double] = [1_600_000_000.1, 1_600_000_000.5, 1_600_000_000.9, 1_600_000_000,
                               1_650_000_000, 1_650_000_000.3, 1_650_000_000.6,
                               1_690_000_000.25, 1_690_000_000.75]
            + (0..<11).map { 1_700_000_000 + Double($0) * 3_607 + 0.4 }
        for (i, time) in times.enumerated() {
            let url = dir.appendingPathComponent("f\(i).txt")
            try Data(String(repeating: "line \(i)\n", count: 50 + i).utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: time)], ofItemAtPath: url.path)
        }
        let put = try await home.run(["put", dir.path, remote])
        #expect(put.status == 0, "\(put)")

        let target = "\(remote)/\(dir.lastPathComponent)"
        let quick = try await home.run(["compare", dir.path, target])
        #expect(quick.status == 0, "\(quick)")
        #expect(quick.stdout == "0 only-local, 0 only-cloud, 0 differing, 20 identical\n", "\(quick)")
    }
}
