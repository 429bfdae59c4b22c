package search

import (
	"hash/maphash"
	"unsafe"
)

// Cold storage: the original key, label and secondary text of every slot,
// and the key → slot lookup, kept free of Go pointers.
//
// A million items held as strings (three per record, plus a map keyed by
// string) give the garbage collector some four million pointers to chase on
// every cycle: about 80 ms of marking on two cores at a million items,
// during which palette keystrokes ran at half speed. Stored as bytes in
// chunks, with records of offsets and a map from key hashes to slots,
// the whole index costs a cycle a few milliseconds.

// strChunk is the size of a chunk of the string arena. Chunks are never
// reallocated, so growing the arena copies nothing.
const strChunk = 1 << 20

// record locates a slot's original strings: key, label and secondary text,
// back to back in one chunk of Index.strs.
type record struct {
	chunk, off       uint32
	klen, llen, slen uint32
}

// appendStrings stores the three strings of an item and returns their record.
func (ix *Index) appendStrings(key, label, sec string) record {
	n := len(key) + len(label) + len(sec)
	last := len(ix.strs) - 1
	if last < 0 || cap(ix.strs[last])-len(ix.strs[last]) < n {
		ix.strs = append(ix.strs, make([]byte, 0, max(strChunk, n)))
		last++
	}
	c := ix.strs[last]
	r := record{chunk: uint32(last), off: uint32(len(c)),
		klen: uint32(len(key)), llen: uint32(len(label)), slen: uint32(len(sec))}
	c = append(c, key...)
	c = append(c, label...)
	ix.strs[last] = append(c, sec...)
	return r
}

// str returns n bytes of chunk c from off as a string without copying. The
// bytes are never written again once appended (chunks only grow within
// their capacity, and compaction builds new chunks), so the string stays
// valid and immutable; it keeps its chunk alive while it is referenced.
func (ix *Index) str(c, off, n uint32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&ix.strs[c][off], n)
}

func (ix *Index) key(s uint32) string {
	r := &ix.recs[s]
	return ix.str(r.chunk, r.off, r.klen)
}

func (ix *Index) label(s uint32) string {
	r := &ix.recs[s]
	return ix.str(r.chunk, r.off+r.klen, r.llen)
}

func (ix *Index) secondary(s uint32) string {
	r := &ix.recs[s]
	return ix.str(r.chunk, r.off+r.klen+r.llen, r.slen)
}

// keyHash hashes a key for keyIndex; a variable so tests can force
// collisions.
var keyHash = maphash.String

// keyIndex maps keys to slots through their 64-bit hashes, checking the
// slot's stored key on every hit. A key whose hash is already taken by a
// different live key (with maphash, practically never) goes to spill.
type keyIndex struct {
	seed  maphash.Seed
	slots map[uint64]uint32
	spill map[string]uint32
}

func newKeyIndex() keyIndex {
	return keyIndex{seed: maphash.MakeSeed(), slots: map[uint64]uint32{}, spill: map[string]uint32{}}
}

func (ix *Index) lookup(key string) (uint32, bool) {
	if len(ix.keys.spill) > 0 {
		if s, ok := ix.keys.spill[key]; ok {
			return s, true
		}
	}
	s, ok := ix.keys.slots[keyHash(ix.keys.seed, key)]
	if !ok || ix.key(s) != key {
		return 0, false
	}
	return s, true
}

// setKey points key at slot s.
func (ix *Index) setKey(key string, s uint32) {
	if _, ok := ix.keys.spill[key]; ok {
		ix.keys.spill[key] = s
		return
	}
	h := keyHash(ix.keys.seed, key)
	if old, ok := ix.keys.slots[h]; ok && ix.key(old) != key {
		ix.keys.spill[key] = s
		return
	}
	ix.keys.slots[h] = s
}

// deleteKey forgets key.
func (ix *Index) deleteKey(key string) {
	if _, ok := ix.keys.spill[key]; ok {
		delete(ix.keys.spill, key)
		return
	}
	h := keyHash(ix.keys.seed, key)
	if s, ok := ix.keys.slots[h]; ok && ix.key(s) == key {
		delete(ix.keys.slots, h)
	}
}
