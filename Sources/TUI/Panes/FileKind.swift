import Commander
import Foundation

/// The colour class of an entry: pCloud's category in the cloud, the extension on disk.
enum FileKind {
    static let archives: Set<String> = ["zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "zst", "lz", "lzma", "tbz2", "txz"]
    static let images: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "heic", "svg", "avif", "ico"]
    static let videos: Set<String> = ["mp4", "mkv", "mov", "avi", "webm", "m4v", "mpg", "mpeg", "wmv", "flv"]
    static let audio: Set<String> = ["mp3", "flac", "ogg", "opus", "wav", "m4a", "aac", "wma", "aiff"]
    static let documents: Set<String> = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "md", "rtf", "epub"]

    static func role(_ e: Entry) -> Role {
        switch e.kind {
        case .folder: return e.isshared || !e.ismine ? .shared : .folder
        case .symlink: return e.size < 0 ? .broken : .symlink
        case .file: break
        }
        let ext = (e.name as NSString).pathExtension.lowercased()
        if archives.contains(ext) { return .archive }
        switch e.category {
        case 1: return .image
        case 2: return .video
        case 3: return .audio
        case 4: return .document
        case 5: return .archive
        default: break
        }
        if images.contains(ext) { return .image }
        if videos.contains(ext) { return .video }
        if audio.contains(ext) { return .audio }
        if documents.contains(ext) { return .document }
        return .pane
    }

    static func isArchive(_ e: Entry) -> Bool { role(e) == .archive && !e.isFolder }
    static func isImage(_ e: Entry) -> Bool { role(e) == .image }
}
