import PCloudAPI

/// What to do about network trouble, in the same words on the status line and the command line.
enum NetworkHint {
    static func hint(_ trouble: NetworkTrouble, host: String?) -> String {
        let local = host.map(isLoopback) ?? false
        return switch trouble {
        case .refused: local ? "is the sandbox running?" : "is the address right? check your network"
        case .unreachable: "check your network connection"
        case .unknownHost: "check the host name and your network"
        case .connectTimeout: "check your network, or try again later"
        case .readTimeout: "try again later"
        // Before any answer: on loopback most often https:// to a sandbox's plain port or back.
        case .closed: local ? "try again; is the scheme right (http:// for a sandbox's plain port)?" : "try again"
        // The job stays to be resumed (the TUI says its own words: `ErrorHint`).
        case .lost: "pcmd jobs resume continues it where it stopped"
        case .untrustedCertificate:
            local ? "for a sandbox pass --ca-file with its ca.pem (pcmd sandbox prints the path)"
                : "something on the way presents its own certificate; for a sandbox pass --ca-file …/ca.pem"
        case .wrongCertificateName:
            local ? "use a name the certificate carries: 127.0.0.1 or localhost for the sandbox"
                : "use the server's own name"
        case .secureConnection:
            local ? "is it an HTTPS port? a sandbox's plain port takes http://" : "try again later"
        }
    }

    /// 127.0.0.1:8781, localhost, [::1]:8443: where a sandbox runs.
    static func isLoopback(_ host: String) -> Bool {
        host.hasPrefix("127.") || host.hasPrefix("localhost") || host.hasPrefix("[::1]") || host.hasPrefix("::1")
    }
}
