import Foundation
import HomeFolders
import TOMLKit

/// A named map from roles to styles, read from `themes/NAME.toml`.
///
/// ```toml
/// name = "mc-classic"
/// inherits = "default"          # optional: start from another theme
/// [styles]
/// pane = { fg = "bright-cyan", bg = "blue" }
/// cursor = { fg = "black", bg = "cyan" }
/// ```
public struct Theme: Sendable {
    public var name: String
    var styles: [Role: Style]
    /// Colours off: every style keeps only bold/reverse/underline/dim.
    public var monochrome = false

    public subscript(role: Role) -> Style {
        let s = styles[role] ?? styles[.pane] ?? .plain
        return monochrome ? s.monochrome : s
    }

    /// Attributes only: works on any terminal, and is what `NO_COLOR` gets.
    public static let mono = Theme(name: "mono", styles: [
        .borderActive: Style(bold: true), .header: Style(), .headerActive: Style(reverse: true), .sandbox: Style(bold: true, reverse: true),
        .columns: Style(bold: true), .cursor: Style(reverse: true), .cursorInactive: Style(underline: true),
        .marked: Style(bold: true), .markedCursor: Style(bold: true, reverse: true), .folder: Style(bold: true),
        .broken: Style(dim: true), .status: Style(reverse: true), .error: Style(bold: true, reverse: true),
        .keybarKey: Style(bold: true), .keybarLabel: Style(reverse: true), .dialogTitle: Style(bold: true),
        .input: Style(underline: true), .buttonFocused: Style(reverse: true), .progress: Style(reverse: true),
        .jobs: Style(reverse: true), .menuSelected: Style(reverse: true), .dim: Style(dim: true),
    ])

    struct File {
        var name: String?
        var inherits: String?
        var styles: [String: Spec]?
        struct Spec {
            var fg: String?, bg: String?
            var bold: Bool?, reverse: Bool?, underline: Bool?, dim: Bool?
        }
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notFound(String, searched: [String])
        case invalid(String, String)
        public var description: String {
            switch self {
            case .notFound(let n, let dirs): "theme '\(n)' not found (looked in \(dirs.joined(separator: ", ")))"
            case .invalid(let n, let why): "theme '\(n)': \(why)"
            }
        }
    }

    /// Decodes one theme file's text. Read from the TOML table by hand rather than through
    /// Codable, whose generic containers cost a millisecond of type lookups before the first frame.
    /// `source`: where the text came from, named with the line of a TOML error so it can be found.
    static func decode(_ text: String, name: String, source: String) throws -> File {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw LoadError.invalid(name, "\(source), line \(e.source.begin.line): \(e.description)")
        } catch { throw LoadError.invalid(name, "\(source): \(error)") }
        func string(_ t: TOMLTable, _ key: String, at path: String = "") throws -> String? {
            guard let v = t[key] else { return nil }
            guard let s = v.string else { throw LoadError.invalid(name, "\(path)\(key) must be a string") }
            return s
        }
        func bool(_ t: TOMLTable, _ key: String, at path: String) throws -> Bool? {
            guard let v = t[key] else { return nil }
            guard let b = v.bool else { throw LoadError.invalid(name, "\(path)\(key) must be true or false") }
            return b
        }
        var file = File(name: try string(table, "name"), inherits: try string(table, "inherits"))
        guard let value = table["styles"] else { return file }
        guard let styles = value.table else { throw LoadError.invalid(name, "styles must be a table") }
        var specs: [String: File.Spec] = [:]
        for key in styles.keys {
            guard let t = styles[key]?.table else {
                throw LoadError.invalid(name, "styles.\(key) must be a table such as { fg = \"cyan\" }")
            }
            let at = "styles.\(key)."
            specs[key] = File.Spec(fg: try string(t, "fg", at: at), bg: try string(t, "bg", at: at),
                                   bold: try bool(t, "bold", at: at), reverse: try bool(t, "reverse", at: at),
                                   underline: try bool(t, "underline", at: at), dim: try bool(t, "dim", at: at))
        }
        file.styles = specs
        return file
    }

    /// Builds a theme from one decoded file; `base` supplies what it does not set.
    static func build(_ file: File, name: String, base: Theme?) throws -> Theme {
        var theme = base ?? .mono
        theme.name = file.name ?? name
        for (key, spec) in file.styles ?? [:] {
            guard let role = Role(rawValue: key) else { throw LoadError.invalid(name, "unknown role '\(key)'") }
            func color(_ s: String?) throws -> TermColor {
                guard let s else { return .default }
                guard let c = TermColor(name: s) else { throw LoadError.invalid(name, "unknown colour '\(s)' for \(key)") }
                return c
            }
            theme.styles[role] = Style(fg: try color(spec.fg), bg: try color(spec.bg), bold: spec.bold ?? false,
                                       reverse: spec.reverse ?? false, underline: spec.underline ?? false, dim: spec.dim ?? false)
        }
        return theme
    }

    /// Loads `name` from the first folder of `searchPath` that has it, else from the themes
    /// compiled in (following `inherits` the same way).
    public static func load(_ name: String, searchPath: [URL] = Theme.searchPath()) throws -> Theme {
        try load(name, searchPath: searchPath, chain: [])
    }

    /// `chain`: the themes being loaded, each with where it came from. A theme inheriting a name
    /// already in it takes the next source in the search order (a user's default.toml may
    /// inherit the shipped default); with none left it is a cycle, said rather than recursed.
    private static func load(_ name: String, searchPath: [URL], chain: [(name: String, source: String)]) throws -> Theme {
        let text: String, source: String
        let taken = Set(chain.map(\.source))
        if let url = searchPath.map({ $0.appendingPathComponent("\(name).toml") })
            .first(where: { !taken.contains($0.path) && FileManager.default.fileExists(atPath: $0.path) }) {
            (text, source) = (try String(contentsOf: url, encoding: .utf8), url.path)
        } else if let shipped = ShippedThemes.text(name), !taken.contains("built in: \(name)") {
            (text, source) = (shipped, "built in: \(name)")
        } else if let start = chain.firstIndex(where: { $0.name == name }) {
            throw LoadError.invalid(chain[0].name, "inherits itself (\((chain[start...].map(\.name) + [name]).joined(separator: " → ")))")
        } else {
            throw LoadError.notFound(name, searched: searchPath.map(\.path) + ["built in: " + ShippedThemes.names.joined(separator: ", ")])
        }
        // Decoded once: the TOML decoder is a good part of a theme's load, which comes before the first frame.
        let file = try decode(text, name: name, source: source)
        let base = try file.inherits.map { try load($0, searchPath: searchPath, chain: chain + [(name, source)]) }
        return try build(file, name: name, base: base)
    }

    /// The folders whose theme files override the shipped ones: `$PCMD_THEMES`, then the user's
    /// `$XDG_CONFIG_HOME/pcmd/themes`.
    public static func searchPath(environment env: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var dirs: [URL] = []
        if let custom = env["PCMD_THEMES"] { dirs.append(URL(fileURLWithPath: custom)) }
        dirs.append(HomeFolders(environment: env).config.appendingPathComponent("pcmd/themes"))
        return dirs
    }
}
