package props

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/unroot/unroot/cli"
)

// BenchmarkCorpus runs, side by side over the same corpus (UNROOT_CORPUS),
// a parse-only pass (read each file, BuildKit's parser, as many files at
// once as unroot runs) and the whole `unroot -l` pipeline in-process, and
// reports their times and the ratio full/parse: what unroot costs over the
// parse any Dockerfile tool pays (make bench-corpus).
func BenchmarkCorpus(b *testing.B) {
	dirs := os.Getenv("UNROOT_CORPUS")
	if dirs == "" {
		b.Skip("set UNROOT_CORPUS to a directory of Dockerfiles (make corpus, make bench-corpus)")
	}
	files, err := CorpusFiles(dirs)
	if err != nil {
		b.Fatal(err)
	}
	args := append([]string{"-l"}, strings.Split(dirs, string(os.PathListSeparator))...)
	var parse, full, parseCPU, fullCPU time.Duration
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		parseAll(b, files)
		parse += time.Since(start)
		parseCPU += cpuTime() - cpu

		start, cpu = time.Now(), cpuTime()
		// Exit code 2 is expected: some corpus files are not valid
		// Dockerfiles, and unroot says so.
		cli.Main(cli.Extensions{}, args, strings.NewReader(""), io.Discard, io.Discard)
		full += time.Since(start)
		fullCPU += cpuTime() - cpu
	}
	n := float64(b.N)
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(parse.Seconds()*1000/n, "parse-ms/op")
	b.ReportMetric(full.Seconds()*1000/n, "unroot-ms/op")
	b.ReportMetric(full.Seconds()/parse.Seconds(), "ratio")
	// On a machine shared with other work, wall time varies from run to
	// run; the CPU time the process used (both cores, GC included) varies
	// less.
	b.ReportMetric(fullCPU.Seconds()/parseCPU.Seconds(), "cpu-ratio")
}

// cpuTime is the user and system time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// parseAll reads and parses every file with BuildKit's parser, with as many
// workers as the command line uses.
func parseAll(b *testing.B, files []string) {
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				src, err := os.ReadFile(f)
				if err != nil {
					b.Error(err)
					continue
				}
				bkparser.Parse(bytes.NewReader(src)) // errors are files unroot reports too
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}
