import Foundation

/// pCloud's `category` of a file, and the same classes guessed from the extension on disk.
public enum FileCategory: Int, Sendable, CaseIterable {
    case uncategorized = 0, image, video, audio, document, archive

    public var name: String { String(describing: self) }

    public init?(name: String) {
        guard let c = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = c
    }

    static let byExtension: [String: FileCategory] = {
        var map: [String: FileCategory] = [:]
        for e in ["jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "heic", "svg", "avif", "ico"] { map[e] = .image }
        for e in ["mp4", "mkv", "mov", "avi", "webm", "m4v", "mpg", "mpeg", "wmv", "flv"] { map[e] = .video }
        for e in ["mp3", "flac", "ogg", "opus", "wav", "m4a", "aac", "wma", "aiff"] { map[e] = .audio }
        for e in ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "md", "rtf", "epub"] { map[e] = .document }
        for e in ["zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "zst", "lz", "lzma", "tbz2", "txz"] { map[e] = .archive }
        return map
    }()

    public static func guess(_ name: String) -> FileCategory {
        byExtension[(name as NSString).pathExtension.lowercased()] ?? .uncategorized
    }

    /// pCloud's own category in the cloud; the extension's on disk and for folders none.
    public static func of(_ e: Entry) -> FileCategory {
        guard e.kind == .file else { return .uncategorized }
        if let c = e.category.flatMap(FileCategory.init(rawValue:)), c != .uncategorized { return c }
        return guess(e.name)
    }
}
