import Commander

/// Where a pane is: the folder as its drive addresses it, and the path shown in the header.
public struct Location: Hashable, Sendable {
    public var ref: ItemRef
    public var path: String

    public init(ref: ItemRef, path: String) { self.ref = ref; self.path = path }

    /// Local folders and cloud folders alike are addressed by path while browsing; ids come
    /// with the entries and are what actions use.
    public static func path(_ p: String) -> Location {
        Location(ref: p == "/" ? .path("/") : .path(p), path: p)
    }

    public var parent: Location? {
        guard path != "/" else { return nil }
        let cut = path.split(separator: "/").dropLast().joined(separator: "/")
        return .path("/" + cut)
    }

    public var name: String { path.split(separator: "/").last.map(String.init) ?? "/" }

    public func child(_ name: String) -> Location { .path(path == "/" ? "/" + name : path + "/" + name) }
}
