package report

import (
	"fmt"
	"io"
	"strings"
)

// A body for GitHub's "create a review for a pull request" API
// (POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews): event COMMENT,
// one comment per suggestion, on the lines of the file as the pull request
// has it (side RIGHT: unroot read the head of the pull request). Findings
// unroot reports without a change are listed in the review's body.

type reviewBody struct {
	Event    string          `json:"event"`
	Body     string          `json:"body"`
	Comments []reviewComment `json:"comments"`
}

type reviewComment struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Side      string `json:"side"`
	StartLine int    `json:"start_line,omitempty"`
	StartSide string `json:"start_side,omitempty"`
	Body      string `json:"body"`
}

type reviewWriter struct {
	w        io.Writer
	comments []reviewComment
	reported []string // findings without a suggestion, for the body
	errors   []string
	fixes    int
}

func (r *reviewWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	if f.Err != nil {
		r.errors = append(r.errors, fmt.Sprintf("- `%s`: %s", m.path, f.Err))
		return nil
	}
	for fi, fm := range m.findings {
		if !fm.fixed {
			start, _ := lines(fm.Finding)
			r.reported = append(r.reported, fmt.Sprintf("- `%s` line %d: **%s** %s", m.path, start, fm.Rule, m.message(fi)))
			continue
		}
		r.fixes++
		for n, si := range fm.carried {
			s := m.suggestions[si]
			var body strings.Builder
			fmt.Fprintf(&body, "**%s** (%s) %s", fm.Rule, ruleLink(fm), m.message(fi))
			if len(fm.carried) > 1 {
				fmt.Fprintf(&body, " (change %d of %d)", n+1, len(fm.carried))
			}
			if note := m.suggestionNote(si); note != "" {
				body.WriteString(" " + note)
			}
			body.WriteString("\n\n" + suggestionBlock(s.Text) + "\n")
			c := reviewComment{Path: m.path, Line: s.EndLine, Side: "RIGHT", Body: body.String()}
			if s.StartLine < s.EndLine {
				c.StartLine, c.StartSide = s.StartLine, "RIGHT"
			}
			r.comments = append(r.comments, c)
		}
	}
	return nil
}

func ruleLink(fm findingModel) string {
	if fm.rule == nil {
		return toolName
	}
	return fmt.Sprintf("[%s](%s)", fm.rule.Name, fm.rule.URL)
}

func (r *reviewWriter) Close() error {
	var b strings.Builder
	fmt.Fprintf(&b, "unroot suggests %d change(s) so that the image runs as an arbitrary non-root UID in group 0.", len(r.comments))
	if len(r.reported) > 0 {
		b.WriteString("\n\nFindings unroot does not change:\n\n" + strings.Join(r.reported, "\n"))
	}
	if len(r.errors) > 0 {
		b.WriteString("\n\nFiles unroot could not read:\n\n" + strings.Join(r.errors, "\n"))
	}
	comments := r.comments
	if comments == nil {
		comments = []reviewComment{}
	}
	return writeJSON(r.w, reviewBody{Event: "COMMENT", Body: b.String(), Comments: comments})
}
