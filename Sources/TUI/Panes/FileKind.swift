import Commander
import Foundation

/// The colour class of an entry: pCloud's category in the cloud, the extension on disk.
enum FileKind {
    static func role(_ e: Entry) -> Role {
        switch e.kind {
        case .folder: return e.isshared || !e.ismine ? .shared : .folder
        case .symlink: return e.size < 0 ? .broken : .symlink
        case .file: break
        }
        // An archive stays an archive whatever pCloud filed it under (a .tar.gz is a document there).
        if FileCategory.guess(e.name) == .archive { return .archive }
        switch FileCategory.of(e) {
        case .image: return .image
        case .video: return .video
        case .audio: return .audio
        case .document: return .document
        case .archive: return .archive
        case .uncategorized: return .pane
        }
    }

    static func isArchive(_ e: Entry) -> Bool { role(e) == .archive && !e.isFolder }
    static func isImage(_ e: Entry) -> Bool { role(e) == .image }
}
