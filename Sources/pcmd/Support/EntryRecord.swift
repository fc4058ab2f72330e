import Commander
import Foundation

/// An entry as `--json` prints it: pCloud's field names, ids only where they exist.
struct EntryRecord: Encodable {
    var name: String
    var path: String?
    var isfolder: Bool
    var size: Int64
    var modified: Date
    var fileid: Int?
    var folderid: Int?
    var hash: UInt64?
    var contenttype: String?

    init(_ e: Entry, path: String? = nil) {
        name = e.name; self.path = path ?? e.path; isfolder = e.isFolder; size = e.size; modified = e.modified
        fileid = e.fileid; folderid = e.folderid; hash = e.hash; contenttype = e.contenttype
    }
}

