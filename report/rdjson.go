package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// reviewdog's Diagnostic Format (rdjson: one DiagnosticResult; rdjsonl: one
// Diagnostic per line), as its JSON schema in reviewdog's proto/rdf defines
// it. Suggestions are line-based (no columns): their text replaces the
// whole lines of their range, and reviewdog posts them as GitHub suggestion
// blocks only when a diagnostic's comment range is its first suggestion's
// range, so each suggestion of a finding after the first gets a diagnostic
// of its own at its lines.

type rdResult struct {
	Source      rdSource       `json:"source"`
	Severity    string         `json:"severity"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      *rdSource      `json:"source,omitempty"`
	Code        *rdCode        `json:"code,omitempty"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	// OriginalOutput is the finding as unroot's text output has it, which
	// reviewdog -reporter=local prints.
	OriginalOutput string `json:"original_output,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdjsonWriter struct {
	w     io.Writer
	lines bool // rdjsonl
	diags []rdDiagnostic
}

var rdToolSource = rdSource{Name: toolName, URL: informationURI}

func (r *rdjsonWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	var diags []rdDiagnostic
	for fi, fm := range m.findings {
		start, end := lines(fm.Finding)
		d := rdDiagnostic{
			Message:  m.message(fi),
			Location: rdLocation{Path: m.path, Range: lineRangeRD(start, end)},
			Severity: "WARNING",
		}
		if r.lines {
			src := rdToolSource
			d.Source = &src
		}
		if fm.rule != nil {
			d.Code = &rdCode{Value: fm.rule.ID, URL: fm.rule.URL}
		}
		d.OriginalOutput = fmt.Sprintf("%s:%d: %s %s", m.path, start, fm.Rule, d.Message)
		for n, si := range fm.carried {
			s := m.suggestions[si]
			sug := rdSuggestion{Range: lineRangeRD(s.StartLine, s.EndLine), Text: s.Text}
			if n == 0 {
				d.Suggestions = []rdSuggestion{sug}
				if note := m.suggestionNote(si); note != "" {
					d.Message += " " + note
					d.OriginalOutput += " " + note
				}
				continue
			}
			more := d
			more.Message = fmt.Sprintf("%s (change %d of %d)", m.message(fi), n+1, len(fm.carried))
			if note := m.suggestionNote(si); note != "" {
				more.Message += " " + note
			}
			more.Location.Range = sug.Range
			more.OriginalOutput = fmt.Sprintf("%s:%d: %s %s", m.path, s.StartLine, fm.Rule, more.Message)
			more.Suggestions = []rdSuggestion{sug}
			diags = append(diags, more)
		}
		diags = append([]rdDiagnostic{d}, diags...)
		if err := r.emit(diags); err != nil {
			return err
		}
		diags = nil
	}
	return nil
}

// emit writes diagnostics now (rdjsonl) or keeps them for Close.
func (r *rdjsonWriter) emit(diags []rdDiagnostic) error {
	if !r.lines {
		r.diags = append(r.diags, diags...)
		return nil
	}
	enc := json.NewEncoder(r.w) // one line per value
	enc.SetEscapeHTML(false)
	for _, d := range diags {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

func lineRangeRD(a, b int) rdRange {
	return rdRange{Start: rdPosition{Line: a}, End: &rdPosition{Line: b}}
}

func (r *rdjsonWriter) Close() error {
	if r.lines {
		return nil
	}
	diags := r.diags
	if diags == nil {
		diags = []rdDiagnostic{}
	}
	return writeJSON(r.w, rdResult{Source: rdToolSource, Severity: "WARNING", Diagnostics: diags})
}
