import Foundation
import NIOConcurrencyHelpers
@testable import PCloudAPI
import Testing

/// Transfers hold their connections for as long as they run (a paused one keeps its own): with
/// as many downloads as the pool has connections, a listing must still be answered, not queue
/// behind them until the connect timeout fails it with `getConnectionFromPoolTimeout`.
@Suite struct PoolStarvationTests {
    @Test func aListingIsAnsweredWhileDownloadsHoldEveryConnection() async throws {
        let server = try await FaultySandbox()
        let setup = try server.client()
        let folder = try await setup.testFolder("pool")
        let local = Env.scratch()
        let source = local.appendingPathComponent("big.bin")
        try Data(repeating: 7, count: 4 << 20).write(to: source)
        let fileid = try await setup.upload(source, to: folder).metadata.itemID
        try await server.setFaults("bandwidth=128KiB/s")

        // Two connections per pool, given up after two seconds: starvation fails at once.
        let client = try PCloudClient(endpoint: .custom(server.base),
                                      credentials: Credentials(oauthToken: server.sandbox.info.users[0].token),
                                      config: TransportConfig(connectTimeout: .seconds(2), maxConnectionsPerHost: 2, retry: .none))
        let moving = NIOLockedValueBox(Set<Int>())
        let downloads = (0..<2).map { n in
            Task {
                try await client.download(fileid: fileid, to: local.appendingPathComponent("copy-\(n).bin")) { done, _ in
                    if done > 0 { moving.withLockedValue { _ = $0.insert(n) } }
                }
            }
        }
        for _ in 0..<600 where moving.withLockedValue({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(moving.withLockedValue { $0.count } == 2, "both downloads hold a connection")
        // Longer than the connect timeout, so a listing queued behind them would have failed.
        for _ in 0..<3 {
            let listed = try await client.listFolder(folder)
            #expect(listed.contents?.map(\.name) == ["big.bin"])
            try await Task.sleep(for: .seconds(1))
        }
        for d in downloads { d.cancel() }
        await server.stop()
    }
}
