import Foundation

extension PCloudClient {
    /// pCloud fetches `urls` (http or https) into folder `folderid` and answers when all are done
    /// with the files it made. `targets` names them by position (nil keeps the name pCloud
    /// derives). Poll `urlUploadProgress` on `progressHost()` with the same `progresshash`
    /// meanwhile. Sent with `nopartial`, so a failed URL leaves no file. Not retried: the job
    /// queue decides.
    public func downloadFile(urls: [String], into folderid: Int, targets: [String?] = [],
                             progresshash: String? = nil) async throws -> [Metadata] {
        try await call("downloadfile", Self.remoteUploadParams(urls, folderid, targets, progresshash), idempotent: false,
                       as: MetadataListReply.self, timeout: .seconds(24 * 3600)).metadata
    }

    /// The same, answered as soon as pCloud has queued the URLs; follow it with
    /// `urlUploadProgress` (the only way to learn what became of them).
    public func downloadFileAsync(urls: [String], into folderid: Int, targets: [String?] = [],
                                  progresshash: String) async throws {
        try await emptyCall("downloadfileasync", Self.remoteUploadParams(urls, folderid, targets, progresshash),
                            idempotent: false)
    }

    /// What has become of a `downloadfile(async)` that carried `progresshash`; `1900` until the
    /// server has seen the request.
    public func urlUploadProgress(_ progresshash: String) async throws -> URLUploadProgress {
        try await call("uploadprogress", ["progresshash": progresshash], idempotent: true)
    }

    /// `url` separated by spaces; `target` comma-separated with each name URL-encoded, so a
    /// name may hold a comma.
    static func remoteUploadParams(_ urls: [String], _ folderid: Int, _ targets: [String?],
                                   _ progresshash: String?) -> Params {
        var p: Params = ["url": urls.joined(separator: " "), "folderid": String(folderid)]
        if targets.contains(where: { $0 != nil }) {
            p["target"] = targets.map { $0.map(Params.escape) ?? "" }.joined(separator: ",")
        }
        p["progresshash"] = progresshash
        p.flag("nopartial", true)
        return p
    }
}
