import ArgumentParser
import Commander
import Foundation

struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the signed-in account: email, server, plan and quota.")

    @OptionGroup var cloud: CloudOptions

    @Flag(help: "Print JSON.")
    var json = false

    mutating func run() async throws {
        let summary = try await cloud.account().summary()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            return
        }
        print(summary.email + (summary.sandbox ? "  (SANDBOX, not your real pCloud)" : ""))
        print("  profile  \(summary.profile ?? "PCMD_TOKEN")")
        print("  server   \(summary.endpoint)")
        print("  plan     \(summary.premium ? "Premium" : "Free")\(summary.plan.map { $0 != 0 ? " (plan \($0))" : "" } ?? "")")
        print("  quota    \(Self.bar(used: summary.usedquota, of: summary.quota)) "
              + "\(Units.bytes(summary.usedquota)) of \(Units.bytes(summary.quota)) used")
        let tokens = [summary.oauthToken ? "OAuth" : nil, summary.sessionToken ? "session (trash)" : nil].compactMap { $0 }
        print("  signed   \(tokens.joined(separator: " + "))"
              + (summary.sessionToken ? "" : "; `pcmd login --password` opens the trash"))
    }

    /// `[#####---------------]  25%`, in ASCII so it survives any terminal and pipe.
    static func bar(used: Int64, of total: Int64, width: Int = 20) -> String {
        let fraction = total > 0 ? min(1, Double(used) / Double(total)) : 0
        let filled = Int((fraction * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3.0f%%", fraction * 100)
    }
}
