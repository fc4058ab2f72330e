import Foundation

extension PCloudClient {
    public func listRevisions(_ fileid: Int) async throws -> (revisions: [Revision], metadata: Metadata) {
        struct R: Decodable { var revisions: [Revision]; var metadata: Metadata }
        let r = try await call("listrevisions", ["fileid": String(fileid)], idempotent: true, as: R.self)
        return (r.revisions, r.metadata)
    }

    /// The current content becomes a revision; the file gets revision `revisionid`'s content.
    public func revertRevision(_ fileid: Int, revisionid: Int) async throws -> Metadata {
        try await metadataCall("revertrevision", ["fileid": String(fileid), "revisionid": String(revisionid)],
                               idempotent: false)
    }

    /// A content link to an old revision.
    public func getRevisionLink(_ fileid: Int, revisionid: Int) async throws -> FileLink {
        try await getFileLink(fileid, revisionid: revisionid)
    }
}
