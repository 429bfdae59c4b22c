package transfer

// Column headers seen in exports from Twenty, HubSpot, Kommo, Salesforce,
// Pipedrive and spreadsheets people keep by hand, normalized (see norm).
// Each maps to candidate fields in order of preference; the first the
// object has wins, so "Company Name" is the company relation on people and
// the name itself on companies. "$label" is the object's label field and
// "$currency" its first currency field.
//
// A field's own name and label always match first; this table only adds
// what neither says.
var synonyms = map[string][]target{}

func init() {
	add := func(fields []target, keys ...string) {
		for _, k := range keys {
			synonyms[norm(k)] = fields
		}
	}
	to := func(fields ...string) []target {
		t := make([]target, len(fields))
		for i, f := range fields {
			t[i] = target{field: f}
		}
		return t
	}
	role := func(r Role, fields ...string) []target {
		t := to(fields...)
		for i := range t {
			t[i].role = r
		}
		return t
	}

	add(to("$label"), "name", "full name", "fullname", "contact name", "person name", "display name",
		"deal name", "opportunity name", "opportunity", "lead name", "lead title", "deal title", "имя", "фио", "название", "название сделки")
	add(role(RoleFirstName, "$label"), "first name", "firstname", "given name", "first", "forename", "имя контакта")
	add(role(RoleLastName, "$label"), "last name", "lastname", "surname", "family name", "last", "фамилия")

	add(to("emails", "email"), "email", "emails", "e-mail", "email address", "email addresses", "e-mail address",
		"mail", "work email", "business email", "primary email", "email 1", "emailaddress1", "рабочий email", "почта", "эл почта", "электронная почта")
	add(role(RoleMore, "emails", "email"), "additional emails", "other email", "other emails", "personal email", "home email",
		"secondary email", "email 2", "email 3", "личный email", "другой email")

	add(to("phones", "phone"), "phone", "phones", "phone number", "telephone", "tel", "mobile", "mobile phone",
		"mobile phone number", "cell", "cell phone", "work phone", "business phone", "direct phone", "office phone",
		"primary phone", "phone 1", "телефон", "рабочий телефон", "мобильный телефон")
	add(role(RoleMore, "phones", "phone"), "additional phones", "home phone", "other phone", "phone 2", "phone 3",
		"whatsapp", "fax", "домашний телефон", "другой телефон")
	add(role(RoleCallingCode, "phones", "phone"), "calling code", "phone calling code", "phone country code", "country calling code")

	add(to("company", "account", "organization", "$label"), "company", "company name", "account name", "organization",
		"organisation", "organization name", "org", "компания", "название компании")
	add(to("company", "account", "organization"), "account", "employer", "associated company", "primary company",
		"primary associated company", "contact company")

	add(to("point_of_contact", "contact", "person"), "contact", "contact person", "point of contact", "main contact",
		"primary contact", "контакт", "основной контакт")
	// A deal's "Title" (Pipedrive) is its name; a person's is the job title.
	add(to("job_title", "title", "$label"), "title")
	add(to("job_title", "title", "position"), "job title", "position", "job position", "role", "designation",
		"occupation", "job", "должность")
	add(to("city"), "city", "town", "locality", "address city", "mailing city", "billing city", "город")
	add(to("country"), "country", "country region", "address country", "страна")
	add(to("address"), "address", "street", "street address", "address street1", "адрес")

	add(to("domain", "website", "links"), "website", "website url", "web site", "web", "url", "site", "homepage",
		"domain", "domain name", "company domain name", "company website", "сайт")
	add(to("linkedin", "links"), "linkedin", "linkedin url", "linkedin profile", "linkedin link", "linkedin company page")
	add(to("x_link", "twitter", "links"), "twitter", "x", "twitter handle", "twitter username", "x link")
	add(to("links"), "links", "link", "urls")

	add(to("amount", "$currency"), "amount", "value", "close value", "deal value", "deal amount", "opportunity amount",
		"sale", "sales", "budget", "price", "revenue", "expected revenue", "бюджет", "сумма", "продажа")
	add(role(RoleCurrencyCode, "amount", "$currency"), "currency", "currency code", "deal currency code", "валюта")
	add(role(RoleMicros, "amount", "$currency"), "amount micros")

	add(to("stage"), "stage", "deal stage", "lead stage", "pipeline stage", "opportunity stage", "sales stage",
		"status", "lead status", "deal status", "этап", "этап сделки", "статус")
	add(to("pipeline"), "pipeline", "deal pipeline", "sales pipeline", "воронка")
	add(to("close_date"), "close date", "expected close", "expected close date", "closing date", "closed on",
		"date closed", "estimated close date", "close", "дата закрытия")
	add(to("probability"), "probability", "deal probability", "win probability", "вероятность")

	add(to("owner"), "owner", "contact owner", "deal owner", "company owner", "lead owner", "account owner",
		"record owner", "hubspot owner", "sales agent", "sales rep", "sales representative", "responsible",
		"responsible user", "responsible person", "manager", "account manager", "ответственный", "ответственный пользователь")
	add(to("assignee", "owner"), "assigned to", "assignee", "assigned user", "исполнитель")

	add(to("employees"), "employees", "number of employees", "employee count", "company size", "headcount", "сотрудники")
	add(to("annual_recurring_revenue", "annual_revenue"), "annual revenue", "arr", "annual recurring revenue")
	add(to("industry"), "industry", "sector", "отрасль")
	add(to("description", "notes", "body"), "description", "notes", "note", "about", "comments", "comment", "примечание", "описание")
	add(to("due_at", "due_date", "deadline"), "due date", "due", "deadline", "due at", "срок")
	add(to("tags"), "tags", "labels", "теги")
	add(to("active"), "active", "is active")
}

// subRoles are the second halves of Twenty-style composite headers
// ("Emails / Primary Email", "Amount / Amount Micros").
var subRoles = map[string]Role{}

func init() {
	add := func(r Role, keys ...string) {
		for _, k := range keys {
			subRoles[norm(k)] = r
		}
	}
	add(RoleValue, "primary email", "primary phone number", "phone number", "number", "primary link url",
		"link url", "url", "amount", "value", "email")
	add(RoleMore, "additional emails", "additional phones", "secondary links", "other emails")
	add(RoleFirstName, "first name", "given name")
	add(RoleLastName, "last name", "family name")
	add(RoleCallingCode, "primary phone calling code", "primary phone country code", "calling code", "country code")
	add(RoleMicros, "amount micros", "micros")
	add(RoleCurrencyCode, "currency code", "currency")
}
