package search

import (
	"slices"
	"strings"
	"sync"
)

// Index is an in-memory palette index. It is safe for concurrent use: any
// number of searches run while Add and Remove are called from other
// goroutines (a background loader filling it in batches, the TUI reacting
// to record changes).
//
// Storage is a slot array laid out for scanning: the hot per-slot data (a
// character mask and the position of the folded text in one shared byte
// arena) sits in small contiguous slices, so a scan streams through memory
// instead of chasing a pointer per item; the cold data (key and original
// strings) is only read for the few items that get scored.
//
// Slots are append-only. Replacing an item's text tombstones its slot and
// appends a new one, and removal tombstones. That keeps a session's
// remembered candidates valid across changes: candidates from slot numbers
// it has seen plus every slot appended since is a superset of the new
// matches (see Session). When tombstones pile up the index compacts,
// renumbering slots, and bumps its epoch so sessions forget old slot
// numbers.
type Index struct {
	mu sync.RWMutex

	masks []uint64 // per slot: characters present; 0 for a tombstone
	aux   []auxMasks
	meta  []slotMeta
	bnds  []slotBounds
	digs  []digitPairs // per slot: the secondary text's, see digits.go
	recs  []record
	text  []byte   // folded label+secondary of every slot, back to back
	strs  [][]byte // original strings, see cold.go

	keys    keyIndex
	objects []string          // interned object names; id 0 is ""
	objIDs  map[string]uint16 // name -> id
	post    postings

	live  int
	dead  int
	epoch uint64 // bumped by compaction, which renumbers slots
	// reboosts counts boosts changed in place (the slot and its text
	// stay), which reorder a remembered ranking without touching a slot
	// (see frame.repeats).
	reboosts uint64
}

// slotMeta is the hot part of a slot: everything a scan needs to rank an
// item without touching its record.
type slotMeta struct {
	off  uint32 // start of the folded label in text
	llen uint16 // folded label length; the secondary text follows it
	slen uint16
	flag uint8
	kind Kind
	obj  uint16
	olen uint16 // original label length in bytes (capped), a ranking key
	// lbon counts the positions of the label where fuzzy can award its
	// separator or camel bonus (capped), and lpair holds its character
	// pairs (see pairBit); see scoreBound. Here rather than in auxMasks
	// because a scan has this line in cache when it scores.
	lbon uint8
	// scamel is where the secondary text's first camel transition is
	// (capped at 255), so scoring need not fetch the original text before
	// it; lcamel (below, in what was padding) is the label's.
	scamel uint8
	lpair  uint32
	boost  int32
	// lbch is the label's bonus characters and lhead its first bytes,
	// which with lbon and lpair bound its score (see textBound).
	lbch   uint32
	lhead  [3]byte
	lcamel uint8 // see scamel ("Initech GmbH – Renewal": 11)
}

// slotBounds is what bounds the score of a slot's secondary text without
// reading it (see textBound), beside slotMeta's lengths: the characters
// that follow one of fuzzy's separators or are camels (see bonusBit), and
// its first three bytes. Apart from slotMeta because only the test for
// deferring reads it.
type slotBounds struct {
	sbch  uint32
	shead [3]byte
	// smulti and lmulti are the bonus characters of the secondary text
	// and the label found at more than one bonus position (bonusChars).
	smulti, lmulti uint32
}

const (
	flagDead     uint8 = 1 << iota
	flagNULLabel       // the label has a NUL byte, where fuzzy stops reading
	flagNULSec
	flagOddLabel // the folded label is not aligned with the original (see foldInfo)
	flagOddSec
	flagCamelLabel // the label has a lower→upper transition
	flagCamelSec
)

// auxMasks are further character sets (see maskBit) that let a scan bound
// an item's match quality before reading its text: a term whose first
// character is not in lword cannot start a label word, so the item cannot
// be a LabelWordPrefix (or better) match, and once the top-k list is full
// of such matches the item is skipped unread.
type auxMasks struct {
	label uint64 // characters of the label
	lword uint64 // first characters of label words (including byte 0)
	word  uint64 // first characters of label and secondary words
}

// maxText caps the searchable folded length of a label or secondary text.
// Longer texts are still stored whole; only the first maxText bytes are
// searched. Nobody types a query that needs the 65,536th byte of a label.
const maxText = 1<<16 - 1

// New returns an empty index.
func New() *Index {
	return &Index{
		keys:    newKeyIndex(),
		objects: []string{""},
		objIDs:  map[string]uint16{"": 0},
		post:    newPostings(),
	}
}

