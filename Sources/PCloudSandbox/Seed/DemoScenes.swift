import Foundation
import GRDB

/// What makes each screen of a fresh demo show what it is for: a few items in alice's trash,
/// a file with revisions, a public link that has been downloaded, an upload link, a
/// collection, and a share bob offers alice that she can accept.
enum DemoScenes {
    static func add(alice: UserRow, store: Store, region: Region) async throws {
        @discardableResult
        func put(_ path: String, _ text: String, as user: UserRow = alice) async throws -> FileRow {
            try await DemoSeed.put(path, Data(text.utf8), as: user, store: store, region: region)
        }

        // Revisions: the todo list was written three times.
        let todo = "/Documents/Notes/todo.md"
        try await put(todo, "# Todo\n\n- [ ] try pcmd\n")
        try await put(todo, "# Todo\n\n- [x] try pcmd\n- [ ] share a folder\n")
        try await put(todo, "# Todo\n\n- [x] try pcmd\n- [ ] share a folder with bob@example.com\n")

        // The trash: a photo, a document and a folder, each from a folder that still exists.
        let blurry = try await DemoSeed.put("/Photos/blurry shot.png", PNG.gradient(width: 32, height: 24, seed: 42),
                                            as: alice, store: store, region: region)
        let draft = try await put("/Documents/old draft.txt", "A first draft, replaced by the reports.\n")
        try await put("/Projects/prototype/main.swift", "print(\"prototype\")\n")
        try await put("/Projects/prototype/NOTES.md", "Superseded by pcmd.\n")

        let bob = try await store.read { db in
            try UserRow.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [DemoSeed.accounts[1].email])
        }
        var plansFolder: Int64?
        if let bob { plansFolder = try await put("/Team plans/plan.md", "# Next quarter\n\n- ship pcmd\n", as: bob).parentid }
        let teamPlans = plansFolder

        try await store.write { db in
            let t = try Tree(db: db, user: alice)
            _ = try t.trash(file: blurry)
            _ = try t.trash(file: draft)
            _ = try t.trash(folder: try t.folder(path: "/Projects/prototype"))

            let now = Dates.now()
            // A public link to the holiday photos, downloaded a few times.
            let holiday = try t.folder(path: "/Photos/Holiday 2025")
            var link = PublinkRow(code: Tokens.random(length: 40), ownerid: alice.uid, folderid: holiday.fid, created: now, modified: now)
            link.downloads = 7
            link.traffic = 7 * 24 * 9_300
            link.shortcode = try PublicLinkMethods.newShortcode(db)
            try link.insert(db)

            // An upload link: friends drop their photos into /Photos.
            var upload = UploadLinkRow(code: Tokens.random(length: 30), ownerid: alice.uid, folderid: try t.folder(path: "/Photos").fid,
                                       comment: "Send me your holiday photos", created: now, modified: now)
            try upload.insert(db)

            // A collection of a few tracks.
            var trip = CollectionRow(ownerid: alice.uid, name: "Summer mix", type: 1, system: false, created: now, modified: now)
            try trip.insert(db)
            for (i, n) in [1, 4, 7, 12].enumerated() {
                let track = try t.file(path: String(format: "/🎵 Music/track%02d.mp3", n))
                try db.execute(sql: "INSERT INTO collectionitems (collectionid, fileid, position, added) VALUES (?, ?, ?, ?)",
                               arguments: [trip.id, track.fid, i + 1, now])
            }

            // bob offers alice his team folder.
            if let bob, let teamPlans {
                var offer = ShareRow(fromuserid: bob.uid, touserid: alice.uid, tomail: alice.email, folderid: teamPlans,
                                     permissions: 3, name: "Team plans", message: "Plans for the next quarter: add yours",
                                     code: Tokens.random(length: 32), created: now, expires: now + 30 * 86400)
                try offer.insert(db)
                try ShareEvents.record("request", offer, db: db)
            }
        }
    }
}
