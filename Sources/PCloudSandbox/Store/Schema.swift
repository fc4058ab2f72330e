import GRDB

enum Schema {
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    password TEXT NOT NULL,
                    rootid INTEGER NOT NULL,
                    quota INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    emailverified BOOLEAN NOT NULL);
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    token TEXT NOT NULL UNIQUE,
                    userid INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    device TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    inactiveexpire INTEGER NOT NULL,
                    lastused INTEGER NOT NULL);
                CREATE TABLE folders (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ownerid INTEGER NOT NULL,
                    parentid INTEGER,
                    name TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL,
                    deleted BOOLEAN NOT NULL DEFAULT 0,
                    trashtop BOOLEAN NOT NULL DEFAULT 0,
                    deletedat INTEGER);
                CREATE UNIQUE INDEX folders_live_name ON folders(parentid, name) WHERE deleted = 0;
                CREATE INDEX folders_parent ON folders(parentid);
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ownerid INTEGER NOT NULL,
                    parentid INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    blob TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    hash INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL,
                    deleted BOOLEAN NOT NULL DEFAULT 0,
                    trashtop BOOLEAN NOT NULL DEFAULT 0,
                    deletedat INTEGER);
                CREATE UNIQUE INDEX files_live_name ON files(parentid, name) WHERE deleted = 0;
                CREATE INDEX files_parent ON files(parentid);
                CREATE INDEX files_owner ON files(ownerid, deleted);
                CREATE TABLE blobs (
                    key TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    sha1 TEXT NOT NULL,
                    md5 TEXT,
                    sha256 TEXT,
                    hash INTEGER NOT NULL);
                CREATE TABLE revisions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fileid INTEGER NOT NULL,
                    blob TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    hash INTEGER NOT NULL,
                    created INTEGER NOT NULL);
                CREATE INDEX revisions_file ON revisions(fileid);
                CREATE TABLE publinks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    code TEXT NOT NULL UNIQUE,
                    ownerid INTEGER NOT NULL,
                    fileid INTEGER,
                    folderid INTEGER,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL,
                    expires INTEGER,
                    maxdownloads INTEGER,
                    maxtraffic INTEGER,
                    downloads INTEGER NOT NULL DEFAULT 0,
                    traffic INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE contentlinks (
                    code TEXT PRIMARY KEY,
                    blob TEXT NOT NULL,
                    name TEXT NOT NULL,
                    expires INTEGER NOT NULL,
                    contenttype TEXT NOT NULL,
                    forcedownload BOOLEAN NOT NULL);
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userid INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    time INTEGER NOT NULL,
                    item TEXT NOT NULL);
                CREATE INDEX events_user ON events(userid, id);
                -- Separate, recognisable id ranges catch clients that mix up fileids and folderids.
                INSERT INTO sqlite_sequence(name, seq) VALUES ('folders', 1000), ('files', 5000000), ('events', 100);
                """)
        }
        m.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN tfacode TEXT;
                CREATE TABLE uploads (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userid INTEGER NOT NULL,
                    created INTEGER NOT NULL);
                INSERT INTO sqlite_sequence(name, seq) VALUES ('uploads', 7000);
                """)
        }
        m.registerMigration("v3") { db in
            try db.execute(sql: """
                ALTER TABLE publinks ADD COLUMN shortcode TEXT;
                ALTER TABLE publinks ADD COLUMN treename TEXT;
                ALTER TABLE publinks ADD COLUMN treefileids TEXT;
                ALTER TABLE publinks ADD COLUMN treefolderids TEXT;
                ALTER TABLE publinks ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT 0;
                CREATE UNIQUE INDEX publinks_short ON publinks(shortcode);
                """)
        }
        m.registerMigration("v4") { db in
            try db.execute(sql: """
                CREATE TABLE shares (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    shareid INTEGER UNIQUE,
                    fromuserid INTEGER NOT NULL,
                    touserid INTEGER,
                    tomail TEXT NOT NULL COLLATE NOCASE,
                    folderid INTEGER NOT NULL,
                    permissions INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    message TEXT,
                    code TEXT NOT NULL UNIQUE,
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    accepted BOOLEAN NOT NULL DEFAULT 0,
                    mountid INTEGER,
                    mountname TEXT);
                CREATE INDEX shares_to ON shares(touserid, accepted);
                CREATE INDEX shares_folder ON shares(folderid);
                INSERT INTO sqlite_sequence(name, seq) VALUES ('shares', 9000);
                """)
        }
        m.registerMigration("v5") { db in
            try db.execute(sql: """
                CREATE TABLE uploadlinks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    code TEXT NOT NULL UNIQUE,
                    ownerid INTEGER NOT NULL,
                    folderid INTEGER NOT NULL,
                    comment TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL,
                    expires INTEGER,
                    maxspace INTEGER,
                    maxfiles INTEGER,
                    files INTEGER NOT NULL DEFAULT 0,
                    space INTEGER NOT NULL DEFAULT 0,
                    deleted BOOLEAN NOT NULL DEFAULT 0);
                INSERT INTO sqlite_sequence(name, seq) VALUES ('uploadlinks', 300);
                """)
        }
        m.registerMigration("v6") { db in
            try db.execute(sql: """
                CREATE TABLE collections (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ownerid INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    type INTEGER NOT NULL,
                    system BOOLEAN NOT NULL DEFAULT 0,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL);
                CREATE TABLE collectionitems (
                    collectionid INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                    fileid INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    added INTEGER NOT NULL,
                    PRIMARY KEY (collectionid, fileid));
                INSERT INTO sqlite_sequence(name, seq) VALUES ('collections', 40);
                """)
        }
        m.registerMigration("v7") { db in
            // Used quota kept by triggers: summing every file on each write made uploads into
            // big accounts slow down as they grew.
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN usedquota INTEGER NOT NULL DEFAULT 0;
                UPDATE users SET usedquota = (SELECT COALESCE(SUM(size), 0) FROM files WHERE ownerid = users.id AND deleted = 0);
                CREATE TRIGGER files_quota_insert AFTER INSERT ON files WHEN NEW.deleted = 0 BEGIN
                    UPDATE users SET usedquota = usedquota + NEW.size WHERE id = NEW.ownerid; END;
                CREATE TRIGGER files_quota_delete AFTER DELETE ON files WHEN OLD.deleted = 0 BEGIN
                    UPDATE users SET usedquota = usedquota - OLD.size WHERE id = OLD.ownerid; END;
                CREATE TRIGGER files_quota_update AFTER UPDATE OF size, deleted, ownerid ON files BEGIN
                    UPDATE users SET usedquota = usedquota - (CASE WHEN OLD.deleted = 0 THEN OLD.size ELSE 0 END) WHERE id = OLD.ownerid;
                    UPDATE users SET usedquota = usedquota + (CASE WHEN NEW.deleted = 0 THEN NEW.size ELSE 0 END) WHERE id = NEW.ownerid; END;
                """)
        }
        return m
    }
}
