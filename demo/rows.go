package demo

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"rolo/model"
)

// column produces one field's value for the current row. types lists the
// field types the generator knows how to fill; a field of another type (a
// user changed the schema) is skipped rather than filled with nonsense.
type column struct {
	name  string
	types []model.FieldType
	val   func(f *model.Field) model.Value
}

// plan generates the rows of one object: next prepares the row's shared
// state (which company, which person), the columns read it.
type plan struct {
	object string
	next   func()
	cols   []column
}

// bound is a plan checked against the object's actual fields.
type bound struct {
	plan   plan
	fields []model.Field
	vals   []func(f *model.Field) model.Value
}

func (p plan) bind(obj model.Object) bound {
	b := bound{plan: p}
	for _, c := range p.cols {
		f, ok := obj.Field(c.name)
		if !ok || f.System && c.name != model.FieldOwner {
			continue
		}
		fits := false
		for _, t := range c.types {
			fits = fits || f.Type == t
		}
		if !fits {
			continue
		}
		b.fields = append(b.fields, f)
		b.vals = append(b.vals, c.val)
	}
	return b
}

func (b bound) names() []string {
	out := make([]string, len(b.fields))
	for i, f := range b.fields {
		out[i] = f.Name
	}
	return out
}

// row generates the next row's values in field order.
func (b bound) row() []model.Value {
	b.plan.next()
	out := make([]model.Value, len(b.vals))
	for i, v := range b.vals {
		out[i] = v(&b.fields[i])
	}
	return out
}

var (
	tText     = []model.FieldType{model.TypeText}
	tRich     = []model.FieldType{model.TypeRichText, model.TypeText}
	tNumber   = []model.FieldType{model.TypeNumber}
	tCurrency = []model.FieldType{model.TypeCurrency}
	tDate     = []model.FieldType{model.TypeDate}
	tDateTime = []model.FieldType{model.TypeDateTime}
	tSelect   = []model.FieldType{model.TypeSelect, model.TypeText}
	tEmails   = []model.FieldType{model.TypeEmails}
	tPhones   = []model.FieldType{model.TypePhones}
	tLinks    = []model.FieldType{model.TypeLinks}
	tRelation = []model.FieldType{model.TypeRelation}
	tMember   = []model.FieldType{model.TypeMember}
	tPipeline = []model.FieldType{model.TypePipeline}
	tStage    = []model.FieldType{model.TypeStage}
)

// currencyFor is the currency a company's deals are quoted in.
func currencyFor(loc *locale) string {
	switch loc.tld {
	case ".de", ".fr", ".es", ".nl":
		return "EUR"
	}
	return "USD"
}

func (g *gen) companyPlan() plan {
	i := -1
	var employees int
	cur := func() *company { return &g.companies[i] }
	return plan{
		object: "companies",
		next: func() {
			i++
			// Log-uniform head count: many small firms, a few large ones.
			employees = int(math.Exp(g.r.Float64()*math.Log(20000))) + 4
		},
		cols: []column{
			{"name", tText, func(*model.Field) model.Value { return text(cur().name) }},
			{"domain", tLinks, func(*model.Field) model.Value { return list("https://" + cur().domain) }},
			{"employees", tNumber, func(*model.Field) model.Value { return num(float64(employees)) }},
			{"industry", tSelect, func(f *model.Field) model.Value { return g.option(f, "") }},
			{"address", tText, func(*model.Field) model.Value {
				c := cur()
				return text(strconv.Itoa(1+g.intn(400)) + " " + pick(g, c.loc.street) + ", " + pick(g, c.loc.cities))
			}},
			{"annual_revenue", tCurrency, func(*model.Field) model.Value {
				// Revenue per head between 80k and 300k, in whole thousands.
				perHead := int64(80 + g.intn(220))
				return money(int64(employees)*perHead*1000*1_000_000, currencyFor(cur().loc))
			}},
			{"linkedin", tLinks, func(*model.Field) model.Value {
				return list("https://www.linkedin.com/company/" + slug(cur().name))
			}},
			{model.FieldOwner, tMember, func(*model.Field) model.Value { return ref(g.member()) }},
		},
	}
}

