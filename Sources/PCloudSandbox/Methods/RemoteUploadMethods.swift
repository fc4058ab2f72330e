import Foundation

/// `downloadfile` and `downloadfileasync` (pCloud's "remote upload"): files fetched by the
/// server from http(s) URLs into a folder, one URL after another, tracked by `uploadprogress`.
/// A URL that fails (unreachable, an HTTP error, a short body, over quota) leaves no file;
/// files already finished stay. Like `uploadfile`, a taken name is overwritten (the old content
/// becomes a revision). pCloud has no method to cancel a remote upload, and a caller that hangs
/// up does not stop one here either (the server sees the hang-up only when it answers).
enum RemoteUploadMethods {
    static let methods: [String: MethodSpec] = [
        "downloadfile": MethodSpec(auth: .user) { try await downloadfile($0, background: false) },
        "downloadfileasync": MethodSpec(auth: .user) { try await downloadfile($0, background: true) },
    ]

    static func downloadfile(_ call: Call, background: Bool) async throws -> Reply {
        let p = call.params, env = call.env
        let texts = (p["url"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        // No URL, or one that is not http(s): the request has no URL the method can take.
        guard !texts.isEmpty else { throw APIError(1040) }
        let sources = try texts.map { t -> URLSource in
            guard let s = URLSource(t) else { throw APIError(1040) }
            return s
        }
        let names = targetNames(p["target"])
        let folder = try await call.read { t in
            let f = try p.has("folderid") || p.has("path") ? p.folder(in: t) : t.folder(0)
            try t.require(1, in: f)
            return f
        }
        let hash = p["progresshash"] ?? "remote-\(Tokens.random(length: 16))"
        env.urlUploads.start(hash, URLUploadProgress(urls: texts))
        let job = { @Sendable () async throws -> [JSON] in
            defer { env.urlUploads.finish(hash) { $0.finished = true } }
            return try await run(call, sources: sources, names: names, into: folder, hash: hash)
        }
        if background {
            Task { _ = try? await job() }
            return .ok
        }
        return .json(JSONObject([("metadata", .array(try await job()))]))
    }

    /// `target`: comma-separated, each name URL-encoded (so a name may hold a comma); an empty
    /// entry keeps the derived name.
    static func targetNames(_ raw: String?) -> [String?] {
        guard let raw else { return [] }
        return raw.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let name = String(part).removingPercentEncoding ?? String(part)
            return name.isEmpty ? nil : name
        }
    }

    /// Fetches every URL in turn; one that fails is marked `error` and the others go on. The
    /// first failure is the answer (`5001` for a source that gave nothing, `2008` over quota).
    private static func run(_ call: Call, sources: [URLSource], names: [String?], into folder: FolderRow,
                            hash: String) async throws -> [JSON] {
        var created: [JSON] = []
        var failure: Error?
        for (i, source) in sources.enumerated() {
            do {
                created.append(try await fetchOne(call, source, name: i < names.count ? names[i] : nil, into: folder,
                                                  index: i, hash: hash))
            } catch {
                call.env.urlUploads.update(hash) { $0.files[i].status = .error }
                failure = failure ?? (error is URLSource.Failed ? APIError(5001) : error)
            }
        }
        if let failure { throw failure }
        return created
    }

    private static func fetchOne(_ call: Call, _ source: URLSource, name: String?, into folder: FolderRow,
                                 index i: Int, hash: String) async throws -> JSON {
        let env = call.env
        if let name { _ = try Tree.validName(name) }
        let free = try await call.read { t in try t.freeQuota(owner: folder.ownerid) }
        env.urlUploads.update(hash) { $0.files[i].status = .downloading; $0.files[i].downloaded = 0 }
        let incoming = try env.store.blobs.newIncoming(region: env.config.region)
        let suggested: String?
        do {
            suggested = try await source.fetch(into: incoming, free: free,
                started: { size in env.urlUploads.update(hash) { $0.files[i].size = size } },
                received: { n in env.urlUploads.update(hash) { $0.files[i].downloaded = n } })
        } catch {
            incoming.discard()  // nopartial: nothing of a failed download is kept
            throw error
        }
        let fileName = try Tree.validName(name ?? source.derivedName(suggested: suggested))
        let blob = try env.store.blobs.commit(incoming)
        let meta: JSON
        do {
            try await env.store.write { db in try blob.register(db) }
            let file = try await call.write { t -> FileRow in
                try t.putFile(in: try t.folder(t.wire(folder.fid)), name: fileName, content: Content(blob), mtime: nil, ctime: nil)
            }
            meta = call.render.file(file).json
        } catch {
            // Over quota or the folder went away meanwhile: keep no unreferenced content.
            try? await env.store.collectGarbage(keys: [blob.key])
            throw error
        }
        env.urlUploads.update(hash) { $0.files[i].status = .ready; $0.files[i].metadata = meta }
        return meta
    }
}
