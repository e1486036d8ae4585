package transform_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/golden"
	"github.com/unroot/unroot/internal/props"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// goldenInputs loads every golden input: a mix of real-world shapes.
func goldenInputs(b *testing.B) [][]byte {
	inputs, err := golden.Inputs()
	if err != nil {
		b.Fatal(err)
	}
	return inputs
}

func totalSize(inputs [][]byte) int64 {
	var n int64
	for _, in := range inputs {
		n += int64(len(in))
	}
	return n
}

// benchParse parses every input once per iteration.
func benchParse(b *testing.B, inputs [][]byte) {
	b.SetBytes(totalSize(inputs))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			parser.Parse("Dockerfile", in)
		}
	}
}

// benchPipeline runs the whole pipeline (and the diff, when withDiff) on
// every input once per iteration.
func benchPipeline(b *testing.B, inputs [][]byte, withDiff bool) {
	b.SetBytes(totalSize(inputs))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			doc, err := parser.Parse("Dockerfile", in)
			if err != nil {
				continue
			}
			if res, err := transform.Run(doc, transform.Options{}); err == nil && withDiff {
				diff.Unified("Dockerfile", in, res.Output)
			}
		}
	}
}

// BenchmarkParse is the floor: parsing every golden input once.
func BenchmarkParse(b *testing.B) { benchParse(b, goldenInputs(b)) }

// BenchmarkPipeline is what a bulk run costs per file: parse, every pass,
// apply and the partial re-parse check. Compare with BenchmarkParse.
func BenchmarkPipeline(b *testing.B) { benchPipeline(b, goldenInputs(b), false) }

// BenchmarkPipelineWithDiff adds the unified diff (-d).
func BenchmarkPipelineWithDiff(b *testing.B) { benchPipeline(b, goldenInputs(b), true) }

// Pathological inputs: must finish in bounded time and memory.
func pathologicalRun(lines int) []byte {
	var sb strings.Builder
	sb.WriteString("FROM debian:bookworm\nRUN set -eux; \\\n")
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&sb, "    mkdir -p /srv/app%d && chmod g+w /srv/app%d && \\\n", i, i)
	}
	sb.WriteString("    true\nCMD [\"bash\"]\n")
	return []byte(sb.String())
}

// pathologicalMkdirs is one RUN per directory: the planner's cost once grew
// with the product of directories and instructions (4,000 lines: 8 s).
func pathologicalMkdirs(lines int) []byte {
	var sb strings.Builder
	sb.WriteString("FROM debian:bookworm\n")
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&sb, "RUN mkdir -p /app/d%d\n", i)
	}
	sb.WriteString("CMD [\"sh\"]\n")
	return []byte(sb.String())
}

func pathologicalStages(stages int) []byte {
	var sb strings.Builder
	sb.WriteString("FROM debian:bookworm AS s0\nRUN useradd -u 1000 app\n")
	for i := 1; i < stages; i++ {
		fmt.Fprintf(&sb, "FROM s%d AS s%d\nENV V%d=%d\nRUN echo %d\n", i-1, i, i, i, i)
	}
	sb.WriteString("USER app\n")
	return []byte(sb.String())
}

func benchmarkOne(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := parser.Parse("Dockerfile", src)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := transform.Run(doc, transform.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPathological10000LineRun(b *testing.B) { benchmarkOne(b, pathologicalRun(10000)) }
func BenchmarkPathological2000Stages(b *testing.B)   { benchmarkOne(b, pathologicalStages(2000)) }
func BenchmarkPathological4000Mkdirs(b *testing.B)   { benchmarkOne(b, pathologicalMkdirs(4000)) }
func BenchmarkPathological20000Mkdirs(b *testing.B)  { benchmarkOne(b, pathologicalMkdirs(20000)) }

// corpusInputs loads the Dockerfiles under the directories in $UNROOT_CORPUS
// (kept outside the repository), for BenchmarkCorpus*.
func corpusInputs(b *testing.B) [][]byte {
	dirs := os.Getenv("UNROOT_CORPUS")
	if dirs == "" {
		b.Skip("set UNROOT_CORPUS to a directory of Dockerfiles")
	}
	files, err := props.CorpusFiles(dirs)
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]byte, 0, len(files))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkCorpusParse and BenchmarkCorpusPipeline compare parsing alone
// with the whole run on real-world files.
func BenchmarkCorpusParse(b *testing.B)    { benchParse(b, corpusInputs(b)) }
func BenchmarkCorpusPipeline(b *testing.B) { benchPipeline(b, corpusInputs(b), false) }
