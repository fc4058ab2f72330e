import Crypto
import Foundation

/// A two-factor sign-in in progress: `userinfo` answered 2297 with this token (REAL-SERVICE §2).
public struct TwoFactorChallenge: Sendable, Hashable {
    public var token: String
    public var tfatype: Int?
    public var hasdevices: Bool?
}

/// Asked for the code of a two-factor account; nil gives up. Called again after a wrong code
/// (`previousError` set), so a UI can say why.
public typealias TwoFactorPrompt = @Sendable (_ challenge: TwoFactorChallenge, _ previousError: PCloudError?) async throws -> String?

/// The password sign-in's reply, read whole because a 2297 error carries data (`token`).
struct LoginReply: Decodable {
    var result: Int
    var error: String?
    var auth: String?
    var token: String?
    var tfatype: Int?
    var hasdevices: Bool?
    /// Set once the client stored `auth` as its session token.
    var acceptedAuth: String?
}

struct DigestReply: Decodable { var digest: String }

public enum PasswordDigest {
    /// `lowerhex(sha1(password ‖ lowerhex(sha1(lowercase(username))) ‖ digest))` (flows.md §15).
    public static func passworddigest(username: String, password: String, digest: String) -> String {
        let user = hex(Insecure.SHA1.hash(data: Data(username.lowercased().utf8)))
        return hex(Insecure.SHA1.hash(data: Data((password + user + digest).utf8)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension PCloudClient {
    /// Signs in with a password by digest (`getdigest` + `userinfo getauth=1`), completing a
    /// two-factor login through `twoFactor`; stores and returns the session token. The password
    /// travels only as a digest in a POST body and is not kept.
    @discardableResult
    public func signIn(email: String, password: String, trustDevice: Bool = false,
                       authexpire: Int? = nil, twoFactor: TwoFactorPrompt? = nil) async throws -> String {
        // Login calls are never retried: repeated failures trip 4000 (REAL-SERVICE §10).
        let digest = try await call("getdigest", auth: .none, idempotent: true, as: DigestReply.self).digest
        var params: Params = ["getauth": "1", "logout": "1", "username": email, "digest": digest,
                              "passworddigest": PasswordDigest.passworddigest(username: email, password: password,
                                                                              digest: digest)]
        params.set("authexpire", authexpire)
        let reply = try await login("userinfo", params)
        if let auth = reply.acceptedAuth { return auth }
        guard reply.result == 2297, let token = reply.token else {
            throw PCloudError.api(reply.result, reply.error ?? "no auth in reply", method: "userinfo")
        }
        let challenge = TwoFactorChallenge(token: token, tfatype: reply.tfatype, hasdevices: reply.hasdevices)
        return try await completeTwoFactor(challenge, trustDevice: trustDevice, prompt: twoFactor)
    }

    /// `tfa_login` until a code works, the prompt gives up, or the token expires (2064).
    func completeTwoFactor(_ challenge: TwoFactorChallenge, trustDevice: Bool,
                           prompt: TwoFactorPrompt?) async throws -> String {
        var previous: PCloudError?
        while true {
            guard let prompt, let code = try await prompt(challenge, previous) else {
                throw PCloudError(kind: .twoFactorRequired, code: 2297,
                                  message: "this account uses two-factor sign-in: a code is needed",
                                  category: .auth, method: "userinfo")
            }
            var params: Params = ["token": challenge.token, "code": code]
            params.flag("trustdevice", trustDevice)
            let reply = try await login("tfa_login", params)
            if let auth = reply.acceptedAuth { return auth }
            let error = PCloudError.api(reply.result, reply.error ?? "", method: "tfa_login")
            // An expired token cannot be retried with another code; the whole sign-in must restart.
            guard reply.result == 2012 || reply.result == 2092 || reply.result == 2074 else { throw error }
            previous = error
        }
    }

    /// A login answer, read whole (a failure's code too), or a malformed-answer error.
    static func decodeLogin(_ data: Data, method: String) throws -> LoginReply {
        do { return try AnswerDecoder.decode(LoginReply.self, from: data) } catch {
            throw PCloudError.malformed(method, decoding: error, data: data)
        }
    }

    /// One login call, read whole; a success stores the session token.
    func login(_ method: String, _ params: Params) async throws -> LoginReply {
        let data = try await callData(method, params, auth: .none, idempotent: false)
        var reply = try Self.decodeLogin(data, method: method)
        if reply.result == 0, let auth = reply.auth {
            setSessionToken(auth)
            reply.acceptedAuth = auth
        }
        return reply
    }
}