// personRow is the state one person's columns share.
type personRow struct {
	first, last int
	ci          int // company index, -1 for none
	loc         *locale
}

func (g *gen) personPlan() plan {
	var p personRow
	return plan{
		object: "people",
		next: func() {
			p.first, p.last = g.intn(len(firstNames)), g.intn(len(lastNames))
			p.ci = -1
			if len(g.companies) > 0 && !g.chance(8) {
				p.ci = g.intn(len(g.companies))
				p.loc = g.companies[p.ci].loc
			} else {
				p.loc = &locales[g.intn(len(locales))]
			}
		},
		cols: []column{
			{"name", tText, func(*model.Field) model.Value { return text(firstNames[p.first] + " " + lastNames[p.last]) }},
			{"emails", tEmails, func(*model.Field) model.Value {
				if p.ci >= 0 {
					return list(g.email(p.first, p.last, p.ci, g.companies[p.ci].domain))
				}
				di := g.intn(len(freeMail))
				return list(g.email(p.first, p.last, len(g.companies)+di, freeMail[di]))
			}},
			{"phones", tPhones, func(*model.Field) model.Value {
				if g.chance(15) {
					return model.Value{}
				}
				return list(g.phone(p.loc))
			}},
			{"job_title", tText, func(*model.Field) model.Value { return text(pick(g, jobTitles)) }},
			{"company", tRelation, func(*model.Field) model.Value {
				if p.ci < 0 {
					return model.Value{}
				}
				return ref(g.companies[p.ci].id)
			}},
			{"city", tText, func(*model.Field) model.Value { return text(pick(g, p.loc.cities)) }},
			{"linkedin", tLinks, func(*model.Field) model.Value {
				if g.chance(40) {
					return model.Value{}
				}
				return list("https://www.linkedin.com/in/" + g.firstSlugs[g.firstSlug[p.first]] + "-" +
					g.lastSlugs[g.lastSlug[p.last]] + "-" + strconv.FormatUint(uint64(g.r.Uint32()), 36))
			}},
			{model.FieldOwner, tMember, func(*model.Field) model.Value { return ref(g.member()) }},
		},
	}
}

// oppRow is the state one opportunity's columns share.
type oppRow struct {
	co      *company
	pipe    *model.Pipeline
	stage   model.Stage
	contact contact
	name    string
	closeIn int // days from now
}

func (g *gen) oppPlan() plan {
	var o oppRow
	return plan{
		object: "opportunities",
		next: func() {
			o = oppRow{}
			if len(g.companies) > 0 {
				o.co = &g.companies[g.intn(len(g.companies))]
				if cs := g.contacts[o.co.id]; len(cs) > 0 {
					o.contact = pick(g, cs)
				}
			}
			o.pipe = g.pickPipeline()
			if o.pipe != nil {
				o.stage = g.pickStage(o.pipe)
			}
			kinds := dealKinds
			if o.pipe != nil && o.pipe.Name == "Partnerships" {
				kinds = partnerKinds
			}
			o.name = pick(g, kinds)
			if o.co != nil {
				o.name = o.co.name + " — " + o.name
			}
			switch o.stage.Kind {
			case model.StageWon, model.StageLost:
				o.closeIn = -1 - g.intn(120) // closed deals closed in the past
			default:
				o.closeIn = g.intn(150) - 20 // some open deals are past due
			}
		},
		cols: []column{
			{"name", tText, func(*model.Field) model.Value { return text(o.name) }},
			{"amount", tCurrency, func(*model.Field) model.Value {
				code := "USD"
				if o.co != nil {
					code = currencyFor(o.co.loc)
				}
				return money(int64(1+g.intn(400))*500*1_000_000, code)
			}},
			{"close_date", tDate, func(*model.Field) model.Value { return text(g.day(o.closeIn)) }},
			{"company", tRelation, func(*model.Field) model.Value {
				if o.co == nil {
					return model.Value{}
				}
				return ref(o.co.id)
			}},
			{"point_of_contact", tRelation, func(*model.Field) model.Value { return ref(o.contact.id) }},
			{"pipeline", tPipeline, func(*model.Field) model.Value {
				if o.pipe == nil {
					return model.Value{}
				}
				return model.Value{Valid: true, Int: o.pipe.ID, Ref: o.pipe.Name}
			}},
			{"stage", tStage, func(*model.Field) model.Value {
				if o.stage.ID == 0 {
					return model.Value{}
				}
				return model.Value{Valid: true, Int: o.stage.ID, Ref: o.stage.Name}
			}},
			{"probability", tNumber, func(*model.Field) model.Value { return num(g.probability(o.pipe, o.stage)) }},
			{"loss_reason", tSelect, func(f *model.Field) model.Value {
				if o.stage.Kind != model.StageLost {
					return model.Value{}
				}
				if len(f.Options) > 0 {
					return g.option(f, "")
				}
				return text(pick(g, lossReasons))
			}},
			{model.FieldOwner, tMember, func(*model.Field) model.Value { return ref(g.member()) }},
		},
	}
}

