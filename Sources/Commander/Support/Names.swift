import Foundation

/// Path and name helpers shared by both drives ("/" separated on both).
enum Names {
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func parent(_ path: String) -> String {
        let p = (path as NSString).deletingLastPathComponent
        return p.isEmpty ? "/" : p
    }

    static func last(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// pCloud's "keep both" naming: `name (1).ext`, `name (2).ext`, … the first not in `taken`.
    static func free(_ name: String, taken: Set<String>) -> String {
        guard taken.contains(name) else { return name }
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        var n = 1
        while true {
            let candidate = ext.isEmpty ? "\(stem) (\(n))" : "\(stem) (\(n)).\(ext)"
            if !taken.contains(candidate) { return candidate }
            n += 1
        }
    }
}

extension Names {
    /// Why pCloud would refuse `name` (REAL-SERVICE §9: invalid UTF-8 and a backslash answer
    /// 2001), checked before sending so the file is reported by name and the rest still goes.
    static func cloudRefusal(_ name: String) -> (reason: String, hint: String)? {
        if RawName.hasRawBytes(name) {
            return ("the name is not valid UTF-8, and pCloud takes only UTF-8 names",
                    "rename it, e.g. convmv -f latin1 -t utf-8 --notest on it")
        }
        if name.contains("\\") {
            return ("pCloud refuses a backslash in a name", "rename it without the \\")
        }
        return nil
    }
}
