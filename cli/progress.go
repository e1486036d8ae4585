package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// Progress modes (--progress).
const (
	progressAuto   = "auto"   // on a terminal whose TERM is not dumb
	progressAlways = "always" // even when stderr is not a terminal
	progressNever  = "never"
)

// progress is the line "unroot: 120/412 files, 85 files/s" drawn on stderr
// while a large tree is processed, redrawn in place and cleared at the end,
// so that only the run's own output remains.
type progress struct {
	w       io.Writer
	total   int
	start   time.Time
	last    time.Time
	every   time.Duration // redraw at most this often
	delay   time.Duration // draw nothing for runs shorter than this
	drawn   bool
	lastLen int
}

// newProgress returns the progress line for a run of total files, or nil
// when it must not be drawn.
func newProgress(mode string, stderr io.Writer, total int) *progress {
	switch mode {
	case progressNever:
		return nil
	case progressAlways:
		return &progress{w: stderr, total: total, start: time.Now()}
	}
	f, ok := stderr.(*os.File)
	if !ok || total < 2 || os.Getenv("TERM") == "dumb" || os.Getenv("TERM") == "" || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{w: stderr, total: total, start: time.Now(), every: 100 * time.Millisecond, delay: 300 * time.Millisecond}
}

// clear removes the line before other output is written to stderr.
func (p *progress) clear() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprintf(p.w, "\r%*s\r", p.lastLen, "")
	p.drawn = false
}

// update draws done files of the total.
func (p *progress) update(done int) {
	if p == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < p.delay || (p.drawn && now.Sub(p.last) < p.every && done < p.total) {
		return
	}
	p.clear()
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
	line := fmt.Sprintf("unroot: %d/%d files, %.0f files/s", done, p.total, rate)
	fmt.Fprint(p.w, line)
	p.lastLen, p.drawn, p.last = len(line), true, now
}
