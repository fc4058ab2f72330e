import Foundation
import PCloudAPI

/// Where a folder known only by its id is: the trash names an item's `origparentfolderid`,
/// and a listing by id carries no path (structures.md: `path` only when addressed by path).
public enum FolderPlace: Sendable, Hashable {
    case path(String)
    /// The folder (or one above it) is deleted too, or no longer exists (2005).
    case deleted
    /// It could not be asked (no permission, the network); nothing is known.
    case unknown
}

extension CloudDrive {
    /// The paths of `folderids`, found by walking up their parents: one `listfolder` (without
    /// files) per distinct folder on the way, each asked once however many items name it, a
    /// level's folders at the same time; none for the root.
    public func folderPlaces(_ folderids: Set<Int>) async -> [Int: FolderPlace] {
        enum Node { case named(String, parent: Int), at(String), deleted, failed }
        var nodes: [Int: Node] = [:]
        var ask = folderids.subtracting([0])
        while !ask.isEmpty {
            var answers = await listFolders(ask)
            // A folder that could not be asked (a dropped connection, a busy server) gets a
            // second chance before the screen says "(unknown folder)".
            let failed = Set(answers.compactMap { id, answer -> Int? in
                if case .failure(let e) = answer, e.code != 2005, e.category != .notFound { return id }
                return nil
            })
            if !failed.isEmpty { answers = answers.filter { !failed.contains($0.0) } + (await listFolders(failed)) }
            for (id, answer) in answers {
                switch answer {
                case .success(let m) where m.isdeleted: nodes[id] = .deleted
                case .success(let m) where m.path != nil: nodes[id] = .at(m.path!)
                case .success(let m):
                    let parent = m.parentfolderid ?? 0
                    nodes[id] = .named(m.name, parent: parent)
                case .failure(let e) where e.code == 2005 || e.category == .notFound: nodes[id] = .deleted
                case .failure: nodes[id] = .failed
                }
            }
            // Next, the parents no level has asked about yet.
            ask = Set(nodes.values.compactMap { node in
                if case .named(_, let parent) = node, parent != 0, nodes[parent] == nil { return parent }
                return nil
            })
        }
        var places: [Int: FolderPlace] = [0: .path("/")]
        func place(_ id: Int) -> FolderPlace {
            if let p = places[id] { return p }
            places[id] = .unknown   // a parent loop ends here rather than recursing forever
            let p: FolderPlace = switch nodes[id] {
            case .at(let path): .path(path)
            case .named(let name, let parent):
                if case .path(let up) = place(parent) { .path(Names.join(up, name)) } else { place(parent) }
            case .deleted: .deleted
            case .failed, nil: .unknown
            }
            places[id] = p
            return p
        }
        return Dictionary(uniqueKeysWithValues: folderids.map { ($0, place($0)) })
    }

    /// One `listfolder` without files per folder, all at the same time.
    private func listFolders(_ ids: Set<Int>) async -> [(Int, Result<Metadata, CommanderError>)] {
        await withTaskGroup(of: (Int, Result<Metadata, CommanderError>).self) { group in
            for id in ids {
                group.addTask { [client] in
                    do { return (id, .success(try await client.listFolder(.id(id), options: ListOptions(nofiles: true)))) }
                    catch { return (id, .failure(CommanderError.from(error))) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
