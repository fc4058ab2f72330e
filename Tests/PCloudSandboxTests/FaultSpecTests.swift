import PCloudSandbox
import Testing

/// `--faults` reads a latency as people write one: `1500ms`, `2s`, `0.5s` (a bare number is ms).
@Suite struct FaultSpecTests {
    @Test func aLatencyTakesSecondsOrMilliseconds() throws {
        #expect(try FaultPlan(parsing: "latency=1500ms").latencyMilliseconds == 1500)
        #expect(try FaultPlan(parsing: "latency=2s").latencyMilliseconds == 2000)
        #expect(try FaultPlan(parsing: "latency=0.25s").latencyMilliseconds == 250)
        #expect(try FaultPlan(parsing: "latency=40").latencyMilliseconds == 40)
        for bad in ["latency=2x", "latency=-1s", "latency=s", "latency=1e400s"] {
            #expect(throws: (any Error).self, "\(bad)") { try FaultPlan(parsing: bad) }
        }
    }
}
