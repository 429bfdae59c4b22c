package demo

import "strings"

// asciiFold maps the accented letters used in the word lists to plain
// ASCII, so names can become email local parts and domain labels.
var asciiFold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ę': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'ł': "l", 'ñ': "n", 'ń': "n",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o",
	'ś': "s", 'ş': "s", 'ß': "ss", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ź': "z", 'ż': "z", 'æ': "ae", 'œ': "oe",
}

// slug lowercases s, folds accents and keeps only letters and digits:
// "Van der Berg" → "vanderberg", "Müller" → "muller", "O'Brien" → "obrien".
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteString(asciiFold[r]) // anything else (space, ', -) is dropped
		}
	}
	return b.String()
}

// slugIDs gives every word a small id shared by words with the same slug
// ("Zoé" and "Zoe"), so email collisions are counted per slug, not per
// spelling.
func slugIDs(words []string) (ids []int, slugs []string) {
	seen := map[string]int{}
	ids = make([]int, len(words))
	for i, w := range words {
		s := slug(w)
		id, ok := seen[s]
		if !ok {
			id = len(slugs)
			seen[s] = id
			slugs = append(slugs, s)
		}
		ids[i] = id
	}
	return ids, slugs
}
