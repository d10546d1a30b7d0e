// The .bpfsnap file: one SQLite database (docs/snapshot-format.md). Entries are stored as the batch read returns
// them, in packed chunks; the `entries` view expands them into one row per key (and CPU) for any SQLite tool.

/** Bumped when a reader of the previous version could not read the file right. */
export const FORMAT_VERSION = 1;
/** The application_id in the SQLite header ("bpfs"), so `file` and readers can tell a snapshot from other databases. */
export const APPLICATION_ID = 0x62706673;
/** Entries per chunk row: a batch read is cut into pieces of at most this many keys. */
export const CHUNK_ENTRIES = 65536;

export const SCHEMA = `
PRAGMA page_size = 65536;
PRAGMA application_id = ${APPLICATION_ID};
PRAGMA user_version = ${FORMAT_VERSION};
PRAGMA journal_mode = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes (
  path TEXT PRIMARY KEY, parent TEXT NOT NULL, name TEXT NOT NULL, seq INTEGER NOT NULL,
  kind TEXT NOT NULL, mode INTEGER NOT NULL, uid INTEGER NOT NULL, gid INTEGER NOT NULL, nlink INTEGER NOT NULL,
  target TEXT, object_kind TEXT, object_id INTEGER, no_access TEXT, preloaded TEXT);
CREATE TABLE objects (
  kind TEXT NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, tag TEXT,
  info TEXT NOT NULL, pins TEXT NOT NULL, holders TEXT NOT NULL,
  xlated BLOB, xlated_map_ids TEXT, call_names TEXT,
  entries_state TEXT, entries_error TEXT, entry_count INTEGER,
  PRIMARY KEY (kind, id));
CREATE TABLE btf (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE entry_chunks (
  map_id INTEGER NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL,
  key_size INTEGER NOT NULL, value_size INTEGER NOT NULL, cpus INTEGER NOT NULL, cpu_value_size INTEGER NOT NULL,
  keys BLOB NOT NULL, vals BLOB NOT NULL,
  PRIMARY KEY (map_id, seq));
CREATE VIEW entries AS
WITH RECURSIVE
  i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < (SELECT max(count) FROM entry_chunks)),
  c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n + 1 < (SELECT max(max(cpus), 1) FROM entry_chunks))
SELECT e.map_id AS map_id, e.seq * ${CHUNK_ENTRIES} + i.n AS idx,
  substr(e.keys, i.n * e.key_size + 1, e.key_size) AS key,
  CASE WHEN e.cpus > 0 THEN c.n END AS cpu,
  substr(e.vals, i.n * e.value_size + c.n * (e.value_size / max(e.cpus, 1)) + 1, e.cpu_value_size) AS value
FROM entry_chunks e JOIN i ON i.n < e.count JOIN c ON c.n < max(e.cpus, 1);
`;

/** meta keys. */
export type MetaKey =
  | 'format_version'
  | 'host'
  | 'kernel'
  | 'engine'
  | 'mount_point'
  | 'possible_cpus'
  | 'mounts'
  | 'captured_at'
  | 'bpfscope_version'
  | 'maps'
  | 'max_entries';
