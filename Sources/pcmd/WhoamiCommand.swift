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
        try await Failure.reporting { try await show() }
    }

    func show() async throws {
        let summary = try await cloud.account().summary()
        if json { return try Console.json(summary) }
        Console.out(summary.email + (summary.sandbox ? "  (SANDBOX, not your real pCloud)" : ""))
        Console.out("  profile  \(summary.profile ?? "PCMD_TOKEN")")
        Console.out("  server   \(summary.endpoint)")
        Console.out("  plan     \(summary.premium ? "Premium" : "Free")\(summary.plan.map { $0 != 0 ? " (plan \($0))" : "" } ?? "")")
        let used = summary.quota > 0 ? max(0, min(1, Double(summary.usedquota) / Double(summary.quota))) : 0
        Console.out("  quota    \(Self.bar(used)) \(Units.bytes(summary.usedquota)) of \(Units.bytes(summary.quota)) used "
              + "(\(String(format: "%.0f", used * 100))%)")
        let tokens = [summary.oauthToken ? "OAuth" : nil, summary.sessionToken ? "session (trash)" : nil].compactMap { $0 }
        Console.out("  sign-in  \(tokens.joined(separator: " + "))"
              + (summary.sessionToken ? "" : "; `pcmd login --password` opens the trash"))
    }

    /// `[#####---------------]`, in ASCII so it survives any terminal and pipe.
    static func bar(_ fraction: Double, width: Int = 20) -> String {
        let filled = Int((fraction * Double(width)).rounded(.up))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }
}
