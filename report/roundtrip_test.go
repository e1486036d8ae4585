package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/golden"
	"github.com/unroot/unroot/internal/props"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/report"
	"github.com/unroot/unroot/transform"
)

// input is one Dockerfile and the options to run unroot with.
type input struct {
	name string
	src  []byte
	opts transform.Options
}

func goldenInputs(t *testing.T) []input {
	cases, err := golden.Cases()
	if err != nil {
		t.Fatal(err)
	}
	var out []input
	for _, c := range cases {
		opts, err := cli.ParseOptions(c.Args)
		if err != nil {
			t.Fatalf("%s: flags %q: %v", c.Name, c.Args, err)
		}
		out = append(out, input{name: c.Name, src: c.Input, opts: opts})
	}
	return out
}

// corpusInputs are the files of UNROOT_CORPUS (none when it is unset), with
// the flags of UNROOT_CORPUS_ARGS.
func corpusInputs(t *testing.T) []input {
	dirs := os.Getenv("UNROOT_CORPUS")
	if dirs == "" {
		return nil
	}
	files, err := props.CorpusFiles(dirs)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := cli.ParseOptions(strings.Fields(os.Getenv("UNROOT_CORPUS_ARGS")))
	if err != nil {
		t.Fatal(err)
	}
	var out []input
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, input{name: f, src: src, opts: opts})
	}
	return out
}

// TestSuggestionsReproduceOutput applies every suggestion of every format
// that carries fixes, read back from the format's own output, to the
// original file, and requires unroot's patched file byte for byte; and
// checks that every format reports every finding. It runs over the golden
// cases, and over the corpus when UNROOT_CORPUS is set.
func TestSuggestionsReproduceOutput(t *testing.T) {
	inputs := goldenInputs(t)
	nGolden := len(inputs)
	corpus := corpusInputs(t)
	inputs = append(inputs, corpus...)
	var files, changed, errored, suggestions, findings, fixed int
	for _, in := range inputs {
		doc, err := parser.Parse(in.name, in.src)
		if err != nil {
			errored++
			continue
		}
		res, err := transform.Run(doc, in.opts)
		if err != nil {
			errored++
			continue
		}
		files++
		if res.Changed() {
			changed++
		}
		findings += len(res.Findings)
		for _, f := range res.Findings {
			if f.Fix != nil {
				fixed++
			}
		}
		n, err := checkAllFormats(doc, res)
		if err != nil {
			t.Errorf("%s: %v", in.name, err)
			continue
		}
		suggestions += n
	}
	t.Logf("suggestion round trip: %d files (%d golden, %d corpus; %d changed, %d refused by unroot), %d findings (%d fixed), %d suggestions per format applied, each format reproduced unroot's output on every file",
		files, nGolden, len(corpus), changed, errored, findings, fixed, suggestions)
	if nGolden == 0 || files < nGolden-5 {
		t.Fatalf("too few files checked: %d", files)
	}
}

// checkAllFormats writes res in each format, reads the suggestions back and
// applies them; it returns how many suggestions each format holds.
func checkAllFormats(doc *parser.Document, res *transform.Result) (int, error) {
	want, err := report.Suggestions(res)
	if err != nil {
		return 0, err
	}
	if got, err := report.ApplySuggestions(doc, want); err != nil || !bytes.Equal(got, res.Output) {
		return 0, fmt.Errorf("the suggestions themselves do not reproduce the output (err %v):\n%s", err, sideBySide(got, res.Output))
	}
	for _, format := range report.Formats {
		out := write(format, res)
		if out.err != nil {
			return 0, fmt.Errorf("%s: %v", format, out.err)
		}
		var got []byte
		var n int
		var err error
		switch format {
		case "sarif":
			got, n, err = applySARIF(doc, out.b, len(res.Findings))
		case "rdjson", "rdjsonl":
			got, n, err = applyRDJSON(doc, out.b, format == "rdjsonl", res.Findings)
		case "github-review":
			got, n, err = applyReview(doc, out.b)
		case "json":
			got, n, err = applyJSON(doc, out.b, len(res.Findings))
		case "github":
			err = checkGitHub(out.b, res.Findings)
		case "gitlab":
			err = checkGitLab(out.b, res.Findings)
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %v", format, err)
		}
		if got == nil {
			continue // an annotation format: no fixes
		}
		if n != len(want) {
			return 0, fmt.Errorf("%s: %d suggestions, want %d", format, n, len(want))
		}
		if !bytes.Equal(got, res.Output) {
			return 0, fmt.Errorf("%s: applying the suggestions does not give unroot's output:\n%s", format, sideBySide(got, res.Output))
		}
	}
	return len(want), nil
}

