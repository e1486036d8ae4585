// Package transform holds unroot's rules. Each rule is data (a stable ID, a
// name, a summary and a rationale) plus a check that reads the parsed
// document and reports findings; a finding may carry a fix made of text
// edits. Checks never touch the file: the driver applies every fix at once to
// the original bytes (see apply.go), in the manner of go/analysis.
package transform

import "strings"

// Rule describes one kind of problem unroot finds and fixes.
type Rule struct {
	ID        string // stable: "UR001"
	Name      string // short kebab-case name: "numeric-user"
	Summary   string // one line
	Rationale string // why it matters under an arbitrary UID
	URL       string // documentation
	Check     func(p *Pass)
}

// Rules returns every rule, in the order their checks run. The order
// matters: later checks read what earlier ones decided through the Pass
// (UR002 opens the directories UR003 may choose as HOME; UR004 places tini
// before UR005 puts its start-up script after it). A new rule is added here.
//
// The rules are made anew on each call (six small values), so no package
// state ties a rule's check to the list that holds it.
func Rules() []*Rule {
	return []*Rule{
		ruleNumericUser(),      // UR001
		ruleGroupPermissions(), // UR002
		ruleWritableHome(),     // UR003
		ruleInitProcess(),      // UR004
		rulePasswdEntry(),      // UR005
		rulePrivilegedPort(),   // UR006
	}
}

// LookupRule finds a rule by ID (case-insensitive) or name.
func LookupRule(idOrName string) (*Rule, bool) {
	for _, r := range Rules() {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

// docsURL is where each rule's documentation lives in the repository.
func docsURL(id string) string {
	return "https://github.com/unroot/unroot/blob/main/docs/rules/" + id + ".md"
}
