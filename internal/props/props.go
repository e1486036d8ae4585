// Package props checks the properties every rewrite by unroot must have. The
// golden tests, the fuzzers and the corpus run all use it, so the three agree
// on what "correct" means:
//
//   - the output parses (BuildKit's parser and unroot's model), and every RUN
//     script unroot changed or added parses as shell;
//   - running unroot on the output changes nothing (idempotence);
//   - the unified diff, applied to the input, gives the output;
//   - no byte outside an edit changes.
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
	if n, n2 := scriptsNotUnderstood(doc), scriptsNotUnderstood(doc2); n2 > n {
		return res, fmt.Errorf("a RUN script unroot changed or added does not parse as shell (%d scripts not understood, %d before)", n2, n)
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
	if err := UntouchedBytes(src, out, res.Edits); err != nil {
		return res, err
	}
	return res, nil
}

// scriptsNotUnderstood counts the RUN scripts that mvdan.cc/sh cannot parse:
// what unroot appends to a script or writes itself must keep it parsing.
func scriptsNotUnderstood(doc *parser.Document) int {
	n := 0
	for _, w := range doc.Warnings {
		if strings.HasPrefix(w.Message, "RUN script not understood") {
			n++
		}
	}
	return n
}

// UntouchedBytes checks that the output is the input outside the edits:
// every byte between two edits is the same, in the same order. (A line diff
// cannot tell this when identical lines can be aligned in more than one way.)
func UntouchedBytes(src, out []byte, edits []transform.Edit) error {
	pos, opos := 0, 0
	for _, e := range edits {
		if e.Start < pos || e.End > len(src) {
			return fmt.Errorf("edits out of order at byte %d", e.Start)
		}
		gap := src[pos:e.Start]
		if opos+len(gap) > len(out) || !bytes.Equal(out[opos:opos+len(gap)], gap) {
			return fmt.Errorf("bytes %d-%d of the input changed outside every edit", pos, e.Start)
		}
		opos += len(gap)
		if opos+len(e.Text) > len(out) || string(out[opos:opos+len(e.Text)]) != e.Text {
			return fmt.Errorf("the output does not hold the edit at byte %d", e.Start)
		}
		opos += len(e.Text)
		pos = e.End
	}
	if !bytes.Equal(out[opos:], src[pos:]) {
		return fmt.Errorf("the input after byte %d changed outside every edit", pos)
	}
	return nil
}
