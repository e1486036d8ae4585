package report

import (
	"io"
)

// unroot's own JSON report, version 1 (documented in docs/formats.md). A
// change that removes or renames a field, or changes its meaning, bumps
// jsonVersion; new fields may be added within a version.

const (
	jsonSchema  = "https://github.com/unroot/unroot/blob/main/docs/formats.md#json"
	jsonVersion = 1
)

type jsonReport struct {
	Schema  string     `json:"schema"`
	Version int        `json:"version"`
	Tool    jsonTool   `json:"tool"`
	Files   []jsonFile `json:"files"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFile struct {
	Path        string           `json:"path"`
	Changed     bool             `json:"changed"`
	Error       string           `json:"error,omitempty"`
	Skipped     string           `json:"skipped,omitempty"`
	Findings    []jsonFinding    `json:"findings"`
	Edits       []jsonEdit       `json:"edits"`
	Suggestions []jsonSuggestion `json:"suggestions"`
}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Name        string `json:"name"`
	Line        int    `json:"line"`
	EndLine     int    `json:"end_line"`
	Message     string `json:"message"`
	Status      string `json:"status"` // "fixed" or "reported"
	Fingerprint string `json:"fingerprint"`
	Edits       []int  `json:"edits"`
	Suggestions []int  `json:"suggestions"`
}

type jsonEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type jsonSuggestion struct {
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	Text      string `json:"text"`
	Findings  []int  `json:"findings"`
	Carrier   int    `json:"carrier"`
}

type jsonWriter struct {
	w     io.Writer
	opts  Options
	files []jsonFile
}

func (j *jsonWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	jf := jsonFile{Path: m.path, Findings: []jsonFinding{}, Edits: []jsonEdit{}, Suggestions: []jsonSuggestion{}}
	if f.Err != nil {
		jf.Error = f.Err.Error()
		j.files = append(j.files, jf)
		return nil
	}
	res := f.Result
	jf.Changed = res.Changed()
	jf.Skipped = res.Skipped
	for _, e := range res.Edits {
		jf.Edits = append(jf.Edits, jsonEdit{Start: e.Start, End: e.End, Text: e.Text})
	}
	for _, s := range m.suggestions {
		jf.Suggestions = append(jf.Suggestions, jsonSuggestion{StartLine: s.StartLine, EndLine: s.EndLine, Text: s.Text, Findings: s.Findings, Carrier: s.Carrier})
	}
	for fi, fm := range m.findings {
		jd := jsonFinding{
			Rule: fm.Rule, Line: fm.Line, EndLine: max(fm.EndLine, fm.Line), Message: m.message(fi),
			Status: "reported", Fingerprint: fm.fingerprint, Edits: nonNil(fm.edits), Suggestions: []int{},
		}
		if fm.rule != nil {
			jd.Name = fm.rule.Name
		}
		if fm.fixed {
			jd.Status = "fixed"
		}
		for si, s := range m.suggestions {
			for _, o := range s.Findings {
				if o == fi {
					jd.Suggestions = append(jd.Suggestions, si)
				}
			}
		}
		jf.Findings = append(jf.Findings, jd)
	}
	j.files = append(j.files, jf)
	return nil
}

func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func (j *jsonWriter) Close() error {
	files := j.files
	if files == nil {
		files = []jsonFile{}
	}
	return writeJSON(j.w, jsonReport{Schema: jsonSchema, Version: jsonVersion, Tool: jsonTool{Name: toolName, Version: j.opts.Version}, Files: files})
}
