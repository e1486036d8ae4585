package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/unroot/unroot/transform"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), one run for
// the whole invocation. Regions count lines from 1 and columns in UTF-16
// code units (the SARIF default, stated in the run).

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool              `json:"tool"`
	Invocations        []sarifInvocation      `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifBaseID `json:"originalUriBaseIds"`
	ColumnKind         string                 `json:"columnKind"`
	Results            []sarifResult          `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifBaseID struct {
	Description sarifText `json:"description"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

// sarifBase is the uriBaseId of every file: the directory unroot ran in.
const sarifBase = "%SRCROOT%"

// fingerprintKey names unroot's partial fingerprint (versioned: a change to
// how it is computed gets a new key).
const fingerprintKey = "unroot/v1"

type sarifWriter struct {
	w       io.Writer
	opts    Options
	results []sarifResult
	notes   []sarifNotification
}

func (s *sarifWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	uri, rel := fileURI(f.Path)
	loc := sarifArtifactLocation{URI: uri}
	if rel {
		loc.URIBaseID = sarifBase
	}
	if f.Err != nil {
		s.notes = append(s.notes, sarifNotification{Level: "error", Message: sarifText{Text: sentence(f.Err.Error())},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}}})
		return nil
	}
	rules := transform.Rules()
	for fi, fm := range m.findings {
		r := sarifResult{
			RuleID:    fm.Rule,
			RuleIndex: -1,
			Level:     "warning",
			Message:   sarifText{Text: sentence(m.message(fi))},
			PartialFingerprints: map[string]string{
				fingerprintKey: fm.fingerprint,
			},
		}
		if r.RuleID == "" {
			r.RuleID = toolName
		}
		for i, rule := range rules {
			if rule.ID == fm.Rule {
				r.RuleIndex = i
			}
		}
		start, end := lines(fm.Finding)
		r.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: loc,
			Region:           &sarifRegion{StartLine: start, EndLine: end},
		}}}
		if len(fm.carried) > 0 {
			change := sarifArtifactChange{ArtifactLocation: loc}
			for _, si := range fm.carried {
				sg := m.suggestions[si]
				change.Replacements = append(change.Replacements, sarifReplacement{
					DeletedRegion:   lineRegion(m, sg.StartLine, sg.EndLine),
					InsertedContent: sarifText{Text: sg.Text},
				})
			}
			desc := "Apply unroot's change for " + fm.Rule + "."
			for _, si := range fm.carried {
				if note := m.suggestionNote(si); note != "" {
					desc += " " + note
				}
			}
			r.Fixes = []sarifFix{{Description: sarifText{Text: desc}, ArtifactChanges: []sarifArtifactChange{change}}}
		}
		s.results = append(s.results, r)
	}
	return nil
}

// lineRegion is the content of lines a..b: from column 1 of a to the end of
// b's content, before its terminator.
func lineRegion(m *fileModel, a, b int) sarifRegion {
	return sarifRegion{StartLine: a, StartColumn: 1, EndLine: b, EndColumn: utf16Len(m.res.Doc.LineText(b)) + 1}
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func (s *sarifWriter) Close() error {
	driver := sarifDriver{
		// SARIF asks for a version that starts with a number (a
		// development build is 0.0.0-dev).
		Name: toolName, Version: semanticVersion(s.opts.Version), SemanticVersion: semanticVersion(s.opts.Version),
		InformationURI: informationURI, Rules: []sarifRule{},
	}
	for _, r := range transform.Rules() {
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 pascalCase(r.Name),
			ShortDescription:     sarifText{Text: sentence(upperFirst(r.Summary))},
			FullDescription:      sarifText{Text: sentence(upperFirst(r.Summary)) + " " + sentence(r.Rationale)},
			Help:                 sarifText{Text: helpText(r), Markdown: helpMarkdown(r)},
			HelpURI:              r.URL,
			DefaultConfiguration: sarifConfiguration{Level: "warning"},
		})
	}
	results := s.results
	if results == nil {
		results = []sarifResult{}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{{ExecutionSuccessful: len(s.notes) == 0, ToolExecutionNotifications: s.notes}},
			OriginalURIBaseIDs: map[string]sarifBaseID{
				sarifBase: {Description: sarifText{Text: "The directory unroot ran in: the root of the repository."}},
			},
			ColumnKind: "utf16CodeUnits",
			Results:    results,
		}},
	}
	return writeJSON(s.w, log)
}

func helpText(r *transform.Rule) string {
	return fmt.Sprintf("%s %s What unroot does and how to fix it by hand: %s", sentence(upperFirst(r.Summary)), sentence(r.Rationale), r.URL)
}

func helpMarkdown(r *transform.Rule) string {
	return fmt.Sprintf("**%s**\n\n%s\n\nWhat unroot does, and how to fix it by hand: [%s](%s).", sentence(upperFirst(r.Summary)), sentence(r.Rationale), r.ID, r.URL)
}

// sentence ends text with a full stop (SARIF asks messages to be sentences).
func sentence(text string) string {
	text = strings.TrimSpace(text)
	if text == "" || strings.HasSuffix(text, ".") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, "?") {
		return text
	}
	return text + "."
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pascalCase turns a kebab-case rule name into the identifier SARIF asks
// for: numeric-user -> NumericUser.
func pascalCase(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		b.WriteString(upperFirst(part))
	}
	return b.String()
}

var semverRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)
})

// semanticVersion is the version as Semantic Versioning 2.0 (a development
// build is 0.0.0-dev).
func semanticVersion(v string) string {
	if m := semverRE().FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return "0.0.0-dev"
}

// writeJSON writes v as indented JSON with a final newline, without
// escaping <, > and & (the output is not HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
