-- Saved views: a named filter + sort + column set of one object. Columns
-- and sorts are JSON so a view can name any field, custom ones included.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    object     TEXT NOT NULL,
    name       TEXT NOT NULL,
    filter     TEXT NOT NULL DEFAULT '',
    sorts      TEXT NOT NULL DEFAULT '[]',
    columns    TEXT NOT NULL DEFAULT '[]',
    is_default INTEGER NOT NULL DEFAULT 0,
    position   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (object, name)
);

-- Favorites are per member, ordered, optionally in a folder. A favorite
-- points at a record (object + record_id) or at a saved view (view_id).
CREATE TABLE favorites (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    object    TEXT NOT NULL DEFAULT '',
    record_id INTEGER,
    view_id   INTEGER REFERENCES saved_views(id) ON DELETE CASCADE,
    folder    TEXT NOT NULL DEFAULT '',
    position  REAL NOT NULL,
    UNIQUE (member_id, object, record_id, view_id)
);
CREATE INDEX favorites_member ON favorites(member_id, position);

-- Recently opened records per member, for the palette's empty query.
CREATE TABLE recents (
    member_id INTEGER NOT NULL,
    object    TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, object, record_id)
);
CREATE INDEX recents_member ON recents(member_id, opened_at);
