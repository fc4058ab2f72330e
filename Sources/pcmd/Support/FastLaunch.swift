/// The file manager's own command line, read without ArgumentParser: `pcmd` with nothing but
/// its options, each once and with a value (`--local DIR`, `--sandbox=URL`). ArgumentParser
/// builds its argument sets through reflection and casts whose protocol-conformance lookups scan
/// the whole binary, milliseconds before the first frame. Anything else (a subcommand, `--help`,
/// an unknown or repeated option, a value that could be an option) is left to ArgumentParser.
enum FastLaunch {
    /// The long names of PCMD's options, its CloudOptions' included. Arrays, not a Set or a
    /// Dictionary: their types are built at run time, each one more conformance lookup.
    static let options = ["profile", "sandbox", "ca-file", "theme", "user", "local", "cloud-path"]

    /// The command `arguments` (without the program name) ask for, or nil when they are more
    /// than such a launch.
    static func command(_ arguments: some Collection<String>) -> PCMD? {
        var values = [String?](repeating: nil, count: options.count)
        var rest = arguments[...]
        while let arg = rest.popFirst() {
            guard arg.hasPrefix("--") else { return nil }
            var name = String(arg.dropFirst(2))
            let value: String
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard let next = rest.popFirst() else { return nil }
                value = next
            }
            guard let i = options.firstIndex(of: name), values[i] == nil, !value.isEmpty, !value.hasPrefix("-") else { return nil }
            values[i] = value
        }
        func value(_ name: String) -> String? { options.firstIndex(of: name).flatMap { values[$0] } }
        var cloud = CloudOptions()
        cloud.profile = value("profile")
        cloud.sandbox = value("sandbox")
        cloud.caFile = value("ca-file")
        var command = PCMD()
        command.cloud = cloud
        command.theme = value("theme")
        command.user = value("user")
        command.local = value("local")
        command.cloudPath = value("cloud-path")
        return command
    }
}
