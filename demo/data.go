package demo

// The word lists the generator draws from. They are plain data: realistic
// enough that a screen of demo records looks like a real book of business,
// mixed enough (accents, several cultures) to exercise sorting, search and
// column widths.

var firstNames = []string{
	// English-speaking
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
	"William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
	"Emily", "Olivia", "Noah", "Liam", "Grace", "Chloe", "Ethan", "Hannah", "Owen", "Zoe",
	// Spanish and Portuguese
	"José", "María", "Lucía", "Javier", "Sofía", "Mateo", "Valentina", "Diego", "Camila", "Andrés",
	"João", "Ana", "Gonçalo", "Inês", "Thiago", "Beatriz",
	// French
	"Amélie", "Étienne", "Chloé", "Léa", "Théo", "Hélène", "François", "Zoé", "Benoît", "Cécile",
	// German, Nordic, Polish
	"Jürgen", "Lukas", "Anna", "Jörg", "Katrin", "Felix", "Søren", "Åsa", "Björn", "Ingrid",
	"Magnus", "Małgorzata", "Piotr", "Agnieszka", "Paweł", "Zofia",
	// South Asian
	"Priya", "Arjun", "Ananya", "Rohan", "Aisha", "Vikram", "Kavya", "Rahul", "Deepa", "Sanjay",
	// East Asian
	"Wei", "Mei", "Hiroshi", "Yuki", "Sakura", "Haruto", "Min-jun", "Seo-yeon", "Jin", "Lin",
	// African and Middle Eastern
	"Chinedu", "Ngozi", "Kwame", "Amara", "Tunde", "Zainab", "Omar", "Layla", "Yusuf", "Fatima",
	"Karim", "Nour",
	// Vietnamese, Turkish, Italian
	"Minh", "Thao", "Emre", "Elif", "Giulia", "Luca", "Chiara", "Matteo",
}

var lastNames = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
	"Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
	"García", "Martínez", "Rodríguez", "López", "Hernández", "González", "Pérez", "Sánchez", "Ramírez", "Núñez",
	"Silva", "Santos", "Oliveira", "Gonçalves", "Ferreira", "Araújo",
	"Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet", "Faure", "Rousseau", "Lambert",
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Schäfer", "Köhler",
	"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Andersen", "Nielsen", "Lindqvist", "Østergaard",
	"Sharma", "Patel", "Gupta", "Iyer", "Reddy", "Nair", "Khan", "Mehta",
	"Wang", "Li", "Zhang", "Chen", "Liu", "Tanaka", "Suzuki", "Sato", "Watanabe", "Kim", "Park", "Choi",
	"Okafor", "Adeyemi", "Mensah", "Okonkwo", "Haddad", "Nasser", "Farouk", "Hakimi",
	"Nguyen", "Tran", "Yılmaz", "Demir", "Rossi", "Bianchi", "Esposito", "Romano",
	"O'Brien", "McCarthy", "Van der Berg", "De Vries",
}

// companyHeads and companyTails combine into company names: "Northwind
// Analytics", "Bluefin Robotics". Industries are chosen independently.
var companyHeads = []string{
	"Acme", "Globex", "Initech", "Umbrella", "Northwind", "Contoso", "Fabrikam", "Bluefin", "Redwood", "Silverline",
	"Brightpath", "Clearwater", "Ironclad", "Lumen", "Nimbus", "Orbit", "Pinnacle", "Quantum", "Riverstone", "Sapphire",
	"Summit", "Tidal", "Vertex", "Waypoint", "Zenith", "Aurora", "Beacon", "Cobalt", "Driftwood", "Evergreen",
	"Foxglove", "Granite", "Harbor", "Juniper", "Keystone", "Lighthouse", "Meridian", "Nordlicht", "Oakridge", "Polaris",
	"Solaris", "Copperleaf", "Halcyon", "Kestrel", "Mistral", "Saffron", "Tamarind", "Verde", "Yuzu", "Élan",
}

var companyTails = []string{
	"Labs", "Systems", "Analytics", "Robotics", "Health", "Logistics", "Foods", "Energy", "Software", "Capital",
	"Media", "Networks", "Bio", "Dynamics", "Works", "Studio", "Partners", "Cloud", "Security", "Mobility",
	"Materials", "Finance", "Retail", "Apparel", "Pharma", "Aerospace", "Interactive", "Data", "Ventures", "Group",
}

var jobTitles = []string{
	"CEO", "CTO", "CFO", "COO", "VP of Sales", "VP of Engineering", "VP of Marketing", "Head of Operations",
	"Head of Procurement", "Director of IT", "Sales Manager", "Account Executive", "Product Manager",
	"Engineering Manager", "Software Engineer", "Data Scientist", "Marketing Manager", "Office Manager",
	"Customer Success Manager", "Operations Analyst", "Purchasing Lead", "HR Business Partner", "Founder",
	"Chief of Staff", "Solutions Architect", "Finance Manager", "Legal Counsel",
}

// locale ties a company's home to the cities and phone numbers of its
// people, so a Berlin company's staff have +49 30 numbers.
type locale struct {
	tld    string
	cities []string
	phones []phonePattern
	street []string
}

// phonePattern is a valid E.164 number shape: a fixed prefix, one digit
// from next, then rest random digits. Every pattern was checked against
// libphonenumber's metadata (see demo_test.go), because fictional ranges
// like US 555-01xx are rejected by it.
type phonePattern struct {
	prefix string
	next   string
	rest   int
}

