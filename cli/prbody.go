package cli

import (
	"fmt"
	"strings"
)

// prWhy is the pull request's case for the change, in one paragraph.
const prWhy = `Platforms such as OpenShift and restricted Kubernetes namespaces run a
container as an arbitrary, non-root numeric user ID that the image does not
know in advance, always in group 0 (` + "`docker run -u 123456:0`" + `). An image
that assumes root, or a user created at build time, then fails at run time:
it cannot write its own directories, has no home or passwd entry, or cannot
bind its port. This change makes the image work under any such UID: files
the app writes belong to group 0 with group permissions equal to the
owner's, the final USER is numeric, and the start-up copes with a UID that
has no passwd entry.`

// prBody is the Markdown description of a run's changes for a pull
// request. It depends only on the files' findings, in the run's order, so
// that re-running on an updated branch gives the same text.
func prBody(s *runSummary) string {
	var b strings.Builder
	rules, counts := countRules(s.outcomes)
	changed := 0
	for _, o := range s.outcomes {
		if o.changed {
			changed++
		}
	}
	b.WriteString("# Run containers as an arbitrary non-root UID\n\n")
	b.WriteString("## Why\n\n" + prWhy + "\n\n")

	fmt.Fprintf(&b, "## What changed\n\n")
	fmt.Fprintf(&b, "[unroot](https://github.com/unroot/unroot) rewrote %d of %d Dockerfiles.\n\n", changed, len(s.outcomes))
	b.WriteString("| Rule | Fixed | Needs a human | Ignored by pragma |\n|---|---:|---:|---:|\n")
	for _, r := range rules {
		rc := counts[r.ID]
		if rc.fixed+rc.reported+rc.ignored == 0 {
			continue
		}
		fmt.Fprintf(&b, "| [%s %s](%s): %s | %d | %d | %d |\n", r.ID, r.Name, r.URL, mdCell(r.Summary), rc.fixed, rc.reported, rc.ignored)
	}
	b.WriteString("\n")

	var human []string
	for _, o := range s.outcomes {
		var fixed []string
		for _, f := range o.findings {
			if f.Fix != nil {
				fixed = append(fixed, fmt.Sprintf("- line %d, %s: %s", f.Line, f.Rule, mdText(f.Message)))
			} else {
				human = append(human, fmt.Sprintf("- `%s` line %d, %s: %s", o.label, f.Line, f.Rule, mdText(f.Message)))
			}
		}
		if o.changed && len(fixed) > 0 {
			fmt.Fprintf(&b, "### `%s`\n\n%s\n\n", o.label, strings.Join(fixed, "\n"))
		}
	}
	if len(human) > 0 {
		b.WriteString("## Needs a human\n\nunroot found these but did not change them; each says what to do.\n\n")
		b.WriteString(strings.Join(human, "\n") + "\n\n")
	}
	if s.errors > 0 {
		fmt.Fprintf(&b, "unroot could not process %d file(s); they are unchanged.\n\n", s.errors)
	}
	b.WriteString("## How to check\n\n")
	b.WriteString("Build each image and run it as an arbitrary UID in group 0:\n\n")
	b.WriteString("```sh\nunroot verify --build .\n```\n\n")
	b.WriteString("Each rule's documentation: `unroot rules UR001` (links in the table above).\n")
	return b.String()
}

// mdText makes a message safe in a Markdown list item.
func mdText(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "\n", " ")
	return r.Replace(s)
}

// mdCell makes text safe in a Markdown table cell.
func mdCell(s string) string {
	return strings.ReplaceAll(mdText(s), "|", `\|`)
}
