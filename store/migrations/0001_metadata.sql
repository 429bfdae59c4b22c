-- Migration 1: rolo's own tables. Records live in one table per object
-- (obj_<name>), created from Go by the same code that creates custom objects.

-- meta holds workspace-wide counters; metadata_version is bumped by every
-- change to objects, fields or options so other processes know to reload.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('metadata_version', 1);

CREATE TABLE objects (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	singular    TEXT NOT NULL,
	plural      TEXT NOT NULL,
	standard    INTEGER NOT NULL DEFAULT 0,
	hidden      INTEGER NOT NULL DEFAULT 0,
	label_field TEXT NOT NULL,
	shortcut    TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL
);

CREATE TABLE fields (
	id            INTEGER PRIMARY KEY,
	object_id     INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
	name          TEXT NOT NULL,
	label         TEXT NOT NULL,
	type          TEXT NOT NULL,
	position      INTEGER NOT NULL,
	required      INTEGER NOT NULL DEFAULT 0,
	is_unique     INTEGER NOT NULL DEFAULT 0,
	hidden        INTEGER NOT NULL DEFAULT 0,
	standard      INTEGER NOT NULL DEFAULT 0,
	system        INTEGER NOT NULL DEFAULT 0,
	target        TEXT NOT NULL DEFAULT '',
	inverse_label TEXT NOT NULL DEFAULT '',
	UNIQUE (object_id, name)
);
CREATE INDEX fields_target ON fields (target) WHERE target <> '';

CREATE TABLE select_options (
	id       INTEGER PRIMARY KEY,
	field_id INTEGER NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
	value    TEXT NOT NULL,
	label    TEXT NOT NULL,
	color    TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,
	UNIQUE (field_id, value)
);

CREATE TABLE members (
	id     INTEGER PRIMARY KEY,
	login  TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name   TEXT NOT NULL DEFAULT '',
	email  TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
	active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE pipelines (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
	position INTEGER NOT NULL
);

CREATE TABLE stages (
	id          INTEGER PRIMARY KEY,
	pipeline_id INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	color       TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL,
	kind        TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'incoming', 'won', 'lost'))
);
CREATE UNIQUE INDEX stages_name ON stages (pipeline_id, name COLLATE NOCASE);
CREATE INDEX stages_position ON stages (pipeline_id, position);

-- events is the change log read by the timeline, webhooks and automations.
-- old/new hold values in model.FormatText form.
CREATE TABLE events (
	id        INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	actor     INTEGER NOT NULL DEFAULT 0,
	object    TEXT NOT NULL,
	record_id INTEGER NOT NULL DEFAULT 0,
	kind      TEXT NOT NULL,
	field     TEXT NOT NULL DEFAULT '',
	old       TEXT NOT NULL DEFAULT '',
	new       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_record ON events (object, record_id, id);