func (g *gen) pickPipeline() *model.Pipeline {
	total := 0
	for _, p := range g.pipes {
		total += p.weight
	}
	if total == 0 {
		return nil
	}
	n := g.intn(total)
	for i := range g.pipes {
		if n < g.pipes[i].weight {
			return &g.pipes[i].p
		}
		n -= g.pipes[i].weight
	}
	return nil
}

// pickStage spreads deals over a pipeline: a tenth incoming, a sixth won,
// a tenth lost, the rest over the working stages.
func (g *gen) pickStage(p *model.Pipeline) model.Stage {
	var incoming, won, lost []model.Stage
	var normal []model.Stage
	for _, s := range p.Stages {
		switch s.Kind {
		case model.StageIncoming:
			incoming = append(incoming, s)
		case model.StageWon:
			won = append(won, s)
		case model.StageLost:
			lost = append(lost, s)
		default:
			normal = append(normal, s)
		}
	}
	n := g.intn(100)
	switch {
	case n < 10 && len(incoming) > 0:
		return incoming[0]
	case n < 26 && len(won) > 0:
		return won[0]
	case n < 36 && len(lost) > 0:
		return lost[0]
	case len(normal) > 0:
		return pick(g, normal)
	case len(p.Stages) > 0:
		return pick(g, p.Stages)
	}
	return model.Stage{}
}

// probability follows the stage: later working stages are likelier to close.
func (g *gen) probability(p *model.Pipeline, s model.Stage) float64 {
	switch s.Kind {
	case model.StageWon:
		return 100
	case model.StageLost:
		return 0
	case model.StageIncoming:
		return 10
	}
	if p == nil {
		return 0
	}
	idx, n := 0, 0
	for _, st := range p.Stages {
		if st.Kind == model.StageNormal {
			n++
			if st.ID == s.ID {
				idx = n
			}
		}
	}
	if n == 0 {
		return 50
	}
	return float64(10 + 80*idx/(n+1))
}

// taskRow is the state one task's columns share.
type taskRow struct {
	due     time.Time
	status  string
	co      *company
	person  contact
	opp     oppRef
	subject string
}

