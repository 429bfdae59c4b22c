package cli

import (
	"os"
	"strings"

	"github.com/spf13/cobra"

	"rolo/model"
	"rolo/store"
)

// Shell completion: cobra's built-in "completion" command writes the
// script; these functions supply the dynamic words (object, field, member,
// pipeline and stage names) by reading the workspace. They open it with no
// actor, so pressing Tab never creates a member.

type completeFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective)

const noFiles = cobra.ShellCompDirectiveNoFileComp

// completionStore opens the workspace read-only in spirit: no actor.
func (a *app) completionStore() *store.Store {
	if a.st != nil {
		return a.st
	}
	path, err := dbPath(a.dbFlag, a.getenv)
	if err != nil {
		return nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil // never create a workspace just to complete a word
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil
	}
	a.st = st // closed by Run like any other command's store
	return st
}

func (a *app) objectNames() []cobra.Completion {
	st := a.completionStore()
	if st == nil {
		return nil
	}
	var out []cobra.Completion
	for _, o := range st.Objects() {
		out = append(out, cobra.CompletionWithDesc(o.Name, o.Plural))
	}
	return out
}

// completeObjects completes the first argument with object names.
func (a *app) completeObjects(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return a.objectNames(), noFiles
	}
	return nil, noFiles
}

// fieldsOf lists the fields of the object named by args[0].
func (a *app) fieldsOf(args []string, writable bool) []model.Field {
	st := a.completionStore()
	if st == nil || len(args) == 0 {
		return nil
	}
	obj, err := st.Object(args[0])
	if err != nil {
		return nil
	}
	var out []model.Field
	for _, f := range obj.Fields {
		if !writable || settable(f) {
			out = append(out, f)
		}
	}
	return out
}

// completeObjectField completes OBJECT then FIELD.
func (a *app) completeObjectField(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return a.objectNames(), noFiles
	case 1:
		var out []cobra.Completion
		for _, f := range a.fieldsOf(args, false) {
			out = append(out, cobra.CompletionWithDesc(f.Name, f.Label+" ("+string(f.Type)+")"))
		}
		return out, noFiles
	}
	return nil, noFiles
}

// completeFieldAdd completes OBJECT, then (after the new name) the type.
func (a *app) completeFieldAdd(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return a.objectNames(), noFiles
	case 2:
		var out []cobra.Completion
		for _, t := range model.FieldTypes {
			out = append(out, string(t))
		}
		return out, noFiles
	}
	return nil, noFiles
}

// completeAssignments completes OBJECT, then "field=" words after the
// fixed arguments (OBJECT, or OBJECT ID); after "field=" it offers the
// field's select options.
func (a *app) completeAssignments(fixed int) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return a.objectNames(), noFiles
		}
		if len(args) < fixed {
			return nil, noFiles
		}
		fields := a.fieldsOf(args, true)
		if name, prefix, ok := strings.Cut(toComplete, "="); ok {
			var out []cobra.Completion
			for _, f := range fields {
				if f.Name != name {
					continue
				}
				for _, o := range f.Options {
					if strings.HasPrefix(o.Value, prefix) {
						out = append(out, cobra.CompletionWithDesc(name+"="+o.Value, o.Label))
					}
				}
			}
			return out, noFiles
		}
		var out []cobra.Completion
		for _, f := range fields {
			out = append(out, cobra.CompletionWithDesc(f.Name+"=", f.Label))
		}
		return out, noFiles | cobra.ShellCompDirectiveNoSpace
	}
}

// completeFieldList completes a comma-separated list of field names for
// --fields, --sort (with "-" for descending) and --match.
func (a *app) completeFieldList(sort bool) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		done := ""
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			done = toComplete[:i+1]
		}
		var out []cobra.Completion
		for _, f := range a.fieldsOf(args, false) {
			out = append(out, done+f.Name)
			if sort {
				out = append(out, done+"-"+f.Name)
			}
		}
		return out, noFiles | cobra.ShellCompDirectiveNoSpace
	}
}

func (a *app) completeMembers(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	st := a.completionStore()
	if st == nil || len(args) > 0 {
		return nil, noFiles
	}
	ms, err := st.Members(cmd.Context())
	if err != nil {
		return nil, noFiles
	}
	var out []cobra.Completion
	for _, m := range ms {
		out = append(out, cobra.CompletionWithDesc(m.Login, m.Name))
	}
	return out, noFiles
}

func (a *app) pipelineNames(cmd *cobra.Command) []cobra.Completion {
	st := a.completionStore()
	if st == nil {
		return nil
	}
	ps, err := st.Pipelines(cmd.Context())
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func (a *app) completePipelines(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return a.pipelineNames(cmd), noFiles
	}
	return nil, noFiles
}

// completeStages completes PIPELINE then one of its stages.
func (a *app) completeStages(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return a.pipelineNames(cmd), noFiles
	case 1:
		st := a.completionStore()
		if st == nil {
			return nil, noFiles
		}
		p, err := st.Pipeline(cmd.Context(), args[0])
		if err != nil {
			return nil, noFiles
		}
		var out []cobra.Completion
		for _, s := range p.Stages {
			out = append(out, s.Name)
		}
		return out, noFiles
	}
	return nil, noFiles
}
