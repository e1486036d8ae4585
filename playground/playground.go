// Package playground is what the browser playground computes: one
// Dockerfile and the options a visitor picks in, the patched file, its
// unified diff and the findings out. It is plain Go, tested natively; the
// WebAssembly entry point (playground/wasm) only moves JSON across.
package playground

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/unroot/unroot/cli/options"
	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// DefaultFilename labels the diff when the request names no file, as
// `unroot -d --filename Dockerfile` does.
const DefaultFilename = "Dockerfile"

// maxSize is the CLI's default --max-size: the playground refuses what the
// command would.
const maxSize = 1 << 20

// Request is one run: the file and the options, as the page's controls
// hold them (empty strings are the CLI's defaults).
type Request struct {
	Source   string   `json:"source"`
	Filename string   `json:"filename,omitempty"`
	UID      string   `json:"uid,omitempty"`    // --uid; "" = not given
	GID      string   `json:"gid,omitempty"`    // --gid; "" = 0
	Skip     []string `json:"skip,omitempty"`   // rule IDs turned off (--skip)
	Passwd   string   `json:"passwd,omitempty"` // --passwd; "" = not given
}

// Response is what the page shows.
type Response struct {
	Output   string    `json:"output"` // the patched file
	Diff     string    `json:"diff"`   // the bytes `unroot -d` prints; "" when unchanged
	Changed  bool      `json:"changed"`
	Findings []Finding `json:"findings"`
	Warnings []Warning `json:"warnings,omitempty"`
	Skipped  string    `json:"skipped,omitempty"` // why the file was left alone as a whole
	Error    *Error    `json:"error,omitempty"`   // the file or options could not be used
	Command  string    `json:"command"`           // the unroot command that prints Diff
}

// Finding is one rule's finding; Fixed says whether its fix is in Output
// (otherwise it is only reported).
type Finding struct {
	Rule    string `json:"rule,omitempty"` // "" for notes from the driver
	Name    string `json:"name,omitempty"`
	URL     string `json:"url,omitempty"` // the rule's documentation
	Line    int    `json:"line"`
	EndLine int    `json:"endLine"`
	Message string `json:"message"`
	Fixed   bool   `json:"fixed"`
}

// Warning is a note about the input from the parser.
type Warning struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Error is why nothing could be computed; Line is 0 when it is not about
// one line.
type Error struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
}

// Flags are the request's options as the command line's choices.
func (r Request) Flags() options.Flags {
	return options.Flags{
		UID: r.UID, UIDSet: r.UID != "", GID: r.GID,
		Skip:   r.Skip,
		Passwd: r.Passwd, PasswdSet: r.Passwd != "",
	}
}

// Args are the command-line arguments with which `unroot` prints the
// request's diff from standard input.
func (r Request) Args() []string {
	args := []string{"-d", "--filename", r.filename()}
	if r.UID != "" {
		args = append(args, "--uid", r.UID)
	}
	if r.GID != "" {
		args = append(args, "--gid", r.GID)
	}
	if len(r.Skip) > 0 {
		args = append(args, "--skip", strings.Join(r.Skip, ","))
	}
	if r.Passwd != "" {
		args = append(args, "--passwd", r.Passwd)
	}
	return args
}

func (r Request) filename() string {
	if r.Filename == "" {
		return DefaultFilename
	}
	return r.Filename
}

// Run computes the response to one request. It never panics: a failure
// inside the library becomes an Error, so one bad input cannot stop the
// WebAssembly program the page keeps running.
func Run(req Request) (resp Response) {
	resp.Command = "unroot " + strings.Join(req.Args(), " ") + " < " + req.filename()
	defer func() {
		if v := recover(); v != nil {
			resp = Response{Command: resp.Command, Error: &Error{Message: fmt.Sprintf("internal error: %v", v)}}
		}
	}()
	fail := func(err error) Response {
		e := &Error{Message: err.Error()}
		var pe *parser.Error
		if errors.As(err, &pe) {
			e.Line = pe.Line
		}
		resp.Error = e
		return resp
	}
	opts, err := req.Flags().Options()
	if err != nil {
		return fail(err)
	}
	name := req.filename()
	src := []byte(req.Source)
	if err := checkInput(src); err != nil {
		return fail(fmt.Errorf("%s: %w", name, err))
	}
	doc, err := parser.Parse(name, src)
	if err != nil {
		return fail(err)
	}
	res, err := transform.Run(doc, opts)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", name, err))
	}
	resp.Output = string(res.Output)
	resp.Changed = res.Changed()
	if resp.Changed {
		resp.Diff = diff.Unified(name, src, res.Output)
	}
	resp.Skipped = res.Skipped
	for _, w := range doc.Warnings {
		resp.Warnings = append(resp.Warnings, Warning{Line: w.Line, Message: w.Message})
	}
	resp.Findings = []Finding{}
	for _, f := range res.Findings {
		out := Finding{Rule: f.Rule, Line: f.Line, EndLine: f.EndLine, Message: f.Message, Fixed: f.Fix != nil}
		if r, ok := transform.LookupRule(f.Rule); ok && f.Rule != "" {
			out.Name, out.URL = r.Name, r.URL
		}
		resp.Findings = append(resp.Findings, out)
	}
	return resp
}

// checkInput refuses what the command refuses before parsing (cli's
// checkInput, with the default --max-size).
func checkInput(src []byte) error {
	if len(src) > maxSize {
		return fmt.Errorf("file larger than %d bytes (see --max-size)", maxSize)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF}))) == 0 {
		return fmt.Errorf("empty file: no instructions")
	}
	return nil
}

// Rule is a rule as the page lists it.
type Rule struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
}

// Rules are the rules in the order they run.
func Rules() []Rule {
	var out []Rule
	for _, r := range transform.Rules() {
		out = append(out, Rule{ID: r.ID, Name: r.Name, Summary: r.Summary, URL: r.URL})
	}
	return out
}
