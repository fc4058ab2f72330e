import ArgumentParser
import Commander

/// `--bwlimit` of the commands that move bytes; without it, `[transfers] bwlimit` of config.toml.
struct BandwidthOption: ParsableArguments {
    @Option(help: ArgumentHelp("""
        Bandwidth of all transfers together, as rclone's --bwlimit: 10M, 512k, 1.5G (a bare number \
        is KiB/s), off. Default: [transfers] bwlimit in config.toml.
        """, valueName: "rate"))
    var bwlimit: String?

    func validate() throws {
        if let bwlimit, BandwidthRate.parse(bwlimit) == nil {
            throw ValidationError("--bwlimit \(bwlimit) is not a rate: try 10M, 512k or off")
        }
    }

    /// Sets the process's limit: the option, else the config's.
    func apply(_ cloud: CloudOptions) throws {
        let rate = try bwlimit.map { BandwidthRate.parse($0) ?? nil } ?? cloud.accounts().config.transfers.rate
        BandwidthLimiter.process.rate = rate
    }
}
