package views

// Intents and data of import and export (issue 7). The list (I, X) and the
// command palette ("Import into people…", "Export view…") emit ImportMsg and
// ExportViewMsg; the root opens the import wizard or the export prompt. The
// wizard (importwizard*.go) never reads a file itself: it emits the
// Wizard*Msg requests below, the root answers them through the wizard's
// Set* methods, each answer tagged with the Req it answers so a late one
// (the user typed on, or went back a step) is dropped.
//
// The data types mirror what importer and transfer report, in plain
// strings and numbers, because views never import those packages.

type (
	// ImportMsg: open the import wizard for Object ("" = the list's object).
	ImportMsg struct{ Object string }
	// ExportViewMsg: write Object's current view (filter, sorts, visible
	// columns) to a file the user names ("" = the list's object).
	ExportViewMsg struct{ Object string }

	// WizardCompleteMsg asks for the entries of the directory Path points
	// into whose names start with Path's last element (Tab in the path
	// step). The root answers with ImportWizard.SetCompletions.
	WizardCompleteMsg struct {
		Req  int
		Path string
	}
	// WizardPreviewMsg asks to open Spec.Path, map its columns with
	// Spec.Map as overrides and read its first rows. Answer: SetPreview.
	WizardPreviewMsg struct {
		Req  int
		Spec ImportSpec
	}
	// WizardDryRunMsg asks for a dry run of Spec. Answer: SetResult.
	WizardDryRunMsg struct {
		Req  int
		Spec ImportSpec
	}
	// WizardImportMsg asks for the real import of Spec. Progress comes
	// through SetProgress, the end through SetResult.
	WizardImportMsg struct {
		Req  int
		Spec ImportSpec
	}
	// WizardCancelMsg asks to cancel the running import (esc): its
	// transaction rolls back.
	WizardCancelMsg struct{ Req int }
	// WizardClosedMsg: the wizard is gone. Imported is set when records
	// were written, so the root refreshes what shows them.
	WizardClosedMsg struct {
		Object   string
		Imported bool
	}
)

// ImportSpec is everything an import run needs, as the wizard chose it.
type ImportSpec struct {
	Object string
	Path   string
	// Map holds the user's changes to the automatic mapping as
	// "Header=field" (or "Header=-" to skip), importer.Options.Map's form.
	Map           []string
	Match         string // "" = automatic (id, else the first unique field)
	CreateMissing bool
	SkipInvalid   bool
	UpdateOnly    bool
	DateFormat    string // "" = automatic
}

// ImportColumn is one column of the file and what it feeds.
type ImportColumn struct {
	Header string
	Field  string // "" = not imported
	Role   string // "" or "value" for the value itself; "first", "more", ... (transfer.Role)
	Reason string // why it is not imported
}

// ImportField is a field a column may be mapped to.
type ImportField struct {
	Name, Label string
}

// ImportPreview is the opened file: its columns as mapped, its first rows
// and the choices the wizard offers.
type ImportPreview struct {
	Path    string // as resolved (absolute), shown in the title
	Format  string
	Columns []ImportColumn
	Rows    [][]string
	Fields  []ImportField // importable fields of the object
	Matches []string      // fields rows may be matched on: id and the unique fields
}

// ImportProblem is one bad row of a dry run or an import.
type ImportProblem struct {
	Row                   int
	Column, Value, Reason string
}

// ImportResult is a dry run's or an import's outcome.
type ImportResult struct {
	File                                      string
	Match                                     string // the field rows were matched on
	Rows, Created, Updated, Unchanged, Errors int64
	Problems                                  []ImportProblem // the first few
	Omitted                                   int64           // bad rows not in Problems
	Written                                   bool
	// Err is what stopped the run ("" when it completed). Invalid says it
	// stopped because rows are bad (Problems lists them); Cancelled that
	// the user cancelled it.
	Err       string
	Invalid   bool
	Cancelled bool
}
