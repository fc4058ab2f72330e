/// A pCloud API error: HTTP 200 with `result` = code and pCloud's own `error` text (typos included).
public struct APIError: Error, Sendable, Equatable {
    public let code: Int
    public let message: String
    /// Extra fields some errors carry (2297's `token`, for example).
    public var extra: [(String, JSON)] = []

    public init(_ code: Int, _ message: String? = nil) {
        self.code = code
        self.message = message ?? APIError.messages[code] ?? "Internal error. Try again later."
    }

    public static func == (a: APIError, b: APIError) -> Bool { a.code == b.code && a.message == b.message }

    /// Texts from ../shared/pcloud-api/errors.md.
    static let messages: [Int: String] = [
        1000: "Log in required.",
        1001: "No full path or name/folderid provided.",
        1002: "No full path or folderid provided.",
        1004: "No fileid or path provided.",
        1005: "Unknown content-type requested.",
        1013: "Date/time format not understood.",
        1016: "No full topath or toname/tofolderid provided.",
        1017: "Invalid 'folderid' provided.",
        1018: "Invalid 'fileid' provided.",
        1022: "Please provide 'code'.",
        1028: "Please provide link 'code'.",
        1029: "Please provide 'fileid'.",
        1030: "Please provide 'linkid'.",
        1037: "Please provide at least one of 'topath', 'tofolderid' or 'toname'.",
        1040: "Please provide 'url'.",
        1052: "Please provide 'progresshash'.",
        1053: "Please provide 'fileid' or 'folderid'.",
        1076: "Please provide 'tokenid'.",
        1900: "Upload not found",
        2000: "Log in failed.",
        2001: "Invalid file/folder name.",
        2002: "A component of parent directory does not exist.",
        2003: "Access denied. You do not have permissions to preform this operation.",
        2004: "File or folder alredy exists.",
        2005: "Directory does not exist.",
        2006: "Folder is not empty.",
        2007: "Cannot delete the root folder.",
        2008: "User is over quota.",
        2009: "File not found.",
        2010: "Invalid path.",
        2014: "Please verify your email address to preform this action.",
        2015: "Can not share root folder.",
        2016: "You can only share your own folders.",
        2026: "You can only share your own files or folders. Copy the file to a folder you own if you need to share it.",
        2029: "Revision with provided 'revisionid' not found.",
        2041: "Connection broken.",
        2042: "Cannot rename the root folder.",
        2043: "Cannot move a folder to a subfolder of itself.",
        2055: "File or folder not found",
        2102: "Provided 'tokenid' not found.",
        2206: "Can not copy folder into itself.",
        2207: "Can not copy folder to subfolder of itself",
        2208: "Target folder does not exist",
        4000: "Too many login tries from this IP address.",
        5000: "Internal error. Try again later.",
        5001: "Internal upload error.",
    ]

    public var json: JSON {
        .object([("result", .int(Int64(code))), ("error", .string(message))] + extra)
    }
}
