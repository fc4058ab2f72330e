import Foundation

/// Whole-tree listing within the live service's limits (REAL-SERVICE §6): the root is never
/// listed recursively; each top-level folder is, and a folder whose recursive listing answers
/// 5000 (too big or too deep) is listed one level at a time instead. The Crypto Folder is not
/// entered (§9): it comes back without `contents`, reported in `locked`.
extension PCloudClient {
    public struct FolderTree: Sendable {
        public var root: Metadata
        /// Folders left unlisted because their content is encrypted.
        public var locked: [Metadata]
    }

    public func listTree(_ folderid: Int = 0, options: ListOptions = ListOptions()) async throws -> FolderTree {
        var flat = options
        flat.recursive = false
        var root = try await listFolder(folderid, options: flat)
        var locked: [Metadata] = []
        root.contents = try await expand(root.contents ?? [], options: options, locked: &locked, recursiveAllowed: true,
                                         ancestors: [root.itemID])
        return FolderTree(root: root, locked: locked)
    }

    /// Fills `contents` of every folder in `entries`. `ancestors`: the folders above, so that a
    /// folder listed inside itself (a hostile answer) ends the walk rather than repeating it.
    func expand(_ entries: [Metadata], options: ListOptions, locked: inout [Metadata],
                recursiveAllowed: Bool, ancestors: Set<Int>) async throws -> [Metadata] {
        var out = entries
        var vanished: [Int] = []
        for i in out.indices where out[i].isfolder {
            if out[i].isCryptoLocked { locked.append(out[i]); continue }
            let id = out[i].itemID
            if recursiveAllowed {
                var deep = options
                deep.recursive = true
                do {
                    let listed = try await listFolder(.id(id), options: deep, retrying: false)
                    out[i].contents = try await pruneLocked(listed.contents ?? [], locked: &locked)
                    continue
                } catch let e as PCloudError where e.code == 2005 {
                    vanished.append(i)
                    continue
                } catch let e as PCloudError where e.category == .transient || e.category == .rateLimited {
                    // 5000: too big or too deep for one call. Any other passing trouble is
                    // also best met folder by folder, each call with its own retries.
                }
            }
            guard !ancestors.contains(id) else {
                throw PCloudError.malformed("listfolder", "folder \(id) is listed inside itself")
            }
            var flat = options
            flat.recursive = false
            do {
                let listed = try await listFolder(id, options: flat)
                out[i].contents = try await expand(listed.contents ?? [], options: options, locked: &locked,
                                                   recursiveAllowed: false, ancestors: ancestors.union([id]))
            } catch let e as PCloudError where e.code == 2005 {
                vanished.append(i)  // deleted since its parent was listed
            }
        }
        for i in vanished.reversed() { out.remove(at: i) }
        return out
    }

    /// Drops the contents of a Crypto Folder found inside a recursive listing.
    func pruneLocked(_ entries: [Metadata], locked: inout [Metadata]) async throws -> [Metadata] {
        var out = entries
        for i in out.indices where out[i].isfolder {
            if out[i].isCryptoLocked {
                out[i].contents = nil
                locked.append(out[i])
            } else if let c = out[i].contents {
                out[i].contents = try await pruneLocked(c, locked: &locked)
            }
        }
        return out
    }
}
