import GRDB

/// An accepted share as its recipient sees it.
struct ShareMount: Sendable, Equatable {
    let shareid: Int64
    let folderid: Int64
    let ownerid: Int64
    let mountid: Int64?
    let mountname: String?
    let permissions: Int64
}

/// The shares that shape one user's view: folders shared with them (where they sit and what
/// they may do there) and their own folders shared with others (`isshared`).
struct ShareContext: Sendable {
    var incoming: [ShareMount] = []
    var outgoingFolders: Set<Int64> = []

    static let none = ShareContext()

    static func load(_ db: Database, user: Int64) throws -> ShareContext {
        let rows = try ShareRow.fetchAll(db, sql: "SELECT * FROM shares WHERE touserid = ? AND accepted = 1 ORDER BY id", arguments: [user])
        let out = try Int64.fetchAll(db, sql: "SELECT DISTINCT folderid FROM shares WHERE fromuserid = ? AND accepted = 1", arguments: [user])
        return ShareContext(incoming: rows.map {
            ShareMount(shareid: $0.shareid ?? 0, folderid: $0.folderid, ownerid: $0.fromuserid, mountid: $0.mountid,
                       mountname: $0.mountname, permissions: $0.permissions)
        }, outgoingFolders: Set(out))
    }
}
