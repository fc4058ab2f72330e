import Foundation

extension PCloudClient {
    /// Streams a zip of `tree` into `file` (built on the fly by the server).
    public func getZip(_ tree: Tree, to file: URL, filename: String? = nil) async throws -> Int64 {
        var p = tree.params
        p["filename"] = filename
        return try await streamContent("getzip", p, to: file)
    }

    /// A content link to a zip the server builds.
    public func getZipLink(_ tree: Tree, maxspeed: Int? = nil) async throws -> FileLink {
        var p = tree.params
        p.set("maxspeed", maxspeed)
        return try await call("getziplink", p, idempotent: true)
    }

    /// Writes a zip of `tree` into the account; blocks until done. Poll `saveZipProgress` on
    /// `progressHost()` with the same `progresshash` meanwhile.
    public func saveZip(_ tree: Tree, to destination: Destination, progresshash: String? = nil,
                        timeoffset: String? = nil) async throws -> Metadata {
        var p = tree.params
        p.merge(destination.params)
        p["progresshash"] = progresshash
        p["timeoffset"] = timeoffset
        return try await metadataCall("savezip", p, idempotent: false)
    }

    public func saveZipProgress(_ progresshash: String) async throws -> ZipProgress {
        try await call("savezipprogress", ["progresshash": progresshash], idempotent: true)
    }

    public enum ExtractOverwrite: String, Sendable { case rename, overwrite, skip }

    /// Starts extracting; when the reply is not `finished`, poll `extractArchiveProgress` on the
    /// returned `hostname` (`on(host:)`).
    public func extractArchive(_ fileid: Int, into folderid: Int, overwrite: ExtractOverwrite = .rename,
                               password: String? = nil, nooutput: Bool = false) async throws -> ExtractProgress {
        var p: Params = ["fileid": String(fileid), "tofolderid": String(folderid), "overwrite": overwrite.rawValue]
        p["password"] = password
        p.flag("nooutput", nooutput)
        return try await call("extractarchive", p, idempotent: false)
    }

    public func extractArchiveProgress(_ progresshash: String, lines: Int = 0) async throws -> ExtractProgress {
        try await call("extractarchiveprogress", ["progresshash": progresshash, "lines": String(lines)], idempotent: true)
    }
}
