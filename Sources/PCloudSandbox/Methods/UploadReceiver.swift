import Foundation
import Hummingbird
import NIOCore

/// Receives the files of an upload request — multipart parts (any names) or one raw body named
/// by `filename` — streaming each into the blob store while it is hashed, and hands each one
/// to `save`. Keeps `uploadprogress` current when the request has a `progresshash`, honours
/// `nopartial`, and applies injected upload faults.
struct UploadReceiver {
    let call: Call
    let progress: ProgressBoard<UploadProgress>

    /// `save` records one received file and returns its metadata (for `uploadprogress`'s `files`).
    func receive(_ save: (_ name: String, _ blob: BlobRow) async throws -> JSON) async throws {
        let p = call.params, env = call.env
        let nopartial = p.bool("nopartial")
        let contentLength = call.request.headers[.contentLength].flatMap { Int64($0) }
        let hash = p["progresshash"]
        if let hash { progress.start(hash, UploadProgress(total: contentLength ?? 0)) }
        var pacer = Pacer(eventLoop: call.pacer.eventLoop, faults: env.faults, traffic: env.traffic, what: "upload")
        var broken: Error?

        func one(name: String, chunks: () async throws -> ByteBuffer?) async throws {
            let name = try Tree.validName(name)
            let incoming = try env.store.blobs.newIncoming(region: env.config.region)
            if let hash { progress.update(hash) { $0.currentFile = name; $0.currentFileUploaded = 0; $0.fileNumber += 1 } }
            do {
                while let chunk = try await chunks() {
                    try incoming.write(chunk)
                    if let hash { progress.update(hash) { $0.currentFileUploaded += Int64(chunk.readableBytes) } }
                    try await pacer.wrote(chunk.readableBytes)
                }
            } catch {
                // The connection broke: with nopartial the file is dropped, otherwise what
                // arrived is kept, as pCloud does.
                broken = error is InjectedDrop ? error : APIError(2041)
                if nopartial { incoming.discard(); throw broken! }
            }
            let blob = try env.store.blobs.commit(incoming)
            let meta: JSON
            do {
                try await env.store.write { db in try blob.register(db) }
                meta = try await save(name, blob)
            } catch {
                // Over quota, or the folder went away meanwhile: keep no unreferenced content.
                try? await env.store.collectGarbage(keys: [blob.key])
                throw error
            }
            if let hash { progress.update(hash) { $0.files.append(meta) } }
            if let broken { throw broken }
        }

        if let reader = call.multipart {
            if let hash { reader.onReceive = { n in progress.update(hash) { $0.uploaded = n } } }
            while let part = try await reader.nextFile() {
                try await one(name: part.filename ?? "", chunks: reader.nextChunk)
            }
        } else {
            guard let name = p["filename"] else { throw APIError(2001) }
            var body = call.request.body.makeAsyncIterator()
            var received: Int64 = 0
            try await one(name: name) {
                guard let chunk = try await body.next() else {
                    // A body shorter than announced means the connection broke.
                    if let contentLength, received < contentLength { throw APIError(2041) }
                    return nil
                }
                received += Int64(chunk.readableBytes)
                if let hash { progress.update(hash) { [received] in $0.uploaded = received } }
                return chunk
            }
        }
        if let hash { progress.finish(hash) { $0.finished = true; $0.uploaded = $0.total } }
    }
}
