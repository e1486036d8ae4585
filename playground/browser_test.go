package playground_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/playground/site"
)

// Limits the issue sets for the playground.
const (
	maxWasmBytes     = 12_000_000
	maxWasmGzipBytes = 4_000_000
	maxFirstDiff     = time.Second
	maxUpdate        = 100 * time.Millisecond
)

// TestBrowser builds the playground, serves it and drives it in headless
// Chromium: the diff it shows must be the bytes `unroot -d` prints for the
// same file and options. Screenshots go to $UNROOT_PLAYGROUND_SHOTS (a
// temporary directory when unset).
func TestBrowser(t *testing.T) {
	if os.Getenv("UNROOT_BROWSER_TESTS") != "1" {
		t.Skip("set UNROOT_BROWSER_TESTS=1 to run the playground in headless Chromium (make integration-playground)")
	}
	chromium := findChromium(t)
	shots := os.Getenv("UNROOT_PLAYGROUND_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	out := t.TempDir()
	st, err := site.Build(site.Config{Root: "..", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built in %v: %s %d bytes (%.2f MB), %d gzip-compressed (%.2f MB)", time.Since(start).Round(time.Millisecond),
		site.WasmFile, st.Wasm, float64(st.Wasm)/1e6, st.WasmGzip, float64(st.WasmGzip)/1e6)
	if st.Wasm >= maxWasmBytes || st.WasmGzip >= maxWasmGzipBytes {
		t.Errorf("wasm too large: %d bytes (limit %d), %d gzip (limit %d)", st.Wasm, maxWasmBytes, st.WasmGzip, maxWasmGzipBytes)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		// Without these Chromium dials out at start, which a closed
		// network refuses (and a test has no business doing).
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()

	jupyter := readFile(t, "../examples/jupyter-notebook/Dockerfile")
	node := readFile(t, "examples/node-express.Dockerfile")

	p := &page{t: t, ctx: browser}
	p.do(chromedp.EmulateViewport(1280, 800))

	t.Run("first load shows the Jupyter example's diff", func(t *testing.T) {
		p.t = t
		p.cpuTime() // from here on the renderer counts its main thread's time
		p.open(srv.URL + "/")
		firstDiffMs := eval[float64](p, `window.unrootPlaygroundStats.firstDiffMs`)
		computedMs := eval[float64](p, `window.unrootPlaygroundStats.firstComputedMs`)
		thread, process := p.cpuTime()
		if from := eval[string](p, `window.unrootPlaygroundStats.firstDiffFrom`); from != "build" {
			t.Errorf("the first diff came from %q, want the example's result computed at build time", from)
		}
		t.Logf("time to first diff after navigation start: %.0f ms, the example's result computed at build time; "+
			"the WebAssembly module's first result (what a shared link or an edit waits for) at %.0f ms (%s); load average %s", firstDiffMs, computedMs,
			eval[string](p, `(s => "DOMContentLoaded " + Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd) + " ms, wasm compiled " + Math.round(s.wasmReadyMs) + " ms, Go started " + Math.round(s.goStartedMs) + " ms, first run " + Math.round(s.lastWasmMs) + " ms")(window.unrootPlaygroundStats)`), loadAverage())
		t.Logf("renderer CPU time up to the module's first result: main thread %.0f ms, all threads %.0f ms", thread, process)
		checkTime(t, "first diff", firstDiffMs, thread, maxFirstDiff)
		// What was shown before the module started is what the module
		// computes, for every example: the build-time results cannot
		// drift from the library.
		for _, id := range eval[[]string](p, `window.UNROOT_PLAYGROUND_DATA.examples.map(e => e.id)`) {
			same := eval[bool](p, `(ex => JSON.stringify(JSON.parse(window.unrootPlayground(JSON.stringify({source: ex.source, uid: "", gid: "", passwd: "", skip: []})))) === JSON.stringify(ex.result))(window.UNROOT_PLAYGROUND_DATA.examples.find(e => e.id === `+strconv.Quote(id)+`))`)
			if !same {
				t.Errorf("example %s: the module's result differs from the one computed at build time", id)
			}
		}
		if got := p.value("#source"); got != jupyter {
			t.Errorf("editor does not hold the Jupyter example:\n%s", got)
		}
		p.checkDiff(jupyter, "-d", "--filename", "Dockerfile")
		p.screenshot(filepath.Join(shots, "playground-1280x800-jupyter.png"), false)
	})

	edited := node + "RUN mkdir -p /var/cache/app\n"
	wantArgs := []string{"-d", "--filename", "Dockerfile", "--uid", "12345", "--skip", "UR004", "--passwd", "writable"}
	t.Run("load, edit, set options, toggle a rule: the CLI's diff", func(t *testing.T) {
		p.t = t
		p.change("#example", "node-express")
		if got := p.value("#source"); got != node {
			t.Fatalf("example not loaded:\n%s", got)
		}
		p.checkDiff(node, "-d", "--filename", "Dockerfile")
		// Type at the end of the file, as a visitor does.
		eval[bool](p, `(() => { const s = document.getElementById("source"); s.setSelectionRange(s.value.length, s.value.length); return true; })()`)
		n := p.updates()
		p.do(chromedp.SendKeys(chromedp.CSS("#source"), "RUN mkdir -p /var/cache/app\n"))
		p.waitUpdate(n)
		if got := p.value("#source"); got != edited {
			t.Fatalf("typed text not in the editor:\n%q", got)
		}
		if typed := p.updates() - n; typed >= len("RUN mkdir -p /var/cache/app\n") {
			t.Errorf("%d updates for %d keystrokes: not debounced", typed, len("RUN mkdir -p /var/cache/app\n"))
		}
		n = p.updates()
		p.do(chromedp.SendKeys(chromedp.CSS("#uid"), "12345"))
		p.waitUpdate(n)
		p.change("#passwd", "writable")
		n = p.updates()
		p.do(chromedp.Click(chromedp.CSS("#rule-UR004")))
		p.waitUpdate(n)
		p.checkDiff(edited, wantArgs...)

		// The other tab shows the patched file: the command's output without -d.
		p.do(chromedp.Click(chromedp.CSS("#tab-patched")))
		var stdout, stderr bytes.Buffer
		cli.Main(cli.Extensions{}, wantArgs[1:], strings.NewReader(edited), &stdout, &stderr)
		if got := eval[string](p, `document.getElementById("diff").hidden + " " + document.getElementById("patched").textContent`); got != "true "+stdout.String() {
			t.Errorf("patched-file tab shows %q; want the output of unroot %v", got, wantArgs[1:])
		}
		p.do(chromedp.Click(chromedp.CSS("#tab-diff")))

		rules := eval[[]string](p, `[...document.querySelectorAll("#findings li .rule a")].map(a => a.textContent.split(" ")[0] + " " + a.getAttribute("href"))`)
		if len(rules) == 0 {
			t.Fatal("no findings listed")
		}
		for _, r := range rules {
			id, href, _ := strings.Cut(r, " ")
			if id == "UR004" {
				t.Errorf("UR004 is off but listed: %s", r)
			}
			if !strings.HasSuffix(href, "/docs/rules/"+id+".md") {
				t.Errorf("finding %s links to %s", id, href)
			}
		}
		reported := eval[string](p, `[...document.querySelectorAll("#findings li")].filter(li => li.textContent.includes("UR006")).map(li => li.querySelector(".kind").textContent + " " + li.dataset.line).join()`)
		if reported != "reported 14" {
			t.Errorf("UR006 (EXPOSE 80, line 14) shown as %q", reported)
		}
		// A click on the finding selects its line in the editor.
		p.do(chromedp.Click(chromedp.CSS(`#findings li[data-line="14"] .message`)))
		sel := eval[string](p, `(() => { const s = document.getElementById("source"); return s.value.slice(s.selectionStart, s.selectionEnd) + "|" + document.querySelector("#gutter .mark").textContent; })()`)
		if sel != "EXPOSE 80|14" {
			t.Errorf("after a click on the line-14 finding, selection|marked line = %q", sel)
		}
		p.screenshot(filepath.Join(shots, "playground-1280x800-node-options.png"), false)
	})

	t.Run("copy and download hand the browser the patched file and the diff", func(t *testing.T) {
		p.t = t
		// Catch what the page gives the clipboard and the download link.
		eval[bool](p, `(() => {
			window.caught = {};
			navigator.clipboard.writeText = async (text) => { window.caught.clipboard = text; };
			const create = URL.createObjectURL;
			URL.createObjectURL = (blob) => { blob.text().then((text) => { window.caught.download = text; }); return create(blob); };
			HTMLAnchorElement.prototype.click = function () { window.caught.filename = this.download; };
			return true;
		})()`)
		p.do(chromedp.Click(chromedp.CSS("#copy")), chromedp.Click(chromedp.CSS("#download")))
		caught := get(p, chromedp.Poll[map[string]string](`window.caught.download !== undefined && window.caught`, chromedp.WithPollingTimeout(10*time.Second)))
		var diffOut, fileOut, stderr bytes.Buffer
		cli.Main(cli.Extensions{}, wantArgs, strings.NewReader(edited), &diffOut, &stderr)
		cli.Main(cli.Extensions{}, wantArgs[1:], strings.NewReader(edited), &fileOut, &stderr)
		if caught["clipboard"] != fileOut.String() {
			t.Errorf("copied %q; want the patched file", caught["clipboard"])
		}
		if caught["download"] != diffOut.String() || caught["filename"] != "Dockerfile.unroot.patch" {
			t.Errorf("downloaded %q as %q; want the diff", caught["download"], caught["filename"])
		}
	})

	t.Run("a shared link restores the state", func(t *testing.T) {
		p.t = t
		link := get(p, chromedp.Poll[string](`location.hash.startsWith("#s=") && location.href`, chromedp.WithPollingTimeout(10*time.Second)))
		t.Logf("link: %d characters for a %d-byte file", len(link), len(edited))
		// A new tab, as a visitor following the link gets.
		tab, cancelTab := chromedp.NewContext(browser)
		defer cancelTab()
		q := &page{t: t, ctx: tab}
		q.do(chromedp.EmulateViewport(1280, 800))
		q.open(link)
		t.Logf("a shared link in a browser that has loaded the page before: first diff (the module's) %.0f ms after navigation start (%s); load average %s",
			eval[float64](q, `window.unrootPlaygroundStats.firstDiffMs`),
			eval[string](q, `(s => "from " + s.firstDiffFrom + ", wasm compiled " + Math.round(s.wasmReadyMs) + " ms, Go started " + Math.round(s.goStartedMs) + " ms, first run " + Math.round(s.lastWasmMs) + " ms")(window.unrootPlaygroundStats)`), loadAverage())
		if got := q.value("#source"); got != edited {
			t.Errorf("editor after the link:\n%q\nwant\n%q", got, edited)
		}
		opts := eval[string](q, `[uid.value, gid.value, passwd.value, document.getElementById("rule-UR004").checked, document.getElementById("rule-UR001").checked].join()`)
		if opts != "12345,,writable,false,true" {
			t.Errorf("options after the link (uid,gid,passwd,UR004,UR001) = %q", opts)
		}
		q.checkDiff(edited, wantArgs...)
	})

	t.Run("a malformed Dockerfile shows the parse error and its line", func(t *testing.T) {
		p.t = t
		p.setSource("FROM debian:12\nRUN <<EOF\necho hi\n")
		got := eval[string](p, `[document.getElementById("error").hidden, error.textContent, error.dataset.line, document.querySelector("#gutter .err")?.textContent, document.getElementById("diff").textContent].join("|")`)
		if got != "false|Dockerfile:2: unterminated heredoc|2|2|" {
			t.Errorf("error shown as hidden|text|line|marked line|diff = %q", got)
		}
		var stdout, stderr bytes.Buffer
		cli.Main(cli.Extensions{}, []string{"-d", "--filename", "Dockerfile"}, strings.NewReader("FROM debian:12\nRUN <<EOF\necho hi\n"), &stdout, &stderr)
		if !strings.Contains(stderr.String(), "Dockerfile:2: unterminated heredoc") {
			t.Errorf("the CLI says %q", stderr.String())
		}
		p.screenshot(filepath.Join(shots, "playground-1280x800-error.png"), false)
	})

	t.Run("updates of a 200-line file", func(t *testing.T) {
		p.t = t
		for _, tc := range []struct{ name, src string }{
			{"long instructions (a real project's shape)", twoHundredLines()},
			{"about 100 one-line instructions", manyInstructions()},
		} {
			src := tc.src
			p.setSource(src)
			p.checkDiff(src, wantArgs...)
			var total, wasm, cpu []float64
			for i := range 10 {
				// One keystroke's worth of change in the middle of the file.
				src = strings.Replace(src, fmt.Sprintf("pkg%03d", 40+i), fmt.Sprintf("pkg%03dx", 40+i), 1)
				before, _ := p.cpuTime()
				p.setSource(src)
				after, _ := p.cpuTime()
				cpu = append(cpu, after-before)
				total = append(total, eval[float64](p, `window.unrootPlaygroundStats.lastUpdateMs`))
				wasm = append(wasm, eval[float64](p, `window.unrootPlaygroundStats.lastWasmMs`))
			}
			slices.Sort(cpu)
			p.checkDiff(src, wantArgs...)
			slices.Sort(total)
			slices.Sort(wasm)
			t.Logf("%s, %d lines: update (unroot in wasm + render) over 10 edits: min %.1f ms, median %.1f ms, max %.1f ms; unroot in wasm alone: median %.1f ms, max %.1f ms",
				tc.name, strings.Count(src, "\n"), total[0], total[5], total[9], wasm[5], wasm[9])
			t.Logf("  main-thread CPU time per edit (set the text, debounce, unroot, render, the test's polling): median %.1f ms, max %.1f ms; load average %s", cpu[5], cpu[9], loadAverage())
			checkTime(t, "slowest update", total[9], cpu[9], maxUpdate)
		}
	})

	t.Run("nothing is fetched after load, from nowhere else", func(t *testing.T) {
		p.t = t
		urls := eval[[]string](p, `performance.getEntriesByType("resource").map(e => e.name)`)
		for _, u := range urls {
			if !strings.HasPrefix(u, srv.URL+"/") {
				t.Errorf("the page fetched %s", u)
			}
		}
		// index.html's style and three scripts, and the wasm: nothing per update.
		if len(urls) > 5 {
			t.Errorf("%d resources fetched: %v", len(urls), urls)
		}
	})

	t.Run("mobile width", func(t *testing.T) {
		p.t = t
		tab, cancelTab := chromedp.NewContext(browser)
		defer cancelTab()
		q := &page{t: t, ctx: tab}
		q.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		q.open(srv.URL + "/")
		overflow := eval[float64](q, `document.documentElement.scrollWidth - 390`)
		if overflow > 0 {
			t.Errorf("the page is %.0f px wider than a 390 px screen", overflow)
		}
		q.checkDiff(jupyter, "-d", "--filename", "Dockerfile")
		q.screenshot(filepath.Join(shots, "playground-390x844-jupyter.png"), false)
		q.screenshot(filepath.Join(shots, "playground-390-full-jupyter.png"), true)
	})
	t.Logf("screenshots in %s", shots)
}

// page drives one tab.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// get runs one action and returns its value.
func get[T any](p *page, a chromedp.Action[T]) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, a)
	if err != nil {
		p.t.Fatal(err)
	}
	return v
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	return get(p, chromedp.Evaluate[T](js))
}

// open loads url and waits for the first diff.
func (p *page) open(url string) {
	p.t.Helper()
	p.do(chromedp.Navigate(url))
	p.waitUpdate(0)
}

// cpuTime is the CPU time the tab's renderer has used so far, in ms: its
// main thread's, and all its threads'. Unlike the wall clock it does not
// count the time other programs on a busy machine take.
func (p *page) cpuTime() (thread, process float64) {
	p.t.Helper()
	res := get(p, func(ctx context.Context, t *chromedp.Target) (performance.GetMetricsResult, error) {
		if _, err := cdp.Call(ctx, t, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks}); err != nil {
			return performance.GetMetricsResult{}, err
		}
		return cdp.Call(ctx, t, performance.GetMetrics, cdp.Empty{})
	})
	for _, m := range res.Metrics {
		switch m.Name {
		case "ThreadTime":
			thread = m.Value * 1000
		case "ProcessTime":
			process = m.Value * 1000
		}
	}
	if thread == 0 || process == 0 {
		p.t.Fatalf("no ThreadTime or ProcessTime in the performance metrics: %v", res.Metrics)
	}
	return thread, process
}

