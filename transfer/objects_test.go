package transfer

import "rolo/model"

// Test objects shaped like rolo's standard ones; the store will own the
// real definitions.
func sysFields() []model.Field {
	return []model.Field{
		{Name: "id", Label: "ID", Type: model.TypeNumber, System: true},
		{Name: "created_at", Label: "Created at", Type: model.TypeDateTime, System: true},
		{Name: "updated_at", Label: "Updated at", Type: model.TypeDateTime, System: true},
		{Name: "created_by", Label: "Created by", Type: model.TypeMember, System: true},
		{Name: "owner", Label: "Owner", Type: model.TypeMember, System: true},
		{Name: "active", Label: "Active", Type: model.TypeBoolean, System: true},
	}
}

func peopleObj() model.Object {
	return model.Object{Name: "people", Singular: "Person", Plural: "People", LabelField: "name", Fields: append(sysFields(),
		model.Field{Name: "name", Label: "Name", Type: model.TypeText},
		model.Field{Name: "emails", Label: "Emails", Type: model.TypeEmails},
		model.Field{Name: "phones", Label: "Phones", Type: model.TypePhones},
		model.Field{Name: "company", Label: "Company", Type: model.TypeRelation, Target: "companies"},
		model.Field{Name: "job_title", Label: "Job title", Type: model.TypeText},
		model.Field{Name: "city", Label: "City", Type: model.TypeText},
		model.Field{Name: "linkedin", Label: "LinkedIn", Type: model.TypeLinks},
		model.Field{Name: "birthday", Label: "Birthday", Type: model.TypeDate},
	)}
}

func companiesObj() model.Object {
	return model.Object{Name: "companies", Singular: "Company", Plural: "Companies", LabelField: "name", Fields: append(sysFields(),
		model.Field{Name: "name", Label: "Name", Type: model.TypeText},
		model.Field{Name: "domain", Label: "Domain", Type: model.TypeLinks},
		model.Field{Name: "employees", Label: "Employees", Type: model.TypeNumber},
		model.Field{Name: "city", Label: "City", Type: model.TypeText},
		model.Field{Name: "annual_recurring_revenue", Label: "ARR", Type: model.TypeCurrency},
	)}
}

func opportunitiesObj() model.Object {
	return model.Object{Name: "opportunities", Singular: "Opportunity", Plural: "Opportunities", LabelField: "name", Fields: append(sysFields(),
		model.Field{Name: "name", Label: "Name", Type: model.TypeText},
		model.Field{Name: "amount", Label: "Amount", Type: model.TypeCurrency},
		model.Field{Name: "pipeline", Label: "Pipeline", Type: model.TypePipeline},
		model.Field{Name: "stage", Label: "Stage", Type: model.TypeStage},
		model.Field{Name: "close_date", Label: "Close date", Type: model.TypeDate},
		model.Field{Name: "company", Label: "Company", Type: model.TypeRelation, Target: "companies"},
		model.Field{Name: "point_of_contact", Label: "Point of contact", Type: model.TypeRelation, Target: "people"},
		model.Field{Name: "tags", Label: "Tags", Type: model.TypeMultiSelect, Options: []model.SelectOption{
			{Value: "web", Label: "Web"}, {Value: "support", Label: "Support"}, {Value: "renewal", Label: "Renewal"}}},
	)}
}
