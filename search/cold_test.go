package search

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// TestKeyIndexSurvivesCollisions makes every key of the same length hash
// alike, then upserts, renames, removes and compacts, checking that every
// key still finds its own item and removed keys find nothing.
func TestKeyIndexSurvivesCollisions(t *testing.T) {
	defer func(h func(maphash.Seed, string) uint64) { keyHash = h }(keyHash)
	keyHash = func(_ maphash.Seed, s string) uint64 { return uint64(len(s)) }

	ix := New()
	want := map[string]string{} // key -> label
	for i := range 3000 {
		k := fmt.Sprintf("p:%04d", i) // all six bytes long: one hash
		want[k] = fmt.Sprint("Person ", i)
		ix.Add(Item{Key: k, Label: want[k], Secondary: "x"})
	}
	for i := 0; i < 3000; i += 3 {
		k := fmt.Sprintf("p:%04d", i)
		want[k] = fmt.Sprint("Renamed ", i)
		ix.Add(Item{Key: k, Label: want[k]})
	}
	for i := 1; i < 3000; i += 2 { // enough tombstones to compact
		k := fmt.Sprintf("p:%04d", i)
		ix.Remove(k)
		delete(want, k)
	}
	if ix.epoch == 0 {
		t.Fatal("no compaction happened; the test needs one")
	}
	if ix.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(want))
	}
	for i := range 3000 {
		k := fmt.Sprintf("p:%04d", i)
		it, ok := ix.Get(k)
		if w, live := want[k]; ok != live || ok && (it.Key != k || it.Label != w) {
			t.Fatalf("Get(%q) = %+v %v, want label %q live %v", k, it, ok, w, live)
		}
	}
}

// TestStringsOutliveCompaction keeps an Item from a search across a
// compaction (which moves every string to a new arena) and checks its
// strings are intact.
func TestStringsOutliveCompaction(t *testing.T) {
	ix := New()
	for i := range 2000 {
		ix.Add(Item{Key: fmt.Sprint("k", i), Label: fmt.Sprint("Label ", i), Secondary: fmt.Sprint("sec ", i)})
	}
	it, _ := ix.Get("k1999")
	for i := range 1500 {
		ix.Remove(fmt.Sprint("k", i))
	}
	if ix.epoch == 0 {
		t.Fatal("no compaction happened; the test needs one")
	}
	ix.Add(Item{Key: "new", Label: "Something else entirely"})
	if it.Key != "k1999" || it.Label != "Label 1999" || it.Secondary != "sec 1999" {
		t.Fatalf("item changed under compaction: %+v", it)
	}
	if got, _ := ix.Get("k1999"); got != it {
		t.Fatalf("after compaction Get = %+v, want %+v", got, it)
	}
}