type written struct {
	b   []byte
	err error
}

func write(format string, res *transform.Result) written {
	var buf bytes.Buffer
	w, err := report.New(format, &buf, report.Options{Version: "1.2.3"})
	if err != nil {
		return written{err: err}
	}
	if err := w.Add(report.File{Path: "sub dir/Dockerfile", Result: res}); err != nil {
		return written{err: err}
	}
	if err := w.Close(); err != nil {
		return written{err: err}
	}
	return written{b: buf.Bytes()}
}

// lineSuggestion is a whole-line replacement read back from a format.
func lineSuggestion(a, b int, text string) report.Suggestion {
	return report.Suggestion{StartLine: a, EndLine: b, Text: text}
}

// applySARIF applies the replacements of every fix, located by line and
// UTF-16 column as SARIF says, to the original bytes.
func applySARIF(doc *parser.Document, b []byte, nFindings int) ([]byte, int, error) {
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Fixes               []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion struct {
								StartLine, StartColumn, EndLine, EndColumn int
							} `json:"deletedRegion"`
							InsertedContent struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		return nil, 0, err
	}
	if len(log.Runs) != 1 || log.Runs[0].ColumnKind != "utf16CodeUnits" {
		return nil, 0, fmt.Errorf("want one run counting UTF-16 code units")
	}
	if len(log.Runs[0].Results) != nFindings {
		return nil, 0, fmt.Errorf("%d results for %d findings", len(log.Runs[0].Results), nFindings)
	}
	type splice struct {
		start, end int
		text       string
	}
	var splices []splice
	for _, r := range log.Runs[0].Results {
		if r.PartialFingerprints["unroot/v1"] == "" {
			return nil, 0, fmt.Errorf("%s: no partial fingerprint", r.RuleID)
		}
		for _, fx := range r.Fixes {
			for _, ac := range fx.ArtifactChanges {
				if ac.ArtifactLocation.URI != "sub%20dir/Dockerfile" || ac.ArtifactLocation.URIBaseID != "%SRCROOT%" {
					return nil, 0, fmt.Errorf("artifact location %+v", ac.ArtifactLocation)
				}
				for _, rp := range ac.Replacements {
					d := rp.DeletedRegion
					start, err := offsetOf(doc, d.StartLine, d.StartColumn)
					if err != nil {
						return nil, 0, err
					}
					end, err := offsetOf(doc, d.EndLine, d.EndColumn)
					if err != nil {
						return nil, 0, err
					}
					splices = append(splices, splice{start, end, rp.InsertedContent.Text})
				}
			}
		}
	}
	slices.SortFunc(splices, func(x, y splice) int { return x.start - y.start })
	var out []byte
	pos := 0
	for _, s := range splices {
		if s.start < pos || s.end < s.start {
			return nil, 0, fmt.Errorf("replacements overlap at byte %d", s.start)
		}
		out = append(append(out, doc.Src[pos:s.start]...), s.text...)
		pos = s.end
	}
	return append(out, doc.Src[pos:]...), len(splices), nil
}

