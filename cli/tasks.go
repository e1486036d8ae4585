package cli

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	reportfmt "github.com/unroot/unroot/report"
)

// A task is the work for one file (or one error to report). Tasks run
// concurrently; what each prints is collected in its report and written in
// the order of the tasks, so output is the same as a sequential run.
type task func(r *report)

// report is what one task prints and how it ended.
type report struct {
	stdout, stderr              bytes.Buffer
	changed, failed, unresolved bool
	outcome                     *fileOutcome // nil but for a file processed
	// file is what --format reports of the file (nil without --format,
	// and for errors met before a file was read).
	file *reportfmt.File
}

// fileError records that unroot could not process the file named label,
// for --format.
func (r *report) fileError(label string, err error) {
	r.file = &reportfmt.File{Path: label, Err: err}
}

func (r *report) errorf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(&r.stderr, format+"\n", args...)
}

// workers is how many files are processed at once.
var workers = runtime.GOMAXPROCS(0)

func (c *config) runTasks(tasks []task) {
	reports := make([]*report, len(tasks))
	done := make([]chan struct{}, len(tasks))
	sem := make(chan struct{}, max(1, workers))
	var wg sync.WaitGroup
	for i, t := range tasks {
		reports[i] = &report{}
		done[i] = make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			defer close(done[i])
			t(reports[i])
		}()
	}
	bar := newProgress(c.fleet.progress, c.stderr, len(tasks))
	for i := range tasks {
		<-done[i]
		r := reports[i]
		if r.stderr.Len() > 0 || r.stdout.Len() > 0 {
			bar.clear()
		}
		c.stdout.Write(r.stdout.Bytes())
		c.stderr.Write(r.stderr.Bytes())
		c.fleet.summary.add(r)
		bar.update(i + 1)
		c.changed = c.changed || r.changed
		c.failed = c.failed || r.failed
		c.unresolved = c.unresolved || r.unresolved
		if c.formatter != nil && r.file != nil {
			if err := c.formatter.Add(*r.file); err != nil {
				fmt.Fprintf(c.stderr, "unroot: --format %s: %v\n", c.format, err)
				c.failed = true
			}
		}
		reports[i] = nil
	}
	bar.clear()
	wg.Wait()
}
