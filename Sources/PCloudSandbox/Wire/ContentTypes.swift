/// What pCloud derives from a file name: MIME type, `category` and `icon`.
struct ContentKind: Sendable {
    let contentType: String
    let category: Int
    let icon: String
    var thumb: Bool { category == 1 || category == 2 }

    static let unknown = ContentKind(contentType: "application/octet-stream", category: 0, icon: "file")

    static func of(name: String) -> ContentKind {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .unknown }
        let ext = name[name.index(after: dot)...].lowercased()
        return table[ext] ?? .unknown
    }

    // category: 0 uncategorized, 1 image, 2 video, 3 audio, 4 document, 5 archive.
    private static let table: [String: ContentKind] = {
        var t: [String: ContentKind] = [:]
        func add(_ exts: [String], _ type: String, _ category: Int, _ icon: String) {
            for e in exts { t[e] = ContentKind(contentType: type, category: category, icon: icon) }
        }
        add(["jpg", "jpeg"], "image/jpeg", 1, "image")
        add(["png"], "image/png", 1, "image")
        add(["gif"], "image/gif", 1, "image")
        add(["webp"], "image/webp", 1, "image")
        add(["bmp"], "image/bmp", 1, "image")
        add(["svg"], "image/svg+xml", 1, "image")
        add(["heic"], "image/heic", 1, "image")
        add(["tif", "tiff"], "image/tiff", 1, "image")
        add(["mp4", "m4v"], "video/mp4", 2, "video")
        add(["mkv"], "video/x-matroska", 2, "video")
        add(["mov"], "video/quicktime", 2, "video")
        add(["avi"], "video/x-msvideo", 2, "video")
        add(["webm"], "video/webm", 2, "video")
        add(["mp3"], "audio/mpeg", 3, "audio")
        add(["flac"], "audio/flac", 3, "audio")
        add(["ogg", "oga"], "audio/ogg", 3, "audio")
        add(["wav"], "audio/wav", 3, "audio")
        add(["m4a"], "audio/mp4", 3, "audio")
        add(["txt", "log", "md", "ini", "cfg", "conf", "toml", "yaml", "yml", "csv", "json", "xml",
             "swift", "c", "h", "py", "go", "rs", "js", "ts", "sh"], "text/plain", 4, "document")
        add(["html", "htm"], "text/html", 4, "web")
        add(["css"], "text/css", 4, "web")
        add(["pdf"], "application/pdf", 4, "document")
        add(["doc"], "application/msword", 4, "document")
        add(["docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 4, "document")
        add(["odt"], "application/vnd.oasis.opendocument.text", 4, "document")
        add(["rtf"], "application/rtf", 4, "document")
        add(["xls"], "application/vnd.ms-excel", 4, "spreadsheet")
        add(["xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 4, "spreadsheet")
        add(["ods"], "application/vnd.oasis.opendocument.spreadsheet", 4, "spreadsheet")
        add(["ppt"], "application/vnd.ms-powerpoint", 4, "presentation")
        add(["pptx"], "application/vnd.openxmlformats-officedocument.presentationml.presentation", 4, "presentation")
        add(["odp"], "application/vnd.oasis.opendocument.presentation", 4, "presentation")
        add(["epub"], "application/epub+zip", 4, "document")
        add(["zip"], "application/zip", 5, "archive")
        add(["tar"], "application/x-tar", 5, "archive")
        add(["gz", "tgz"], "application/gzip", 5, "archive")
        add(["bz2"], "application/x-bzip2", 5, "archive")
        add(["xz"], "application/x-xz", 5, "archive")
        add(["7z"], "application/x-7z-compressed", 5, "archive")
        add(["rar"], "application/vnd.rar", 5, "archive")
        add(["iso", "dmg", "img"], "application/octet-stream", 0, "diskimage")
        add(["exe", "msi"], "application/x-msdownload", 0, "executable")
        add(["deb", "rpm", "apk"], "application/octet-stream", 0, "package")
        add(["sqlite", "db"], "application/octet-stream", 0, "database")
        add(["ttf", "otf", "woff", "woff2"], "font/ttf", 0, "font")
        return t
    }()
}
