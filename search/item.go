package search

// Kind says what a palette entry does when chosen. The palette filters by it
// (Options.Kinds) when the user types a prefix such as ">" for actions.
type Kind uint8

const (
	// Record is a stored record (a person, a company, a deal...).
	Record Kind = iota
	// GoTo jumps to a screen, e.g. "Go to People".
	GoTo
	// Action runs a command, e.g. "New person".
	Action
)

// String names the kind for logs and test failures.
func (k Kind) String() string {
	switch k {
	case Record:
		return "record"
	case GoTo:
		return "goto"
	case Action:
		return "action"
	}
	return "kind(?)"
}

// Item is one searchable palette entry. The index keeps the strings it is
// given (it does not copy them) and a folded copy of Label and Secondary.
type Item struct {
	// Key identifies the item; Add with an existing Key replaces it.
	// Examples: "people:42", "goto:people", "action:new:people".
	Key string
	// Kind is the kind of entry, used by Options.Kinds.
	Kind Kind
	// Object is the object a record belongs to ("people"), used by
	// Options.Objects. Empty for entries that belong to no object.
	Object string
	// Label is the primary text shown and searched, e.g. "Jane Doe".
	Label string
	// Secondary is searchable supporting text: email, phone, domain,
	// company, amount. A match only here ranks below label matches of the
	// same quality.
	Secondary string
	// Boost breaks ties in favour of recently opened or favourite items:
	// higher ranks first when quality and score are equal.
	Boost int
}

// Quality is the coarse class of a match. It is the first ranking key:
// every match of a higher Quality ranks above every match of a lower one,
// whatever the fuzzy scores say. See the package documentation for why the
// classes are ordered the way they are.
type Quality int8

const (
	// NoQuery is the quality of results for an empty query (ranked by Boost).
	NoQuery Quality = iota
	// SecondarySubsequence: the query's characters appear in order, but
	// scattered, and only in Secondary.
	SecondarySubsequence
	// LabelSubsequence: the query's characters appear in order, scattered,
	// in Label.
	LabelSubsequence
	// SecondarySubstring: the query appears contiguously inside Secondary.
	SecondarySubstring
	// LabelSubstring: the query appears contiguously inside Label, but not
	// at the start of a word.
	LabelSubstring
	// SecondaryWordPrefix: a word of Secondary starts with the query (an
	// email's user or domain, a company name, a phone block).
	SecondaryWordPrefix
	// LabelWordPrefix: a word of Label (not the first) starts with the query.
	LabelWordPrefix
	// LabelPrefix: Label starts with the query.
	LabelPrefix
	// Exact: Label equals the query, ignoring case.
	Exact
)

var qualityNames = [...]string{
	"no-query", "secondary-subsequence", "label-subsequence", "secondary-substring",
	"label-substring", "secondary-word-prefix", "label-word-prefix", "label-prefix", "exact",
}

// String names the quality for logs and test failures.
func (q Quality) String() string {
	if q >= 0 && int(q) < len(qualityNames) {
		return qualityNames[q]
	}
	return "quality(?)"
}

// Match is one ranked result.
type Match struct {
	// Item is a copy of the matched item as it was when the search ran.
	Item Item
	// Quality is the match class (the first ranking key).
	Quality Quality
	// Score is the sahilm/fuzzy score, summed over the query's words (the
	// second ranking key).
	Score int
	// LabelIdx holds the rune indexes (not byte offsets) of Label's matched
	// characters, ascending, for highlighting. The TUI maps runes to
	// grapheme clusters when it renders.
	LabelIdx []int
	// SecondaryIdx holds the rune indexes of Secondary's matched characters.
	SecondaryIdx []int
}

// DefaultLimit is the number of matches returned when Options.Limit is 0.
// A palette shows a screenful; ranking more than that costs time on every
// keystroke for rows nobody sees.
const DefaultLimit = 50

// Options narrows and sizes a search. The zero value searches everything and
// returns DefaultLimit matches.
type Options struct {
	// Limit is the maximum number of matches returned (0 = DefaultLimit).
	Limit int
	// Kinds keeps only items of these kinds (empty = all kinds).
	Kinds []Kind
	// Objects keeps only items whose Object is listed (empty = all).
	Objects []string
}

// Result is what SearchAsync delivers.
type Result struct {
	// Query is the query this result answers.
	Query string
	// Seq is the sequence number SearchAsync returned for the query, so a
	// consumer can drop anything older than the last request it made.
	Seq uint64
	// Matches are ranked best first.
	Matches []Match
	// Partial is true for a quick first answer that a complete ranking
	// will follow (same Seq, Partial false).
	Partial bool
}

// limitOf is the number of matches a search with opt returns.
func limitOf(opt Options) int {
	if opt.Limit <= 0 {
		return DefaultLimit
	}
	return opt.Limit
}
