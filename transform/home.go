package transform

import "fmt"

// The HOME pass. Docker sets HOME=/ for a UID without a passwd entry, so
// anything that writes under ~ fails under an arbitrary UID (Jupyter dies at
// start on '/.local'). The final stage gets an ENV HOME that exists and is
// group-0 writable.
func ruleWritableHome() *Rule {
	return &Rule{
		ID:      "UR003",
		Name:    "writable-home",
		Summary: "the final stage must set HOME to a directory that exists and group 0 can write",
		Rationale: "A UID with no /etc/passwd entry gets HOME=/, which it cannot write: tools that keep caches, " +
			"configuration or history under ~ fail at start. An explicit ENV HOME pointing at a group-0 writable " +
			"directory works for any UID.",
		URL:   docsURL("UR003"),
		Check: checkHome,
	}
}

// OrderHome sorts ENV HOME after the RUNs that open directories and before
// the final USER.
const OrderHome = OrderUser - 10

func checkHome(p *Pass) {
	doc, t := p.Doc, p.Target
	sf := sharedStageFacts(p)
	hc := sharedHome(p)
	if hc.Problem != "" {
		line := hc.Line
		if line == 0 {
			line = t.Stage.From.StartLine
		}
		p.Report(Finding{Line: line, Message: hc.Problem})
		return
	}
	if !hc.Existing {
		e := t.InsertRoot(doc, "ENV HOME="+quoteShellPath(hc.Path))
		e.Order = OrderHome
		line := t.Stage.From.StartLine
		if t.User != nil {
			line = t.User.StartLine
		}
		p.Report(Finding{Line: line, Message: fmt.Sprintf(
			"no ENV HOME: under a UID without a passwd entry HOME is /, which it cannot write; set HOME=%s (%s)", hc.Path, hc.Why),
			Fix: &Fix{Edits: []Edit{e}}})
	}
	if ruleSelected(p.Options, "UR002") {
		return // UR002 opens HOME to group 0 with the app's other directories
	}
	extra := map[string]dirSource{hc.Path: {Kind: "new HOME"}}
	if hc.Existing {
		extra[hc.Path] = dirSource{Kind: "HOME", Line: hc.Line}
	}
	dirs, _ := appDirectories(sf, t, extra)
	var only []*appDir
	for _, d := range dirs {
		if d.Path == hc.Path {
			only = append(only, d)
		}
	}
	if len(only) == 0 {
		return
	}
	for _, f := range newPermPlanner(sf, t, p.Options).plan(only) {
		p.Report(f)
	}
}