// offsetOf is the byte offset of a 1-based line and UTF-16 column.
func offsetOf(doc *parser.Document, line, col int) (int, error) {
	if line < 1 || line > len(doc.Lines) || col < 1 {
		return 0, fmt.Errorf("line %d column %d is outside the file", line, col)
	}
	ln := doc.Lines[line-1]
	units := 0
	for i, r := range string(doc.Src[ln.Start:ln.End]) {
		if units == col-1 {
			return ln.Start + i, nil
		}
		units += len(utf16.Encode([]rune{r}))
	}
	if units == col-1 {
		return ln.End, nil
	}
	return 0, fmt.Errorf("line %d has no column %d", line, col)
}

// applyRDJSON applies the suggestions of every diagnostic, and checks that
// every finding has a diagnostic at its line with its rule.
func applyRDJSON(doc *parser.Document, b []byte, jsonl bool, fs []transform.Finding) ([]byte, int, error) {
	type diag struct {
		Message  string
		Location struct {
			Path  string
			Range struct{ Start, End struct{ Line, Column int } }
		}
		Code        struct{ Value string }
		Suggestions []struct {
			Range struct{ Start, End struct{ Line, Column int } }
			Text  string
		}
	}
	var diags []diag
	if jsonl {
		for _, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var d diag
			if err := json.Unmarshal(line, &d); err != nil {
				return nil, 0, err
			}
			diags = append(diags, d)
		}
	} else {
		var res struct{ Diagnostics []diag }
		if err := json.Unmarshal(b, &res); err != nil {
			return nil, 0, err
		}
		diags = res.Diagnostics
	}
	var sugs []report.Suggestion
	at := map[string]int{}
	for _, d := range diags {
		if d.Location.Path != "sub dir/Dockerfile" {
			return nil, 0, fmt.Errorf("path %q", d.Location.Path)
		}
		at[fmt.Sprintf("%s@%d", d.Code.Value, d.Location.Range.Start.Line)]++
		for _, s := range d.Suggestions {
			if s.Range.Start.Column != 0 || s.Range.End.Column != 0 {
				return nil, 0, fmt.Errorf("suggestion with columns: not line-based")
			}
			sugs = append(sugs, lineSuggestion(s.Range.Start.Line, s.Range.End.Line, s.Text))
		}
	}
	for _, f := range fs {
		k := fmt.Sprintf("%s@%d", f.Rule, max(f.Line, 1))
		if at[k] == 0 {
			return nil, 0, fmt.Errorf("no diagnostic for %s", k)
		}
		at[k]--
	}
	got, err := report.ApplySuggestions(doc, sugs)
	return got, len(sugs), err
}

var suggestionRE = regexp.MustCompile("(?s)\n\n(`{3,})suggestion\n(.*)\n(`{3,})\n$")

// applyReview applies the suggestion block of every review comment to the
// lines it comments on.
func applyReview(doc *parser.Document, b []byte) ([]byte, int, error) {
	var body struct {
		Event    string
		Comments []struct {
			Path      string
			Line      int
			StartLine int `json:"start_line"`
			Side      string
			StartSide string `json:"start_side"`
			Body      string
		}
	}
	if err := json.Unmarshal(b, &body); err != nil {
		return nil, 0, err
	}
	if body.Event != "COMMENT" {
		return nil, 0, fmt.Errorf("event %q", body.Event)
	}
	var sugs []report.Suggestion
	for _, c := range body.Comments {
		if c.Side != "RIGHT" || c.Path != "sub dir/Dockerfile" || (c.StartLine != 0 && (c.StartSide != "RIGHT" || c.StartLine >= c.Line)) {
			return nil, 0, fmt.Errorf("comment placed at %+v", c)
		}
		m := suggestionRE.FindStringSubmatch(c.Body)
		if m == nil || m[1] != m[3] {
			return nil, 0, fmt.Errorf("no suggestion block in %q", c.Body)
		}
		start := c.StartLine
		if start == 0 {
			start = c.Line
		}
		sugs = append(sugs, lineSuggestion(start, c.Line, m[2]))
	}
	got, err := report.ApplySuggestions(doc, sugs)
	return got, len(sugs), err
}

