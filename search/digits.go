package search

// Digit pairs.
//
// Phone numbers make up most of a person's secondary text, and a query
// typed to find one ("+1 20", "5551") holds digits that most people's
// numbers also hold, only not side by side. Nothing else kept per item
// tells: the character masks say which digits occur, and the secondary
// text keeps no character pairs (it has so many that a 32-bit hash of them
// would be nearly full). So each item keeps the exact set of adjacent
// digit pairs of its secondary text, 100 bits, and a term with a digit
// pair the set lacks is not contiguous there: at best a scattered match
// (SecondarySubsequence), which boundAt then knows without reading the
// text. "+1 20" after "+1 2" at a million people: nine in ten numbers lack
// "20", and are no longer read.

// digitPairs is a set of adjacent ASCII digit pairs: bit 10a+b for "ab".
type digitPairs [2]uint64

// digitPairsOf is the set of adjacent digit pairs of folded text.
func digitPairsOf(f []byte) digitPairs {
	var d digitPairs
	for i := 1; i < len(f); i++ {
		a, b := f[i-1]-'0', f[i]-'0'
		if a <= 9 && b <= 9 {
			n := a*10 + b
			d[n/64] |= 1 << (n % 64)
		}
	}
	return d
}

// holds reports whether every pair of e is in d.
func (d *digitPairs) holds(e *digitPairs) bool {
	return e[0]&^d[0] == 0 && e[1]&^d[1] == 0
}
