import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Which credentials a call carries.
public enum AuthUse: Sendable {
    /// No credentials (getdigest, showpublink, oauth2_token …).
    case none
    /// The OAuth token as a Bearer header, else the session token as a body field.
    case account
    /// Only a session token: pCloud refuses OAuth tokens here (REAL-SERVICE §1).
    case session
}

/// How parameters and payload travel.
enum Payload {
    /// POST with parameters as an urlencoded body (the default; keeps tokens out of URLs).
    case form
    /// Parameters in the query; the body (a file) follows through `fetchJSON(_:streaming:…)`.
    case stream(contentType: String)
}

extension PCloudClient {
    /// Builds one HTTP request for `method`. The OAuth token only ever goes in the header; the
    /// session token in the urlencoded body, or a cookie when the body is a file.
    func makeRequest(_ method: String, _ params: Params, auth: AuthUse, payload: Payload,
                     base: URL? = nil) throws -> HTTPClientRequest {
        made.withLockedValue { $0[method, default: 0] += 1 }
        var params = params
        params["timeformat"] = "timestamp"
        let creds = credentials
        var bearer: String?
        var session: String?
        switch auth {
        case .none: break
        case .account:
            if let oauth = creds.oauthToken { bearer = oauth } else { session = creds.sessionToken }
        case .session:
            guard let token = creds.sessionToken else { throw PCloudError.passwordSignInRequired(method: method) }
            session = token
        }
        let root = (base ?? endpoint.baseURL).absoluteString.trimmingSuffix("/")
        var request: HTTPClientRequest
        switch payload {
        case .form:
            if let session { params["auth"] = session }
            request = HTTPClientRequest(url: "\(root)/\(method)")
            request.method = .POST
            let body = params.encoded
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        case .stream(let contentType):
            let query = params.encoded
            request = HTTPClientRequest(url: "\(root)/\(method)" + (query.isEmpty ? "" : "?\(query)"))
            request.method = contentType.hasPrefix("multipart/") ? .POST : .PUT
            request.headers.add(name: "Content-Type", value: contentType)
            if let session { request.headers.add(name: "Cookie", value: "auth=\(session)") }
        }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        return request
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
