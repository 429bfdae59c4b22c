// Package search is the fuzzy matching engine behind the Ctrl+K command
// palette. It is pure Go and knows nothing of the store or the TUI: the
// store feeds it Items (records, go-to entries, actions) and the palette
// asks it for ranked Matches on every keystroke.
//
// # Use
//
//	ix := search.New()
//	ix.Add(items...)                  // upsert by Key; a loader may call this in batches
//	ix.Remove("people:42")
//	s := ix.NewSession()              // when the palette opens
//	s.SearchAsync(q, opt, deliver)    // per keystroke; cancels the previous search
//	s.Close()                         // when it closes
//
// Session.Search is the synchronous variant (fine up to a few hundred
// thousand items), Index.Search a one-off search without narrowing.
//
// # Matching
//
// A query is split on whitespace into words; an item matches when every
// word is a fuzzy subsequence (sahilm/fuzzy semantics: case-insensitive,
// characters in order, gaps allowed) of its Label or of its Secondary text.
// So "jane d", "doe jane" and "jane acme" (a name and an employer) all find
// Jane Doe of Acme. Typing more can only remove matches, which is what makes
// narrowing (below) correct.
//
// # Ranking
//
// Matches are ordered by, in turn:
//
//  1. Quality, the class of the match (see Quality): an exact label match,
//     then the label starting with the query, a label word starting with
//     it, a word of the secondary text starting with it, the query inside
//     the label, inside the secondary text, scattered in the label,
//     scattered in the secondary text. For several words the quality is
//     that of the worst word, raised to prefix or word-prefix when the
//     whole phrase occurs there in the label ("jane d" → "Jane Doe").
//     Label beats secondary within every kind of match; across kinds, a
//     word start in the secondary text (the "acme" of jane@acme.com)
//     deliberately beats a scattered label hit ("Amy Chase-Merle"), which
//     is noise next to it.
//  2. The fuzzy score (sahilm/fuzzy's, summed over words).
//  3. Boost (recently opened, favourites).
//  4. The shorter label.
//  5. Key, so the order never depends on timing or on how work was split.
//
// Match.LabelIdx and Match.SecondaryIdx are rune indexes of the matched
// characters, as chosen by fuzzy, for highlighting.
//
// # Speed
//
// A plain fuzzy.Find over 100,000 labels takes tens of milliseconds, too
// slow for every keystroke, and a million items would take half a second.
// Each of the following exists to cut that down; all of them return exactly
// what a naive scorer would (TestEngineMatchesReference and
// TestNarrowingEqualsFullSearch check this against a brute-force ranking):
//
//   - Folded text in one arena (fold.go, index.go): labels and secondary
//     texts are case-folded once, when added, so no comparison folds again,
//     and stored back to back so scans stream through memory.
//   - Character masks (fold.go): a 64-bit set of each item's characters
//     rejects most items for multi-character queries with one AND, before
//     any text is read; further masks of word-initial characters bound an
//     item's best possible Quality unread, and so does the exact set of
//     the secondary text's adjacent digit pairs (digits.go): "+1 20"
//     cannot be contiguous in a number without "20".
//   - Byte prefilter (fold.go): the subsequence test runs on folded bytes
//     with IndexByte, before any scoring; it is rune-exact, so it never
//     rejects non-ASCII text that fuzzy would match.
//   - An allocation-free re-statement of fuzzy's scoring (score.go),
//     checked against fuzzy itself in the tests; fuzzy scores non-ASCII
//     query words directly.
//   - Top-k selection (rank.go): a heap keeps the best Limit matches; once
//     it is full of, say, label-prefix matches, lesser items are skipped
//     without being scored, and an item of the worst kept quality is
//     skipped when a bound on its fuzzy score (bound.go: length, first
//     bytes, bonus characters and character pairs stored per item) cannot
//     beat the worst kept one.
//   - Bounds before text (deferred.go): once the heap is full, a bound of
//     an item's quality (masks, label pairs and first bytes, and whether it
//     is on the first term's posting list) and of its score, both from
//     metadata alone, skip most items that cannot enter without reading
//     their text. A session defers them instead, and reads them only after
//     the answer is out, to remember them as candidates. A span is visited
//     in blocks: what each slot needs is decided first, then the text of
//     those that need it is fetched together, so the misses overlap.
//   - Prefetching (candidates.go): a sparse slot list (a posting list, a narrow
//     query's candidates) is visited in blocks whose hot data is first
//     touched in independent loads, so cache misses overlap.
//   - Skipping ahead (score.go): scoring jumps from one occurrence of the
//     pattern's characters to the next with IndexByte.
//   - Both cores (scan.go): the slots are cut into chunks that workers pull
//     from a shared counter; the heaps' floor is shared.
//   - Narrowing (session.go): a session remembers each query's matches;
//     when the next query extends it, only those (plus items added since)
//     are searched. Backspace returns to the remembered shorter query;
//     a query with the same terms (a trailing space) reuses the
//     remembered ranking.
//     With each candidate it keeps where the greedy subsequence match of
//     the last term ended in the label and secondary text, so "mari" after
//     "mar" only reads on from there (scan.go). Candidates are kept in
//     tiers by the best quality they can still reach (tiers.go): loose
//     ones, whose last term occurs nowhere contiguously, cannot rank above
//     LabelSubsequence for any longer query, weak ones, whose letters are
//     merely strewn through the secondary text, above SecondarySubsequence.
//     The next keystroke ranks the open tier first, and when that fills
//     the list above the next tier's cap the answer is delivered before
//     the other tiers are checked (only to be remembered): "ton" after
//     "to" reads the 128,000 items that hold "to", not all 322,000 that
//     hold a "t" and then an "o".
//   - Hot copies (hot.go): once an asynchronous search has delivered and
//     settled, the session copies its open and loose candidates' masks,
//     metadata and bounds into one array in candidate order, so the next
//     keystroke streams through them instead of taking a cache miss per
//     candidate in each of four slot-indexed arrays.
//   - Length cells (cells.go): with its hot copy, a settled frame of
//     100,000+ candidates sorts them into cells by label and secondary
//     length and keeps, per cell, the union of what bounds its members.
//     The next keystroke ranks the best cells first, then skips, unread,
//     every cell whose bounds cannot reach the list's worst hit, deferring
//     its members whole: "+1 2" after "+1 " decides on a few thousand of
//     650,000 phone numbers, all tied at one quality, instead of each.
//   - Word-prefix postings (postings.go): on large indexes, the items with a
//     word starting with the query's first (up to four) characters are
//     ranked first.
//     When they fill the result list with matches of a quality the postings
//     are complete for, that answer is final; otherwise it is shown while
//     the full scan runs. A session skips that pass when the query it
//     narrows from had too few word-start matches for it to be final.
//
// # Concurrency
//
// An Index is guarded by a RWMutex: searches share it, Add and Remove take
// it briefly (items are folded before the lock is taken). Slots are
// append-only: replacing an item tombstones its slot and appends a new one,
// so remembered candidates stay valid; compaction (when a quarter of the
// slots are tombstones) renumbers slots and invalidates them. SearchAsync
// runs on its own goroutine, cancels the session's previous search through
// a context, and calls deliver outside the lock, in sequence order, never
// for a superseded query once the newer one has started (Result.Seq lets a
// consumer drop the rare result that raced with a newer request).
package search