var locales = []locale{
	{tld: ".com", cities: []string{"San Francisco", "New York", "Boston", "Chicago", "Seattle", "Austin", "Denver", "Atlanta", "Miami", "Los Angeles"},
		phones: []phonePattern{
			{"+1415", "23456789", 6}, {"+1212", "23456789", 6}, {"+1617", "23456789", 6}, {"+1312", "23456789", 6},
			{"+1206", "23456789", 6}, {"+1512", "23456789", 6}, {"+1303", "23456789", 6}, {"+1404", "23456789", 6},
		},
		street: []string{"Market St", "Broadway", "Main St", "Mission St", "Congress Ave", "Peachtree St"}},
	{tld: ".io", cities: []string{"San Francisco", "New York", "Toronto", "Austin"},
		phones: []phonePattern{{"+1415", "23456789", 6}, {"+1646", "23456789", 6}, {"+1416", "2345678", 6}},
		street: []string{"Folsom St", "Spadina Ave", "Lavaca St"}},
	{tld: ".co.uk", cities: []string{"London", "Manchester", "Edinburgh", "Bristol"},
		phones: []phonePattern{{"+4420", "378", 7}},
		street: []string{"Old Street", "Deansgate", "Princes Street", "Baker Street"}},
	{tld: ".de", cities: []string{"Berlin", "München", "Hamburg", "Köln", "Düsseldorf"},
		phones: []phonePattern{{"+4930", "2345678", 7}, {"+4989", "2345678", 7}, {"+4915", "1279", 8}},
		street: []string{"Friedrichstraße", "Torstraße", "Maximilianstraße", "Jungfernstieg"}},
	{tld: ".fr", cities: []string{"Paris", "Lyon", "Marseille", "Toulouse", "Nantes"},
		phones: []phonePattern{{"+331", "458", 7}},
		street: []string{"Rue de Rivoli", "Boulevard Haussmann", "Rue de la République"}},
	{tld: ".es", cities: []string{"Madrid", "Barcelona", "Valencia", "Sevilla"},
		phones: []phonePattern{{"+3491", "23457", 6}, {"+346", "0123456789", 7}},
		street: []string{"Calle de Alcalá", "Passeig de Gràcia", "Gran Vía"}},
	{tld: ".com.br", cities: []string{"São Paulo", "Rio de Janeiro", "Belo Horizonte"},
		phones: []phonePattern{{"+55119", "6789", 7}},
		street: []string{"Avenida Paulista", "Rua Oscar Freire"}},
	{tld: ".in", cities: []string{"Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai"},
		phones: []phonePattern{{"+919", "89", 8}},
		street: []string{"MG Road", "Linking Road", "Banjara Hills Rd"}},
	{tld: ".jp", cities: []string{"Tokyo", "Osaka", "Yokohama", "Kyoto"},
		phones: []phonePattern{{"+813", "3456", 7}},
		street: []string{"Chuo-dori", "Omotesando", "Midosuji"}},
	{tld: ".ng", cities: []string{"Lagos", "Abuja"},
		phones: []phonePattern{{"+23480", "36", 7}},
		street: []string{"Adeola Odeku St", "Ahmadu Bello Way"}},
	{tld: ".pl", cities: []string{"Warszawa", "Kraków", "Wrocław", "Gdańsk"},
		phones: []phonePattern{{"+4850", "123456", 6}},
		street: []string{"ul. Marszałkowska", "ul. Floriańska"}},
	{tld: ".nl", cities: []string{"Amsterdam", "Rotterdam", "Utrecht"},
		phones: []phonePattern{{"+316", "12345", 7}},
		street: []string{"Herengracht", "Coolsingel"}},
	{tld: ".com.au", cities: []string{"Sydney", "Melbourne", "Brisbane"},
		phones: []phonePattern{{"+614", "0123", 7}},
		street: []string{"George St", "Collins St"}},
}

var members = []struct{ login, name string }{
	{"alice", "Alice Martin"}, {"bob", "Bob Okafor"}, {"carol", "Carol Nguyen"}, {"dan", "Dan Schäfer"},
	{"erin", "Erin García"}, {"frank", "Frank Iyer"}, {"grace", "Grace Kim"}, {"heidi", "Heidi Lindqvist"},
}

var dealKinds = []string{
	"Annual license", "Pilot", "Expansion", "Renewal", "Platform migration", "Support contract",
	"Enterprise plan", "Team seats", "Onboarding package", "Data integration", "Security review", "Multi-year deal",
}

var partnerKinds = []string{
	"Reseller agreement", "Referral partnership", "Co-marketing", "Technology integration", "Channel program",
}

var lossReasons = []string{
	"Price too high", "Chose a competitor", "No budget this year", "Project cancelled", "No decision", "Missing features",
}

var taskVerbs = []string{
	"Call", "Email", "Send proposal to", "Follow up with", "Schedule demo for", "Prepare contract for",
	"Review requirements with", "Book meeting with", "Send invoice to", "Check in with",
}

var taskResults = []string{
	"Done, they will sign next week", "Left a voicemail", "Sent, awaiting reply", "Meeting booked",
	"Moved to next quarter", "They asked for a discount",
}

var noteTitles = []string{
	"Discovery call", "Pricing discussion", "Quarterly business review", "Kick-off meeting", "Demo feedback",
	"Procurement process", "Technical deep dive", "Lunch meeting", "Conference chat", "Support escalation",
}

var noteBodies = []string{
	"They are evaluating two other vendors and want a decision by the end of the quarter.",
	"Budget is approved; legal needs to review the **data processing agreement**.",
	"Main pain points:\n\n- manual reporting\n- no single view of customers\n- slow onboarding",
	"Asked for a 10% discount on a two-year commitment. Need approval from finance.",
	"Very positive about the demo. Next step: a pilot with the support team.",
	"Their IT team prefers SSO via Okta; confirm we support SCIM.",
	"Champion is moving to another role in March — find a new sponsor.",
	"Wants quarterly invoicing in EUR.",
}
