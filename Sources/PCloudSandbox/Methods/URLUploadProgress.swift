/// Live state of a `downloadfile` / `downloadfileasync` that carries a `progresshash`, reported
/// by `uploadprogress` in its URL form (methods.md): `urlcount`, `urlready`, `urlworking`,
/// `finished` and one `files[]` record per URL.
struct URLUploadProgress: Sendable {
    enum Status: String, Sendable { case waiting, downloading, ready, error }

    struct File: Sendable {
        var url: String
        var status = Status.waiting
        /// Only when the source sent a Content-Length.
        var size: Int64?
        /// Only once the download started.
        var downloaded: Int64?
        /// Only when ready: the created file.
        var metadata: JSON?
    }

    var files: [File]
    var finished = false

    init(urls: [String]) { files = urls.map { File(url: $0) } }

    var json: JSONObject {
        let records: [JSON] = files.map { f in
            var o = JSONObject([("url", .string(f.url)), ("status", .string(f.status.rawValue))])
            if let size = f.size { o["size"] = .int(size) }
            if let downloaded = f.downloaded { o["downloaded"] = .int(downloaded) }
            if let metadata = f.metadata { o["metadata"] = metadata }
            return o.json
        }
        return JSONObject([("urlcount", .int(files.count)),
                           ("urlready", .int(files.filter { $0.status == .ready }.count)),
                           ("urlworking", .int(files.filter { $0.status == .downloading }.count)),
                           ("finished", .bool(finished)), ("files", .array(records))])
    }
}