// Len returns the number of items in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Get returns the item stored under key.
func (ix *Index) Get(key string) (Item, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, ok := ix.lookup(key)
	if !ok {
		return Item{}, false
	}
	return ix.item(s), true
}

// item rebuilds the public Item of a slot. Callers hold the lock.
func (ix *Index) item(s uint32) Item {
	m := &ix.meta[s]
	return Item{
		Key: ix.key(s), Kind: m.kind, Object: ix.objects[m.obj],
		Label: ix.label(s), Secondary: ix.secondary(s), Boost: int(m.boost),
	}
}

// prepared is an item folded and analysed outside the write lock, so a
// loader adding a batch of 10,000 items holds the lock only for the copy.
type prepared struct {
	it         Item
	text       []byte // folded label then folded secondary
	llen, slen int
	mask       uint64
	aux        auxMasks
	flag       uint8
	keys       []uint64 // posting keys
	lbon       uint8
	lcamel     uint8
	scamel     uint8
	lpair      uint32
	lbch, sbch uint32
	// lmulti, smulti: see slotBounds.
	lmulti, smulti uint32
}

func prepare(it Item, buf []byte) prepared {
	p := prepared{it: it}
	label, sec := it.Label, it.Secondary
	// fuzzy ignores everything from a NUL on; so does the index.
	if i := strings.IndexByte(label, 0); i >= 0 {
		label = label[:i]
		p.flag |= flagNULLabel
	}
	if i := strings.IndexByte(sec, 0); i >= 0 {
		sec = sec[:i]
		p.flag |= flagNULSec
	}
	start := len(buf)
	buf, li := appendFold(buf, label)
	buf = truncateFolded(buf, start)
	p.llen = len(buf) - start
	mid := len(buf)
	buf, si := appendFold(buf, sec)
	buf = truncateFolded(buf, mid)
	p.slen = len(buf) - mid
	if !li.aligned || p.llen < len(label) {
		p.flag |= flagOddLabel
	}
	if !si.aligned || p.slen < len(sec) {
		p.flag |= flagOddSec
	}
	if li.camel {
		p.flag |= flagCamelLabel
	}
	if si.camel {
		p.flag |= flagCamelSec
	}
	p.text = buf[start:]
	lf, sf := p.text[:p.llen], p.text[p.llen:]
	p.mask = maskOf(p.text)
	p.aux.label = maskOf(lf)
	for i := range lf {
		if isWordStart(lf, i) {
			p.aux.lword |= maskBit(lf[i])
		}
	}
	p.aux.word = p.aux.lword
	for i := range sf {
		if isWordStart(sf, i) {
			p.aux.word |= maskBit(sf[i])
		}
	}
	p.keys = postingKeys(nil, lf, sf)
	p.lpair = pairMask(lf)
	p.lbon = bonusSlots(lf, li.camels)
	p.lcamel, p.scamel = uint8(min(li.camelAt, 255)), uint8(min(si.camelAt, 255))
	p.lbch, p.lmulti = bonusChars(lf, li.camelChars)
	p.sbch, p.smulti = bonusChars(sf, si.camelChars)
	return p
}

// truncateFolded cuts folded text appended after start to maxText bytes, at
// a rune boundary.
func truncateFolded(buf []byte, start int) []byte {
	if len(buf)-start <= maxText {
		return buf
	}
	end := start + maxText
	for end > start && buf[end]&0xC0 == 0x80 {
		end--
	}
	return buf[:end]
}

