package store

import (
	"context"
	"database/sql"

	"rolo/model"
)

// standardObjects are created by migration 1 in this order (relations
// point only at objects created before them).
func standardObjects() []struct {
	obj    model.Object
	fields []model.Field
} {
	opt := func(value, label, color string) model.SelectOption {
		return model.SelectOption{Value: value, Label: label, Color: color}
	}
	rel := func(name, label, target, inverse string) model.Field {
		return model.Field{Name: name, Label: label, Type: model.TypeRelation, Target: target, InverseLabel: inverse}
	}
	return []struct {
		obj    model.Object
		fields []model.Field
	}{
		{model.Object{Name: "companies", Singular: "Company", Plural: "Companies", LabelField: "name", Shortcut: "c"}, []model.Field{
			{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			{Name: "domain", Label: "Domain", Type: model.TypeLinks, Unique: true},
			{Name: "employees", Label: "Employees", Type: model.TypeNumber},
			{Name: "industry", Label: "Industry", Type: model.TypeSelect, Options: []model.SelectOption{
				opt("software", "Software", "#4c8bf5"),
				opt("finance", "Finance", "#37b24d"),
				opt("healthcare", "Healthcare", "#22b8cf"),
				opt("retail", "Retail", "#f59f00"),
				opt("manufacturing", "Manufacturing", "#868e96"),
				opt("education", "Education", "#9775fa"),
				opt("media", "Media", "#e64980"),
				opt("consulting", "Consulting", "#fd7e14"),
				opt("other", "Other", "#adb5bd"),
			}},
			{Name: "address", Label: "Address", Type: model.TypeText},
			{Name: "annual_revenue", Label: "Annual revenue", Type: model.TypeCurrency},
			{Name: "linkedin", Label: "LinkedIn", Type: model.TypeLinks},
		}},
		{model.Object{Name: "people", Singular: "Person", Plural: "People", LabelField: "name", Shortcut: "p"}, []model.Field{
			{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			{Name: "emails", Label: "Emails", Type: model.TypeEmails, Unique: true},
			{Name: "phones", Label: "Phones", Type: model.TypePhones},
			{Name: "job_title", Label: "Job title", Type: model.TypeText},
			rel("company", "Company", "companies", "People"),
			{Name: "city", Label: "City", Type: model.TypeText},
			{Name: "linkedin", Label: "LinkedIn", Type: model.TypeLinks},
		}},
		{model.Object{Name: "opportunities", Singular: "Opportunity", Plural: "Opportunities", LabelField: "name", Shortcut: "o"}, []model.Field{
			{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			{Name: "amount", Label: "Amount", Type: model.TypeCurrency},
			{Name: "close_date", Label: "Close date", Type: model.TypeDate},
			rel("company", "Company", "companies", "Opportunities"),
			rel("point_of_contact", "Point of contact", "people", "Opportunities"),
			{Name: "pipeline", Label: "Pipeline", Type: model.TypePipeline},
			{Name: "stage", Label: "Stage", Type: model.TypeStage},
			{Name: "probability", Label: "Probability (%)", Type: model.TypeNumber},
			{Name: "loss_reason", Label: "Loss reason", Type: model.TypeText},
			{Name: fieldStageChangedAt, Label: "Stage changed", Type: model.TypeDateTime, System: true, Position: 907},
		}},
		{model.Object{Name: "tasks", Singular: "Task", Plural: "Tasks", LabelField: "title", Shortcut: "t"}, []model.Field{
			{Name: "title", Label: "Title", Type: model.TypeText, Required: true},
			{Name: "body", Label: "Body", Type: model.TypeRichText},
			{Name: "due_at", Label: "Due", Type: model.TypeDateTime},
			{Name: "assignee", Label: "Assignee", Type: model.TypeMember},
			{Name: "status", Label: "Status", Type: model.TypeSelect, Options: []model.SelectOption{
				opt("todo", "To do", "#868e96"),
				opt("in_progress", "In progress", "#4c8bf5"),
				opt("done", "Done", "#37b24d"),
			}},
			{Name: "priority", Label: "Priority", Type: model.TypeSelect, Options: []model.SelectOption{
				opt("low", "Low", "#868e96"),
				opt("medium", "Medium", "#f59f00"),
				opt("high", "High", "#f03e3e"),
			}},
			{Name: "result", Label: "Result", Type: model.TypeText},
			rel("company", "Company", "companies", "Tasks"),
			rel("person", "Person", "people", "Tasks"),
			rel("opportunity", "Opportunity", "opportunities", "Tasks"),
		}},
		{model.Object{Name: "notes", Singular: "Note", Plural: "Notes", LabelField: "title", Shortcut: "n"}, []model.Field{
			{Name: "title", Label: "Title", Type: model.TypeText, Required: true},
			{Name: "body", Label: "Body", Type: model.TypeRichText},
			rel("company", "Company", "companies", "Notes"),
			rel("person", "Person", "people", "Notes"),
			rel("opportunity", "Opportunity", "opportunities", "Notes"),
		}},
	}
}

// fieldStageChangedAt is maintained by the store whenever a record's stage
// changes, so boards can show how long a deal has been sitting.
const fieldStageChangedAt = "stage_changed_at"

// salesStages is the default pipeline.
var salesStages = []model.Stage{
	{Name: "Incoming", Color: "#868e96", Kind: model.StageIncoming},
	{Name: "Qualified", Color: "#4c8bf5"},
	{Name: "Meeting", Color: "#22b8cf"},
	{Name: "Proposal", Color: "#9775fa"},
	{Name: "Negotiation", Color: "#f59f00"},
	{Name: "Won", Color: "#37b24d", Kind: model.StageWon},
	{Name: "Lost", Color: "#f03e3e", Kind: model.StageLost},
}

// seed is migration 1's Go step: the standard objects and the "Sales"
// pipeline. Nothing else (no sample records, no members).
func seed(ctx context.Context, s *Store, tx *sql.Tx) error {
	for _, so := range standardObjects() {
		so.obj.Standard = true
		if _, err := s.createObjectTx(ctx, tx, so.obj, so.fields); err != nil {
			return err
		}
	}
	_, err := createPipelineTx(ctx, tx, "Sales", salesStages)
	return err
}
