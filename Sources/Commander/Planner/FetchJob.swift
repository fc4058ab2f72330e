import Foundation
import PCloudAPI

/// URLs that pCloud fetches into a cloud folder (remote upload): the names are settled here
/// first (a taken one is asked about like any other conflict) and sent as `target`, then one
/// `downloadfile` request carries them all while `uploadprogress` is polled for bytes per URL.
///
/// Cancel: pCloud has no method to stop a remote upload. Cancelling closes the request and stops
/// the polling, and the job ends cancelled at once, but the server may finish a URL it already
/// started (the sandbox does): a complete file can still appear. A half file never does: the
/// server keeps a download only when it is whole (`nopartial`).
struct FetchJob: Sendable {
    let urls: [String]
    let into: Item
    let names: [String?]

    func job() throws -> Job {
        guard !urls.isEmpty else { throw CommanderError(.unsupported, "no URL to fetch") }
        if let bad = urls.first(where: { !FetchURL.isFetchable($0) }) {
            throw CommanderError(.unsupported, "\(bad) is not an http or https URL")
        }
        let drive = try into.cloudDrive(for: "Fetching from URLs")
        let title = urls.count == 1 ? "Fetch \((names.first ?? nil) ?? FetchURL.name(of: urls[0]))" : "Fetch \(urls.count) URLs"
        return Job(.fetch, "\(title) into \(into.title)") { ctx in try await run(drive, ctx: ctx) }
    }

    func run(_ drive: CloudDrive, ctx: JobContext) async throws -> JobResult? {
        let folder = try await drive.folder(into.ref)
        var taken = Dictionary((folder.contents ?? []).map { ($0.name, CloudDrive.entry($0, parentPath: nil)) },
                               uniquingKeysWith: { a, _ in a })
        var chosen: [(url: String, name: String)] = []
        for (i, url) in urls.enumerated() {
            let name = (i < names.count ? names[i] : nil) ?? FetchURL.name(of: url)
            let incoming = Entry(name: name, kind: .file, size: 0, modified: Date(), path: nil)
            guard let d = await Placement.decide(incoming, taken: taken, targetDrive: drive.displayName, ctx: ctx) else { continue }
            chosen.append((url, d.name))
            taken[d.name] = incoming
        }
        guard !chosen.isEmpty else { return .entries([]) }
        ctx.addTotals(bytes: 0, files: chosen.count)
        ctx.parts(chosen.map { JobPart(name: $0.name) })

        let hash = "pcmd-fetch-\(UUID().uuidString)"
        let watcher = ProgressWatcher(ctx: ctx, names: chosen.map(\.name))
        let client = drive.client
        let poller = Task {
            guard let host = try? await client.progressHost() else { return }
            while !Task.isCancelled {
                if let p = try? await host.urlUploadProgress(hash) { watcher.show(p) }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        defer { poller.cancel() }
        let created: [Metadata]
        do {
            created = try await client.downloadFile(urls: chosen.map(\.url), into: folder.itemID,
                                                    targets: chosen.map(\.name), progresshash: hash)
        } catch let e as PCloudError where e.code == 5001 {
            poller.cancel()
            // Which URL failed is known only from the progress record; a source that gave
            // nothing is not worth repeating, so this is not a transient error.
            let p = try? await client.progressHost().urlUploadProgress(hash)
            if let p { watcher.show(p) }
            let failed = p?.files.filter { $0.status == .error }.map(\.url) ?? []
            let which = failed.isEmpty ? chosen.map(\.url).joined(separator: " ") : failed.joined(separator: " ")
            throw CommanderError(.cloud, "pCloud could not fetch \(which) (the server answered with an error, "
                                 + "or could not be reached)", code: e.code, category: .notFound, method: "downloadfile")
        } catch {
            throw CommanderError.from(error)
        }
        poller.cancel()
        watcher.finish(created)
        return .entries(created.map { CloudDrive.entry($0, parentPath: into.ref.pathValue) })
    }
}

/// Turns `uploadprogress` records into the job's counters and its per-URL parts.
final class ProgressWatcher: Sendable {
    let ctx: JobContext
    let names: [String]
    /// URLs whose size was already added to the job's total.
    private let sized = Locked<Set<Int>>([])

    init(ctx: JobContext, names: [String]) { self.ctx = ctx; self.names = names }

    func show(_ p: URLUploadProgress) {
        var parts: [JobPart] = []
        for (i, f) in p.files.enumerated() where i < names.count {
            let key = "url-\(i)"
            if let size = f.size, sized.withLock({ $0.insert(i).inserted }) { ctx.addTotals(bytes: size, files: 0) }
            let done = f.status == .ready ? (f.size ?? f.metadata?.size ?? f.downloaded ?? 0) : (f.downloaded ?? 0)
            ctx.progress(key, done)
            let state: JobPart.State = switch f.status {
            case .waiting: .waiting
            case .downloading: .working
            case .ready: .done
            case .error: .failed
            }
            parts.append(JobPart(name: names[i], state: state, bytesDone: done, bytesTotal: f.size))
        }
        if let working = parts.first(where: { $0.state == .working }) { ctx.started(working.name) }
        ctx.parts(parts)
    }

    /// Every URL done: each counted with the size of the file it made.
    func finish(_ created: [Metadata]) {
        var parts: [JobPart] = []
        for (i, m) in created.enumerated() {
            let size = m.size ?? 0
            if sized.withLock({ $0.insert(i).inserted }) { ctx.addTotals(bytes: size, files: 0) }
            ctx.fileDone("url-\(i)", bytes: size)
            parts.append(JobPart(name: m.name, state: .done, bytesDone: size, bytesTotal: size))
        }
        ctx.parts(parts)
    }
}

/// What a fetch accepts, and the name a URL gives its file when none is chosen.
public enum FetchURL {
    /// http or https with a host: the only URLs pCloud fetches.
    public static func isFetchable(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(url.host ?? "").isEmpty
    }

    /// The URL's last path component (decoded), else its host.
    public static func name(of text: String) -> String {
        guard let url = URL(string: text) else { return "download" }
        let last = url.lastPathComponent
        if !last.isEmpty, last != "/", last != ".", last != ".." { return last.replacingOccurrences(of: "\\", with: "_") }
        return url.host ?? "download"
    }
}