// applyJSON checks unroot's own report: its edits give the output, and so
// do its suggestions.
func applyJSON(doc *parser.Document, b []byte, nFindings int) ([]byte, int, error) {
	var rep struct {
		Version int
		Files   []struct {
			Path     string
			Findings []struct {
				Rule, Status string
			}
			Edits []struct {
				Start, End int
				Text       string
			}
			Suggestions []struct {
				StartLine int `json:"start_line"`
				EndLine   int `json:"end_line"`
				Text      string
			}
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, 0, err
	}
	if rep.Version != 1 || len(rep.Files) != 1 || len(rep.Files[0].Findings) != nFindings {
		return nil, 0, fmt.Errorf("want version 1, one file, %d findings", nFindings)
	}
	f := rep.Files[0]
	var byEdits []byte
	pos := 0
	for _, e := range f.Edits {
		byEdits = append(append(byEdits, doc.Src[pos:e.Start]...), e.Text...)
		pos = e.End
	}
	byEdits = append(byEdits, doc.Src[pos:]...)
	var sugs []report.Suggestion
	for _, s := range f.Suggestions {
		sugs = append(sugs, lineSuggestion(s.StartLine, s.EndLine, s.Text))
	}
	got, err := report.ApplySuggestions(doc, sugs)
	if err == nil && !bytes.Equal(got, byEdits) {
		err = fmt.Errorf("its edits and its suggestions disagree")
	}
	return got, len(sugs), err
}

var workflowRE = regexp.MustCompile(`^::warning file=([^,]*),line=(\d+),endLine=(\d+),title=([^:]*)::(.*)$`)

// checkGitHub checks one annotation per finding, at its line, with no raw
// newline in a message.
func checkGitHub(b []byte, fs []transform.Finding) error {
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(fs) == 0 {
		if len(b) != 0 {
			return fmt.Errorf("output without findings: %q", b)
		}
		return nil
	}
	if len(lines) != len(fs) {
		return fmt.Errorf("%d lines for %d findings", len(lines), len(fs))
	}
	for i, l := range lines {
		m := workflowRE.FindStringSubmatch(l)
		if m == nil {
			return fmt.Errorf("not a workflow command: %q", l)
		}
		if m[1] != "sub dir/Dockerfile" || m[2] != fmt.Sprint(max(fs[i].Line, 1)) || !strings.HasPrefix(m[4], fs[i].Rule+" ") {
			return fmt.Errorf("annotation %q for finding %+v", l, fs[i])
		}
	}
	return nil
}

// checkGitLab checks one issue per finding, at its line, with distinct
// fingerprints.
func checkGitLab(b []byte, fs []transform.Finding) error {
	var issues []struct {
		CheckName   string `json:"check_name"`
		Fingerprint string
		Severity    string
		Description string
		Location    struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	if err := json.Unmarshal(b, &issues); err != nil {
		return err
	}
	if len(issues) != len(fs) {
		return fmt.Errorf("%d issues for %d findings", len(issues), len(fs))
	}
	seen := map[string]bool{}
	for i, is := range issues {
		if is.CheckName != fs[i].Rule || is.Location.Lines.Begin != max(fs[i].Line, 1) || is.Location.Path != "sub dir/Dockerfile" || is.Description == "" {
			return fmt.Errorf("issue %+v for finding %+v", is, fs[i])
		}
		if seen[is.Fingerprint] || is.Fingerprint == "" {
			return fmt.Errorf("fingerprint %q empty or repeated", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	return nil
}

// sideBySide shows got and want for a failure.
func sideBySide(got, want []byte) string {
	return fmt.Sprintf("--- got ---\n%s\n--- want ---\n%s", got, want)
}
