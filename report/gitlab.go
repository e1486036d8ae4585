package report

import (
	"io"
)

// A GitLab Code Quality report (a JSON array of issues in the CodeClimate
// format GitLab reads from artifacts:reports:codequality).

type gitlabIssue struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Categories  []string       `json:"categories"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

type gitlabWriter struct {
	w      io.Writer
	issues []gitlabIssue
}

func (g *gitlabWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	for fi, fm := range m.findings {
		start, end := lines(fm.Finding)
		desc := fm.Rule + " " + m.message(fi)
		if fm.fixed {
			desc += " (unroot fixes this: unroot -w " + m.path + ")"
		}
		g.issues = append(g.issues, gitlabIssue{
			Type:        "issue",
			Description: desc,
			CheckName:   fm.Rule,
			Fingerprint: fm.fingerprint,
			Severity:    "major",
			Categories:  []string{"Security"},
			Location:    gitlabLocation{Path: m.path, Lines: gitlabLines{Begin: start, End: end}},
		})
	}
	return nil
}

func (g *gitlabWriter) Close() error {
	issues := g.issues
	if issues == nil {
		issues = []gitlabIssue{}
	}
	return writeJSON(g.w, issues)
}
