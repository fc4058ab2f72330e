import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The sandbox's own CA and a server certificate for 127.0.0.1 / localhost / ::1, made once per
/// data folder. Extensions follow what rclone (Go), curl and OpenSSL's strict mode all accept
/// (STACK-NOTES.md, "TLS for the sandbox").
struct SandboxCertificates {
    let caPath: String
    let certPath: String
    let keyPath: String

    static func ensure(in dir: URL) throws -> SandboxCertificates {
        let tls = dir.appendingPathComponent("tls")
        try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
        let c = SandboxCertificates(caPath: tls.appendingPathComponent("ca.pem").path,
                                    certPath: tls.appendingPathComponent("server.pem").path,
                                    keyPath: tls.appendingPathComponent("server-key.pem").path)
        let fm = FileManager.default
        if !(fm.fileExists(atPath: c.caPath) && fm.fileExists(atPath: c.certPath) && fm.fileExists(atPath: c.keyPath)) {
            try c.generate()
        }
        return c
    }

    private func generate() throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caPrivate = Certificate.PrivateKey(caKey)
        let caName = try DistinguishedName {
            OrganizationName("pcmd sandbox")
            CommonName("pcmd sandbox CA")
        }
        let caSKI = SubjectKeyIdentifier(hash: caPrivate.publicKey)
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: caPrivate.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                caSKI
            },
            issuerPrivateKey: caPrivate)

        let leafKey = P256.Signing.PrivateKey()
        let leafPrivate = Certificate.PrivateKey(leafKey)
        let leafName = try DistinguishedName {
            OrganizationName("pcmd sandbox")
            CommonName("localhost")
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: leafPrivate.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(825 * 86400),
            issuer: caName, subject: leafName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))),
                ])
                SubjectKeyIdentifier(hash: leafPrivate.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: caSKI.keyIdentifier)
            },
            issuerPrivateKey: caPrivate)

        try write(try ca.serializeAsPEM().pemString, to: caPath, mode: 0o644)
        try write(try leaf.serializeAsPEM().pemString, to: certPath, mode: 0o644)
        try write(leafKey.pemRepresentation, to: keyPath, mode: 0o600)
        _ = caKey // the CA key is not kept: the sandbox never signs another certificate
    }

    private func write(_ text: String, to path: String, mode: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
    }

    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certPath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        // Stopping closes every connection; waiting the default 5 s for each peer's close_notify
        // held pcmd's quit (its own demo sandbox) that long.
        tls.shutdownTimeout = .milliseconds(200)
        return tls
    }
}
