// Package props checks the properties every rewrite by unroot must have. The
// golden tests, the fuzzers and the corpus run all use it, so the three agree
// on what "correct" means:
//
//   - the output parses (BuildKit's parser and unroot's model);
//   - running unroot on the output changes nothing (idempotence);
//   - the unified diff, applied to the input, gives the output;
//   - no line outside an edit changes.
package props

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// ErrSkip is returned for an input unroot rightly refuses (it does not
// parse, or has no stage to change): there is nothing to check.
var ErrSkip = errors.New("input refused")

// Check runs unroot on src and checks every property. It returns the result
// of the first run.
func Check(name string, src []byte, opts transform.Options) (*transform.Result, error) {
	doc, err := parser.Parse(name, src)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSkip, err)
	}
	res, err := transform.Run(doc, opts)
	if err != nil {
		if errors.Is(err, transform.ErrInternal) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", ErrSkip, err)
	}
	out := res.Output
	if _, err := bkparser.Parse(bytes.NewReader(out)); err != nil {
		return res, fmt.Errorf("output does not parse: %v", err)
	}
	doc2, err := parser.Parse(name, out)
	if err != nil {
		return res, fmt.Errorf("output does not parse into the model: %v", err)
	}
	res2, err := transform.Run(doc2, opts)
	if err != nil {
		return res, fmt.Errorf("second run failed: %v", err)
	}
	if !bytes.Equal(res2.Output, out) {
		return res, fmt.Errorf("not idempotent: a second run changes the output:\n%s", diff.Unified(name, out, res2.Output))
	}
	d := diff.Unified("Dockerfile", src, out)
	applied, err := diff.Apply(src, d)
	if err != nil {
		return res, fmt.Errorf("diff does not apply: %v\n%s", err, d)
	}
	if !bytes.Equal(applied, out) {
		return res, fmt.Errorf("diff applied to the input does not give the output")
	}
	if err := UntouchedLines(doc, res.Edits, d); err != nil {
		return res, err
	}
	return res, nil
}

// UntouchedLines checks that every line a unified diff d of the document
// removes is one an edit touches (replaces bytes of, or inserts next to).
func UntouchedLines(doc *parser.Document, edits []transform.Edit, d string) error {
	edited := map[int]bool{}
	for _, e := range edits {
		for off := e.Start; off <= e.End && off <= len(doc.Src); off++ {
			edited[doc.LineAt(off)] = true
		}
		if e.Start > 0 {
			edited[doc.LineAt(e.Start-1)] = true
		}
	}
	old := 0
	for _, line := range strings.Split(d, "\n") {
		switch {
		case strings.HasPrefix(line, "@@ -"):
			old = atoiPrefix(strings.Fields(line)[1][1:])
			if old == 0 {
				old = 1
			}
		case strings.HasPrefix(line, "--- "), strings.HasPrefix(line, "+++ "):
		case strings.HasPrefix(line, "-"):
			if !edited[old] {
				return fmt.Errorf("line %d changed but no edit touches it: %q", old, line[1:])
			}
			old++
		case strings.HasPrefix(line, " "):
			old++
		}
	}
	return nil
}

func atoiPrefix(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
