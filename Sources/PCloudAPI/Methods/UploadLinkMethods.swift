import Foundation

extension PCloudClient {
    public func createUploadLink(_ folderid: Int, comment: String, expire: Int64? = nil, maxspace: Int64? = nil,
                                 maxfiles: Int? = nil) async throws -> UploadLink {
        struct R: Decodable { var uploadlinkid: Int; var link: String; var mail: String?; var code: String }
        var p: Params = ["folderid": String(folderid), "comment": comment]
        p.set("expire", expire)
        p.set("maxspace", maxspace)
        p.set("maxfiles", maxfiles)
        let r = try await call("createuploadlink", p, idempotent: false, as: R.self)
        return UploadLink(uploadlinkid: r.uploadlinkid, link: r.link, code: r.code, mail: r.mail, comment: comment,
                          maxspace: maxspace, maxfiles: maxfiles, expires: expire)
    }

    public func listUploadLinks() async throws -> [UploadLink] {
        struct R: Decodable { var uploadlinks: [UploadLink] }
        return try await call("listuploadlinks", idempotent: true, as: R.self).uploadlinks
    }

    /// Limits set to 0 are removed.
    public func changeUploadLink(_ uploadlinkid: Int, expire: Int64? = nil, deleteexpire: Bool = false,
                                 maxspace: Int64? = nil, maxfiles: Int? = nil) async throws {
        var p: Params = ["uploadlinkid": String(uploadlinkid)]
        p.set("expire", expire)
        p.flag("deleteexpire", deleteexpire)
        p.set("maxspace", maxspace)
        p.set("maxfiles", maxfiles)
        try await emptyCall("changeuploadlink", p, idempotent: true)
    }

    public func deleteUploadLink(_ uploadlinkid: Int) async throws {
        try await emptyCall("deleteuploadlink", ["uploadlinkid": String(uploadlinkid)], idempotent: false)
    }
}

extension UploadLink {
    init(uploadlinkid: Int, link: String, code: String, mail: String?, comment: String?, maxspace: Int64?,
         maxfiles: Int?, expires: Int64?) {
        self.uploadlinkid = uploadlinkid; self.link = link; self.code = code; self.mail = mail
        self.comment = comment; self.maxspace = maxspace; self.maxfiles = maxfiles; self.expires = expires
    }
}
