/// Every API method the sandbox answers, by pCloud name. Handlers are grouped as the reference
/// groups them, one file per group.
enum MethodTable {
    static let all: [String: MethodSpec] = {
        var table: [String: MethodSpec] = [:]
        for group in [GeneralMethods.methods, AuthMethods.methods, FolderMethods.methods, FileMethods.methods,
                      UploadMethods.methods, StreamingMethods.methods, ArchivingMethods.methods,
                      PublicLinkMethods.methods, TrashMethods.methods, RevisionMethods.methods,
                      ChunkedUploadMethods.methods, OAuth.methods, PublinkAccess.methods,
                      ShareMethods.methods, UploadLinkMethods.methods,
                      ThumbnailMethods.methods, CollectionMethods.methods,
                      SearchMethods.methods, FileopsMethods.methods, RemoteUploadMethods.methods] {
            table.merge(group) { _, _ in fatalError("method registered twice") }
        }
        return table
    }()
}
