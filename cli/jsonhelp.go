package cli

import "github.com/spf13/cobra"

// jsonShapes documents --json output. Scripts depend on these shapes, so
// they change only by adding keys.
const jsonShapes = `With --json every command prints one JSON document on stdout. Errors are
never JSON: they go to stderr and the exit status is non-zero.

Records (get, create, update; list's "records"):
  {"id": 12, "<field>": <value>, ...}   every field of the object by name
                                        (system fields too: created_at, owner, ...)
  Values by field type:
    empty                       null
    text, richtext, select,
    date                        "string" (dates as "2026-12-01")
    number                      number
    currency                    {"amount": "1200.50", "amount_micros": 1200500000, "currency": "EUR"}
    datetime                    "2026-12-01T09:30:00Z" (RFC 3339, UTC)
    boolean                     true / false
    rating                      1..5
    multiselect                 ["option", ...]
    emails, phones, links       {"primary": "...", "more": ["...", ...]}
    relation, member,
    pipeline, stage             {"id": 7, "name": "Acme"}

list OBJECT         {"object": "people", "records": [record...], "next": "CURSOR" | null}
                    (pass "next" to --after for the following page; --fields
                    limits the record keys to id and the named fields)
count OBJECT        {"object": "people", "count": 42}
upsert              {"created": true, "record": record}
delete / restore    {"object": "people", "deleted": 2} / {"object": "people", "restored": 2}
objects             [{"name", "singular", "plural", "standard", "hidden", "label_field", "fields": N}]
fields OBJECT       [{"name", "label", "type", "required", "unique", "hidden", "standard",
                      "system", "options": [{"value", "label", "color"}], "target"}]
member list         [{"id", "login", "name", "email", "active"}]
pipeline list       [{"id", "name", "position", "stages": [{"id", "name", "color", "position", "kind"}]}]
pipeline stages     {"pipeline": "Sales", "stages": [{"id", "name", "color", "kind", "count",
                      "totals": [{"currency": "USD", "amount": "1200.00", "amount_micros": 1200000000}]}]}
events              [{"id", "at", "actor", "object", "record_id", "kind", "field", "old", "new"}]
`

func jsonHelpTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "json",
		Short: "The shapes of --json output",
		Long:  jsonShapes,
	}
}