func (p *page) updates() int {
	p.t.Helper()
	return eval[int](p, `window.unrootPlaygroundStats ? window.unrootPlaygroundStats.updates : 0`)
}

// waitUpdate waits until the page has run unroot more than n times and
// has no update pending.
func (p *page) waitUpdate(n int) {
	p.t.Helper()
	get(p, chromedp.Poll[bool](fmt.Sprintf(`!!window.unrootPlaygroundStats && window.unrootPlaygroundStats.updates > %d && !window.unrootPlaygroundStats.pending`, n),
		chromedp.WithPollingTimeout(20*time.Second)))
}

func (p *page) value(sel string) string {
	p.t.Helper()
	return get(p, chromedp.Value(chromedp.CSS(sel)))
}

// change picks a value in a select, as a click would.
func (p *page) change(sel, value string) {
	p.t.Helper()
	n := p.updates()
	p.do(chromedp.SetValue(chromedp.CSS(sel), value))
	eval[bool](p, fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("change", {bubbles: true}))`, sel))
	p.waitUpdate(n)
}

// setSource replaces the editor's text as a paste does.
func (p *page) setSource(src string) {
	p.t.Helper()
	n := p.updates()
	p.do(chromedp.SetValue(chromedp.CSS("#source"), src))
	eval[bool](p, `document.getElementById("source").dispatchEvent(new Event("input", {bubbles: true}))`)
	p.waitUpdate(n)
}

// checkDiff compares the diff the page shows with what `unroot args`
// prints for src.
func (p *page) checkDiff(src string, args ...string) {
	p.t.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Main(cli.Extensions{}, args, strings.NewReader(src), &stdout, &stderr); code != cli.ExitOK {
		p.t.Fatalf("unroot %v: exit %d: %s", args, code, stderr.String())
	}
	shown := get(p, chromedp.TextContent(chromedp.CSS("#diff")))
	if stdout.Len() == 0 {
		p.t.Fatalf("unroot %v changes nothing: a useless check", args)
	}
	if shown != stdout.String() {
		p.t.Errorf("diff shown differs from unroot %v\n--- page:\n%s\n--- unroot:\n%s", args, shown, stdout.String())
	}
}

func (p *page) screenshot(path string, full bool) {
	p.t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png := get(p, shot)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot %s", path)
}

// checkTime reports a duration against its target. Speed is measured and
// logged here, never asserted: a timed test fails on a busy machine for
// reasons that are not the page's (the browser test runs in CI beside other
// jobs). The numbers go into the test log for the record.
func checkTime(t *testing.T, what string, wallMs, cpuMs float64, limit time.Duration) {
	t.Helper()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	verdict := func(v float64) string {
		if v > ms(limit) {
			return "over"
		}
		return "within"
	}
	t.Logf("%s: main thread busy %.0f ms (%s the %v target); %.0f ms by the clock (%s it); load average %s on %d CPUs",
		what, cpuMs, verdict(cpuMs), limit, wallMs, verdict(wallMs), loadAverage(), runtime.NumCPU())
}

// loadAverage is this machine's load average, which the timings depend on.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("UNROOT_BROWSER_TESTS=1 but no chromium in PATH (apt-get install chromium)")
	return ""
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// twoHundredLines is a 200-line Dockerfile shaped like the long ones of
// real projects: a builder stage, then long package lists, an ENV block and
// install scripts continued over many lines, copied files, directories the
// app writes.
func twoHundredLines() string {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\nFROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/server ./cmd/server\n\n")
	b.WriteString("FROM debian:bookworm-slim\nLABEL org.opencontainers.image.title=\"server\"\n\nENV APP_HOME=/opt/app \\\n")
	for i := range 20 {
		fmt.Fprintf(&b, "    SETTING_%02d=value%02d \\\n", i, i)
	}
	b.WriteString("    APP_DATA_DIR=/var/lib/app\n\n# System packages\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n")
	for i := range 70 {
		fmt.Fprintf(&b, "        pkg%03d \\\n", i)
	}
	b.WriteString("    && rm -rf /var/lib/apt/lists/*\n\n# Runtime tools, fetched and checked\nRUN set -eux; \\\n")
	for i := range 30 {
		fmt.Fprintf(&b, "    curl -fsSL -o /tmp/tool%02d.tgz https://downloads.example.invalid/tool%02d-1.0.tgz; tar -xzf /tmp/tool%02d.tgz -C /usr/local/bin; rm /tmp/tool%02d.tgz; \\\n", i, i, i, i)
	}
	b.WriteString("    true\n\nRUN groupadd --system app && useradd --system --gid app --uid 999 --home-dir /opt/app app\nWORKDIR /opt/app\nCOPY --from=build /out/server /opt/app/bin/server\n")
	for i := range 12 {
		fmt.Fprintf(&b, "COPY conf/part%02d.conf /etc/app/conf.d/\n", i)
	}
	b.WriteString("RUN mkdir -p /var/lib/app/cache /var/lib/app/uploads \\\n    && chown -R app:app /var/lib/app\nVOLUME /var/lib/app\nUSER app\nEXPOSE 8080\nCMD [\"/opt/app/bin/server\"]\n")
	for strings.Count(b.String(), "\n") < 200 {
		b.WriteString("# padding\n")
	}
	return b.String()
}

// manyInstructions is 200 lines of one-line instructions (about 100 RUNs):
// the shape on which the rules take longest.
func manyInstructions() string {
	var b strings.Builder
	b.WriteString("FROM debian:bookworm-slim\nENV APP_HOME=/opt/app\nWORKDIR /opt/app\n")
	for i := 0; strings.Count(b.String(), "\n") < 196; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "RUN apt-get update && apt-get install -y --no-install-recommends pkg%03d \\\n    && rm -rf /var/lib/apt/lists/*\n", i)
		case 1:
			fmt.Fprintf(&b, "COPY conf/part%03d.conf /etc/app/conf.d/\n", i)
		case 2:
			fmt.Fprintf(&b, "# step %d: cache for part %d\n", i, i)
		case 3:
			fmt.Fprintf(&b, "RUN mkdir -p /var/lib/app/part%03d && echo ready > /var/lib/app/part%03d/state\n", i, i)
		}
	}
	b.WriteString("VOLUME /var/lib/app\nEXPOSE 8080\nCMD [\"/opt/app/bin/server\"]\n")
	return b.String()
}
