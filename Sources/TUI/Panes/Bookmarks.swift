import Foundation
import HomeFolders

/// Named folders per side, kept across runs in a small text file (one `side:name<TAB>path` per
/// line, as lf keeps its marks) beside pcmd's other data.
struct Bookmarks {
    private(set) var all: [String: Location] = [:]
    let file: URL?

    init(file: URL?) {
        self.file = file
        guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { all[String(parts[0])] = .path(String(parts[1])) }
        }
    }

    /// `$XDG_DATA_HOME/pcmd/bookmarks`, else `~/.local/share/pcmd/bookmarks`.
    static func defaultFile(_ env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        HomeFolders(environment: env).data.appendingPathComponent("pcmd/bookmarks")
    }

    static func key(_ side: Pane.Side, _ name: String) -> String { "\(side == .local ? "local" : "cloud"):\(name)" }

    func on(_ side: Pane.Side) -> [(name: String, location: Location)] {
        let prefix = Self.key(side, "")
        return all.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
    }

    /// Sets and saves; a failure to save is returned for the status line (the bookmark still holds).
    mutating func set(_ name: String, _ side: Pane.Side, _ location: Location) -> String? {
        all[Self.key(side, name)] = location
        guard let file else { return nil }
        let text = all.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.path)\n" }.joined()
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            return nil
        } catch {
            return "cannot save bookmarks to \(file.path): \(error.localizedDescription)"
        }
    }
}
