package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"rolo/model"
)

// metaCache is an immutable snapshot of the metadata. Readers take the
// pointer under s.mu and then use it without locks; reload builds a new one.
type metaCache struct {
	version int64
	objs    []*objState // in objects.position order
	byName  map[string]*objState
}

// objState is one cached object with the SQL derived from it.
type objState struct {
	obj model.Object
	id  int64
	sel *selectSpec
}

func (s *Store) meta() *metaCache {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cache
}

// state returns the cached object by name, or by label as Object does.
func (s *Store) state(name string) (*objState, error) { return s.meta().find(name) }

// find is state on this snapshot.
func (c *metaCache) find(name string) (*objState, error) {
	if st, ok := c.byName[name]; ok {
		return st, nil
	}
	for _, st := range c.objs {
		o := st.obj
		if strings.EqualFold(o.Name, name) || strings.EqualFold(o.Singular, name) || strings.EqualFold(o.Plural, name) {
			return st, nil
		}
	}
	return nil, c.unknownObject(name)
}

func (c *metaCache) unknownObject(name string) error {
	names := make([]string, len(c.objs))
	for i, st := range c.objs {
		names[i] = st.obj.Name
	}
	return fmt.Errorf("unknown object %q (expected one of %s)", name, strings.Join(names, ", "))
}

// lookupObject is the metadata lookup handed to the filter compiler.
func (c *metaCache) lookupObject(name string) (model.Object, bool) {
	st, ok := c.byName[name]
	if !ok {
		return model.Object{}, false
	}
	return st.obj, true
}

const metaVersionSQL = `SELECT value FROM meta WHERE key = 'metadata_version'`

func (s *Store) metaVersion(ctx context.Context, q querier) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, metaVersionSQL).Scan(&v)
	return v, err
}

// bumpMeta tells every process that metadata changed (see Refresh).
func bumpMeta(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'metadata_version'`)
	return err
}

// Refresh reloads the metadata if another process (or connection) changed
// it. It costs one indexed read when nothing changed, so the UI may call it
// on every tick.
func (s *Store) Refresh(ctx context.Context) error {
	rows, err := s.queryCached(ctx, metaVersionSQL)
	if err != nil {
		return err
	}
	var v int64
	if rows.Next() {
		err = rows.Scan(&v)
	}
	rows.Close()
	if err != nil {
		return err
	}
	if v == s.meta().version {
		return nil
	}
	return s.reload(ctx)
}

// reload reads all metadata. It reads the version before and after and
// retries if a writer slipped in between, instead of holding a read
// transaction (BEGIN would take the write lock under _txlock=immediate).
func (s *Store) reload(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		before, err := s.metaVersion(ctx, s.db)
		if err != nil {
			return err
		}
		c, err := loadMeta(ctx, s.db)
		if err != nil {
			return err
		}
		after, err := s.metaVersion(ctx, s.db)
		if err != nil {
			return err
		}
		if before != after && attempt < 5 {
			continue
		}
		c.version = after
		s.mu.Lock()
		old := s.cache
		s.cache = c
		s.mu.Unlock()
		if old != nil && old.version != c.version {
			s.stmts.reset()
		}
		return nil
	}
}

func loadMeta(ctx context.Context, db querier) (*metaCache, error) {
	c := &metaCache{byName: map[string]*objState{}}
	rows, err := db.QueryContext(ctx, `SELECT id, name, singular, plural, standard, hidden, label_field, shortcut
		FROM objects ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*objState{}
	for rows.Next() {
		st := &objState{}
		o := &st.obj
		if err := rows.Scan(&st.id, &o.Name, &o.Singular, &o.Plural, &o.Standard, &o.Hidden, &o.LabelField, &o.Shortcut); err != nil {
			rows.Close()
			return nil, err
		}
		o.ID = st.id
		c.objs = append(c.objs, st)
		c.byName[o.Name] = st
		byID[st.id] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	opts := map[int64][]model.SelectOption{}
	rows, err = db.QueryContext(ctx, `SELECT field_id, value, label, color, position FROM select_options ORDER BY field_id, position, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var fid int64
		var o model.SelectOption
		if err := rows.Scan(&fid, &o.Value, &o.Label, &o.Color, &o.Position); err != nil {
			rows.Close()
			return nil, err
		}
		opts[fid] = append(opts[fid], o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = db.QueryContext(ctx, `SELECT id, object_id, name, label, type, position, required, is_unique,
		hidden, standard, system, target, inverse_label FROM fields ORDER BY object_id, position, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var f model.Field
		var oid int64
		var typ string
		if err := rows.Scan(&f.ID, &oid, &f.Name, &f.Label, &typ, &f.Position, &f.Required, &f.Unique,
			&f.Hidden, &f.Standard, &f.System, &f.Target, &f.InverseLabel); err != nil {
			rows.Close()
			return nil, err
		}
		st := byID[oid]
		if st == nil {
			continue
		}
		f.Type = model.FieldType(typ)
		f.Object = st.obj.Name
		f.Options = opts[f.ID]
		st.obj.Fields = append(st.obj.Fields, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, st := range c.objs {
		st.sel = buildSelect(c, st)
	}
	return c, nil
}

// copyObject returns a deep copy, so callers cannot change the cache.
func copyObject(o model.Object) model.Object {
	fs := make([]model.Field, len(o.Fields))
	for i, f := range o.Fields {
		if f.Options != nil {
			f.Options = append([]model.SelectOption(nil), f.Options...)
		}
		fs[i] = f
	}
	o.Fields = fs
	return o
}

// Objects lists every object (standard first, then custom in creation
// order). The result is a copy.
func (s *Store) Objects() []model.Object {
	c := s.meta()
	out := make([]model.Object, len(c.objs))
	for i, st := range c.objs {
		out[i] = copyObject(st.obj)
	}
	return out
}

// Object finds an object by name, or by its singular or plural label
// (case-insensitive): "people", "Person" and "person" all find people.
func (s *Store) Object(name string) (model.Object, error) {
	st, err := s.state(name)
	if err != nil {
		return model.Object{}, err
	}
	return copyObject(st.obj), nil
}

// Inverse lists the relation fields of other objects (and of the object
// itself) that point at object: the one-to-many side, e.g. people.company
// and opportunities.company for companies.
func (s *Store) Inverse(object string) []model.Field {
	var out []model.Field
	for _, st := range s.meta().objs {
		for _, f := range st.obj.Fields {
			if f.Type == model.TypeRelation && f.Target == object {
				out = append(out, f)
			}
		}
	}
	return out
}
