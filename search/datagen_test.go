package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Deterministic, CRM-shaped test data: people with emails, phones and
// employers; companies with domains and cities; deals named after
// companies; a few go-to and action entries. About 3% of names carry
// accents or are written in CJK, so the non-ASCII paths are exercised at
// realistic proportions.

var (
	firstNames = strings.Fields(`James Mary John Patricia Robert Jennifer Michael Linda William
		Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Jane
		Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Donald Sandra Steven Ashley Paul
		Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Dorothy Brian Carol George
		Amanda Timothy Melissa Ronald Deborah Jason Stephanie Edward Rebecca Jeffrey Sharon Ryan
		Laura Jacob Cynthia Gary Kathleen Nicholas Amy Eric Angela Jonathan Shirley Wei Priya
		Ahmed Olga Hiroshi Fatima Lars Ingrid Mateo Sofia Noah Chloe Liam Emma Lucas Mia`)
	lastNames = strings.Fields(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez
		Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee
		Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
		Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
		Mitchell Carter Roberts Doe Kowalski Zhang Patel Khan Ivanova Tanaka Berg Lindqvist
		Rossi Dubois Schmidt OBrien MacDonald VanDyke`)
	accentedFirst = strings.Fields(`José Zoë Renée Søren Łukasz Ångström Françoise Jürgen Chloé Inés`)
	accentedLast  = strings.Fields(`Müller Núñez Çelik Dvořák Šimić Gómez Ødegård Østergaard`)
	cjkNames      = strings.Fields(`王芳 李娜 張偉 山田太郎 佐藤花子 김민준`)
	companyStems  = strings.Fields(`Acme Globex Initech Umbrella Hooli Stark Wayne Wonka Tyrell
		Cyberdyne Soylent Vandelay Massive Dynamic Aperture Oscorp Gringotts Monarch Virtucon
		Nakatomi Pied Piper Sterling Cooper Dunder Mifflin Prestige Blue Sun Rekall Weyland
		Contoso Fabrikam Northwind Tailspin Litware Adventure Woodgrove Proseware Lamna`)
	companySuffixes = strings.Fields(`Corp Inc Labs GmbH Ltd Group Systems Partners Holdings Co`)
	mailDomains     = strings.Fields(`gmail.com outlook.com yahoo.com proton.me icloud.com`)
	cities          = strings.Fields(`Boston Berlin London Paris Tokyo Austin Denver Madrid Oslo Seoul`)
	dealNames       = strings.Fields(`Renewal Expansion Pilot Upgrade Onboarding Migration Support`)
)

// genItems returns n deterministic items for seed.
func genItems(n int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	company := func() (name, domain string) {
		stem := pick(companyStems)
		return stem + " " + pick(companySuffixes), strings.ToLower(stem) + ".com"
	}
	items := make([]Item, 0, n+16)
	for _, o := range []string{"people", "companies", "opportunities", "tasks", "notes"} {
		items = append(items,
			Item{Key: "goto:" + o, Kind: GoTo, Label: "Go to " + strings.ToUpper(o[:1]) + o[1:]},
			Item{Key: "action:new:" + o, Kind: Action, Object: o, Label: "New " + strings.TrimSuffix(o, "s")})
	}
	for i := 0; len(items) < n; i++ {
		var it Item
		switch x := r.IntN(100); {
		case x < 65: // a person
			first, last := pick(firstNames), pick(lastNames)
			switch y := r.IntN(100); {
			case y < 2:
				first, last = pick(accentedFirst), pick(accentedLast)
			case y < 3:
				first, last = pick(cjkNames), ""
			}
			label := strings.TrimSpace(first + " " + last)
			cname, cdomain := company()
			domain := cdomain
			if r.IntN(3) == 0 {
				domain = pick(mailDomains)
			}
			user := strings.ToLower(asciiOnly(first))
			if l := asciiOnly(last); l != "" {
				user += "." + strings.ToLower(l)
			}
			if user == "" {
				user = fmt.Sprintf("user%d", i)
			}
			phone := fmt.Sprintf("+1 %03d %03d %04d", 200+r.IntN(800), r.IntN(1000), r.IntN(10000))
			it = Item{Key: fmt.Sprintf("people:%d", i), Object: "people", Label: label,
				Secondary: user + "@" + domain + " · " + phone + " · " + cname}
		case x < 80: // a company
			cname, domain := company()
			it = Item{Key: fmt.Sprintf("companies:%d", i), Object: "companies", Label: cname,
				Secondary: domain + " · " + pick(cities)}
		default: // a deal
			cname, _ := company()
			it = Item{Key: fmt.Sprintf("opportunities:%d", i), Object: "opportunities",
				Label:     cname + " – " + pick(dealNames) + fmt.Sprintf(" %d", 2020+r.IntN(7)),
				Secondary: fmt.Sprintf("%s · $%d,%03d", cname, 1+r.IntN(500), r.IntN(1000))}
		}
		if r.IntN(100) == 0 {
			it.Boost = 1 + r.IntN(10)
		}
		items = append(items, it)
	}
	return items[:n]
}

func asciiOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 128 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// typedPhrases are what users type into the palette: names, company
// fragments, an email fragment, a phone fragment and an accented name.
var typedPhrases = []string{
	"jane d", "john s", "maria ", "wei zh", "kowals", "patel", "acme c", "globex",
	"initec", "hooli", "gmail.", "doe@ac", "555", "josé", "mitche", "sterli",
}

// widePhrases are harder fragments: middles of words ("son", "ton"),
// scattered-only letters ("chr", "sam" in this data), phone blocks and
// prefixes, years, domains and company words.
var widePhrases = []string{
	"anders", "robert", "taylor", "conta", "corp", "renewal", "berlin", "yahoo",
	"proton", "amy ch", "sam", "thomps", "lee", "tanaka", "5551", "+1 20", "@gmail",
	"chris", "nguyen", "jer", "eri", "ana", "ton", "son", "smith j", "wayne e",
	"umbre", "2024", "upgra", "o'b",
}

// keystrokes expands phrases into the queries seen one keystroke at a time.
func keystrokes(phrases []string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		rs := []rune(p)
		for n := 1; n <= len(rs) && n <= 6; n++ {
			out[i] = append(out[i], string(rs[:n]))
		}
	}
	return out
}