func (g *gen) taskPlan() plan {
	var t taskRow
	return plan{
		object: "tasks",
		next: func() {
			t = taskRow{}
			// Due dates from ten days ago to three weeks ahead, in office hours.
			day := g.now.AddDate(0, 0, g.intn(31)-10)
			t.due = time.Date(day.Year(), day.Month(), day.Day(), 9+g.intn(8), 15*g.intn(4), 0, 0, time.UTC)
			switch n := g.intn(100); {
			case t.due.Before(g.now) && n < 60:
				t.status = "done"
			case n < 75:
				t.status = "todo" // past-due todo tasks are the overdue ones
			default:
				t.status = "in_progress"
			}
			g.relate(&t.co, &t.person, &t.opp)
			switch {
			case t.person.id != 0:
				t.subject = t.person.name
			case t.opp.id != 0:
				t.subject = t.opp.name
			case t.co != nil:
				t.subject = t.co.name
			}
		},
		cols: []column{
			{"title", tText, func(*model.Field) model.Value {
				if t.subject == "" {
					return text(pick(g, taskVerbs) + " the team")
				}
				return text(pick(g, taskVerbs) + " " + t.subject)
			}},
			{"body", tRich, func(*model.Field) model.Value {
				if g.chance(50) {
					return model.Value{}
				}
				return text(pick(g, noteBodies))
			}},
			{"due_at", tDateTime, func(*model.Field) model.Value { return millis(t.due) }},
			{"assignee", tMember, func(*model.Field) model.Value { return ref(g.member()) }},
			{"status", tSelect, func(f *model.Field) model.Value { return g.option(f, t.status) }},
			{"priority", tSelect, func(f *model.Field) model.Value {
				return g.option(f, [...]string{"low", "medium", "medium", "high"}[g.intn(4)])
			}},
			{"result", tText, func(*model.Field) model.Value {
				if t.status != "done" {
					return model.Value{}
				}
				return text(pick(g, taskResults))
			}},
			{"company", tRelation, func(*model.Field) model.Value { return ref(companyID(t.co)) }},
			{"person", tRelation, func(*model.Field) model.Value { return ref(t.person.id) }},
			{"opportunity", tRelation, func(*model.Field) model.Value { return ref(t.opp.id) }},
			{model.FieldOwner, tMember, func(*model.Field) model.Value { return ref(g.member()) }},
		},
	}
}

func companyID(c *company) int64 {
	if c == nil {
		return 0
	}
	return c.id
}

// relate picks what a task or note is about: an opportunity (and its
// company), a person at a company, or just a company.
func (g *gen) relate(co **company, person *contact, opp *oppRef) {
	n := g.intn(3)
	if n == 0 && len(g.opps) > 0 {
		*opp = pick(g, g.opps)
		if i, ok := g.companyIdx[opp.companyID]; ok && opp.companyID != 0 {
			*co = &g.companies[i]
		}
		return
	}
	if len(g.companies) == 0 {
		if len(g.loose) > 0 {
			*person = pick(g, g.loose)
		}
		return
	}
	*co = &g.companies[g.intn(len(g.companies))]
	if cs := g.contacts[(*co).id]; n == 1 && len(cs) > 0 {
		*person = pick(g, cs)
	}
}

// noteRow is the state one note's columns share.
type noteRow struct {
	co     *company
	person contact
	opp    oppRef
}

func (g *gen) notePlan() plan {
	var n noteRow
	return plan{
		object: "notes",
		next: func() {
			n = noteRow{}
			g.relate(&n.co, &n.person, &n.opp)
		},
		cols: []column{
			{"title", tText, func(*model.Field) model.Value {
				title := pick(g, noteTitles)
				switch {
				case n.co != nil:
					title += " with " + n.co.name
				case n.person.id != 0:
					title += " with " + n.person.name
				}
				return text(title)
			}},
			{"body", tRich, func(*model.Field) model.Value {
				return text(pick(g, noteBodies) + "\n\n" + fmt.Sprintf("_Logged %s._", g.day(-g.intn(60))))
			}},
			{"company", tRelation, func(*model.Field) model.Value { return ref(companyID(n.co)) }},
			{"person", tRelation, func(*model.Field) model.Value { return ref(n.person.id) }},
			{"opportunity", tRelation, func(*model.Field) model.Value { return ref(n.opp.id) }},
			{model.FieldOwner, tMember, func(*model.Field) model.Value { return ref(g.member()) }},
		},
	}
}
