import Foundation

/// `uploadprogress` for a `downloadfile` / `downloadfileasync` request that carried a
/// `progresshash` (methods.md): how many URLs are done and working, and one record per URL.
public struct URLUploadProgress: Decodable, Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case waiting, downloading, ready, error
    }

    public struct File: Decodable, Sendable, Hashable {
        public var url: String
        public var status: Status
        /// Only when the source announced a length.
        public var size: Int64?
        /// Only once the download started.
        public var downloaded: Int64?
        /// Only when ready: the file created in the account.
        public var metadata: Metadata?

        enum CodingKeys: String, CodingKey { case url, status, size, downloaded, metadata }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decode(String.self, forKey: .url)
            // A status this client does not know is taken as still waiting.
            status = Status(rawValue: try c.decodeIfPresent(String.self, forKey: .status) ?? "") ?? .waiting
            size = try c.decodeIfPresent(Int64.self, forKey: .size)
            downloaded = try c.decodeIfPresent(Int64.self, forKey: .downloaded)
            metadata = try c.decodeIfPresent(Metadata.self, forKey: .metadata)
        }
    }

    public var urlcount: Int
    public var urlready: Int
    public var urlworking: Int
    public var finished: Bool
    public var files: [File]
}
