import ArgumentParser
import Commander
import Foundation

/// `--expire 7d`: a duration as people type it (45m, 12h, 7d, 2w), parsed by the parser so a
/// typo is a usage error.
struct Lifetime: ExpressibleByArgument {
    let seconds: Int64

    init?(argument: String) {
        guard let s = Units.parseDuration(argument) else { return nil }
        seconds = s
    }

    /// pCloud's `expire`: Unix seconds from now.
    var expiresAt: Int64 { Int64(Date().timeIntervalSince1970) + seconds }
}

/// `--max-space 500M`: a size in bytes (binary multiples).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int64

    init?(argument: String) {
        guard let b = Units.parseBytes(argument) else { return nil }
        bytes = b
    }
}