// Add inserts items, replacing any item with the same Key (upsert). A
// replacement that changes only Boost updates in place; one that changes
// the searchable text, kind or object moves the item to a new slot.
func (ix *Index) Add(items ...Item) {
	if len(items) == 0 {
		return
	}
	// Fold and analyse without the lock: this is most of the work.
	ps := make([]prepared, len(items))
	var buf []byte
	for i, it := range items {
		ps[i] = prepare(it, buf)
		buf = ps[i].text[len(ps[i].text):]
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	for i := range ps {
		ix.put(&ps[i])
	}
	ix.maybeCompact()
}

func (ix *Index) put(p *prepared) {
	it := p.it
	obj, ok := ix.objIDs[it.Object]
	if !ok {
		obj = uint16(len(ix.objects))
		if int(obj) != len(ix.objects) { // more than 65,535 objects
			obj = 0
		} else {
			ix.objects = append(ix.objects, it.Object)
			ix.objIDs[it.Object] = obj
		}
	}
	boost := int32(min(max(it.Boost, -1<<31), 1<<31-1))
	if s, ok := ix.lookup(it.Key); ok {
		m := &ix.meta[s]
		if ix.label(s) == it.Label && ix.secondary(s) == it.Secondary && m.kind == it.Kind && m.obj == obj {
			if m.boost != boost {
				m.boost = boost
				ix.reboosts++
			}
			return
		}
		ix.kill(s)
	}
	s := uint32(len(ix.masks))
	ix.masks = append(ix.masks, p.mask)
	ix.aux = append(ix.aux, p.aux)
	ix.meta = append(ix.meta, slotMeta{
		off: uint32(len(ix.text)), llen: uint16(p.llen), slen: uint16(p.slen),
		flag: p.flag, kind: it.Kind, obj: obj, olen: labelLen(it.Label), boost: boost,
		lbon: p.lbon, lcamel: p.lcamel, scamel: p.scamel, lpair: p.lpair, lbch: p.lbch, lhead: head(p.text[:p.llen]),
	})
	ix.bnds = append(ix.bnds, slotBounds{sbch: p.sbch, shead: head(p.text[p.llen:]), smulti: p.smulti, lmulti: p.lmulti})
	ix.digs = append(ix.digs, digitPairsOf(p.text[p.llen:]))
	ix.recs = append(ix.recs, ix.appendStrings(it.Key, it.Label, it.Secondary))
	ix.text = append(ix.text, p.text...)
	ix.post.add(s, p.keys)
	ix.setKey(it.Key, s)
	ix.live++
}

// Remove deletes the items with these keys; unknown keys are ignored.
func (ix *Index) Remove(keys ...string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, k := range keys {
		if s, ok := ix.lookup(k); ok {
			ix.deleteKey(k)
			ix.kill(s)
		}
	}
	ix.maybeCompact()
}

// kill tombstones a slot. A zero mask makes every scan reject it on the
// first comparison, so tombstones cost nothing to skip.
func (ix *Index) kill(s uint32) {
	ix.masks[s] = 0
	ix.meta[s].flag |= flagDead
	ix.live--
	ix.dead++
}

// maybeCompact drops tombstones once they are a quarter of the slots, so
// memory and scan time track the live item count under steady churn.
func (ix *Index) maybeCompact() {
	if ix.dead < 1024 || ix.dead*4 < len(ix.masks) {
		return
	}
	ix.compact()
}

func (ix *Index) compact() {
	n := ix.live
	masks := make([]uint64, 0, n)
	aux := make([]auxMasks, 0, n)
	meta := make([]slotMeta, 0, n)
	bnds := make([]slotBounds, 0, n)
	digs := make([]digitPairs, 0, n)
	recs := make([]record, 0, n)
	text := make([]byte, 0, len(ix.text))
	remap := make([]uint32, len(ix.masks))
	old := &Index{strs: ix.strs, recs: ix.recs}
	ix.strs = nil
	for s := range ix.masks {
		m := ix.meta[s]
		if m.flag&flagDead != 0 {
			remap[s] = ^uint32(0)
			continue
		}
		ns := uint32(len(masks))
		remap[s] = ns
		masks = append(masks, ix.masks[s])
		aux = append(aux, ix.aux[s])
		off := uint32(len(text))
		text = append(text, ix.text[m.off:m.off+uint32(m.llen)+uint32(m.slen)]...)
		m.off = off
		meta = append(meta, m)
		bnds = append(bnds, ix.bnds[s])
		digs = append(digs, ix.digs[s])
		slot := uint32(s)
		recs = append(recs, ix.appendStrings(old.key(slot), old.label(slot), old.secondary(slot)))
	}
	ix.masks, ix.aux, ix.meta, ix.bnds, ix.digs, ix.recs = masks, aux, meta, bnds, digs, recs
	ix.keys = newKeyIndex()
	for s := range ix.recs {
		ix.setKey(ix.key(uint32(s)), uint32(s))
	}
	ix.text = slices.Clip(text)
	ix.post.remap(remap)
	ix.dead = 0
	ix.epoch++
}

// fields returns the folded label and secondary text of a slot.
func (ix *Index) fields(s uint32) (label, sec []byte) { return ix.fieldsOf(&ix.meta[s]) }

// fieldsOf is fields for a slot's metadata (or its hot copy).
func (ix *Index) fieldsOf(m *slotMeta) (label, sec []byte) {
	l := ix.text[m.off : m.off+uint32(m.llen)]
	return l, ix.text[m.off+uint32(m.llen) : m.off+uint32(m.llen)+uint32(m.slen)]
}
