package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
	"github.com/unroot/unroot/verify"
)

// rewrite reads the Dockerfile at path and runs unroot on it as name,
// failing the test when it does not parse or unroot fails.
func rewrite(t *testing.T, path, name string, opts transform.Options) ([]byte, *transform.Result) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := transform.Run(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return src, res
}

// fixtureSpec says what is special about a fixture in the acceptance test.
type fixtureSpec struct {
	// unchanged: unroot must leave the Dockerfile as it is (and the
	// original must already pass).
	unchanged bool
	// command replaces CMD when verifying the rewritten image (the
	// operator's own change, e.g. a port >= 1024).
	command []string
	// findings are rule IDs unroot must report.
	findings []string
	// probe exercises the running rewritten image (nil: none).
	probe func(t *testing.T, bin, image string, uid int)
	// fileCapability: the image's server needs this file capability, so
	// the rewritten image must pass under the plain profile and fail to
	// start under the restricted one with a message naming it.
	fileCapability string
	// buildArgs: the rewritten Dockerfile is also built with these
	// --build-arg values (classic builder) and must pass as well, since
	// unroot keeps the variables the file makes its user with.
	buildArgs []string
	// skip: rules left out of the rewrite (transform.Options.Skip).
	skip []string
}

var specs = map[string]fixtureSpec{
	"compliant":          {unchanged: true},
	"copy-into-open-dir": {unchanged: true},
	"nginx-like": {
		// Port 80 cannot work as non-root with host networking; unroot
		// reports it (UR006) and the operator moves the port.
		command:  []string{"python3", "-m", "http.server", "8088", "--bind", "127.0.0.1", "--directory", "/var/www/html"},
		findings: []string{"UR006"},
	},
	"jupyter-notebook": {probe: probeJupyter},
	"python-uploads":   {probe: probeUploads},
	// UR004 would fetch tini's release from GitHub (BusyBox has no
	// package for it), which these tests cannot reach; the fixture's
	// shell reaps and handles SIGTERM itself.
	"busybox-passwd": {probe: probeHTTP("http://127.0.0.1:8082/index.html"), skip: []string{"UR004"}},
	// Like busybox-passwd: tini would be downloaded, which e2e cannot reach.
	"busybox-missing-user": {probe: probeHTTP("http://127.0.0.1:8083/index.html"), skip: []string{"UR004"}},
	// Like busybox-passwd; the image has no /bin/sh, so unroot's RUN
	// needs SHELL ["/busybox/sh", "-c"] and runs after USER root.
	"distroless-debug-nonroot": {probe: probeHTTP("http://127.0.0.1:8084/index.html"), skip: []string{"UR004"}},
	"setcap-port80":            {fileCapability: "cap_net_bind_service", findings: []string{"UR006"}},
	"arg-user":                 {buildArgs: []string{"APP_USER=worker", "APP_UID=3000"}, probe: probeArgUser},
}

// Summary columns: one per engine/builder a rewritten image is built and
// verified with.
const (
	colDockerClassic  = "docker/classic"
	colDockerBuildKit = "docker/buildkit"
	colPodmanBuildah  = "podman/buildah"
)

var summaryColumns = []string{colDockerClassic, colDockerBuildKit, colPodmanBuildah}

// summary rows, printed at the end of TestRewrittenFixtures: the checks
// of the original (docker, classic build) and, per engine/builder column,
// those of the rewritten image and its build time.
type summaryRow struct {
	fixture, before, sizeBefore, sizeAfter string
	after, buildTime                       map[string]string
}

var (
	summaryMu sync.Mutex
	summary   []summaryRow
)

// TestRewrittenFixtures is the acceptance test of unroot: every fixture's
// original image fails at least one check when run as a random UID; the
// Dockerfile unroot writes builds with both builders into an image that
// passes every check, costs at most 1% more space plus the init binary and
// the passwd helper, and still does its job.
func TestRewrittenFixtures(t *testing.T) {
	bin := requireDocker(t)
	t.Cleanup(func() { printSummary(t) })
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			spec := specs[name]
			dir := filepath.Join("testdata", name)

			orig := fmt.Sprintf("unroot-e2e/%s:classic", name)
			buildImage(t, bin, dir, "", orig, verify.BuilderClassic)
			before := runVerify(t, bin, orig, nil, verify.ProfileRestricted)
			failedBefore := before.Counts()[verify.StatusFail]
			row := summaryRow{fixture: name, before: checksLine(before), sizeBefore: imageSize(t, bin, orig),
				after: map[string]string{}, buildTime: map[string]string{}}
			defer func() { addRow(row) }()

			src, res := rewrite(t, filepath.Join(dir, "Dockerfile"), "Dockerfile", transform.Options{Skip: spec.skip})
			for _, f := range res.Findings {
				t.Logf("finding: %s", f)
			}
			for _, id := range spec.findings {
				if !hasFinding(res, id) {
					t.Errorf("unroot did not report %s", id)
				}
			}
			if spec.unchanged {
				if res.Changed() {
					t.Errorf("unroot changed an already compliant Dockerfile:\n%s", diff.Unified("Dockerfile", src, res.Output))
				}
				if failedBefore > 0 {
					t.Errorf("the compliant original fails %d checks", failedBefore)
				}
				row.after[colDockerClassic] = "(no change)"
				return
			}
			if failedBefore == 0 {
				t.Errorf("the original passes every check: the fixture proves nothing")
			}
			if !res.Changed() {
				t.Fatal("unroot changed nothing")
			}
			t.Logf("unroot diff:\n%s", diff.Unified("Dockerfile", src, res.Output))
			patched := copyContext(t, dir, res.Output)

			for _, b := range builders() {
				col := "docker/" + b
				base := fmt.Sprintf("unroot-e2e/%s:%s", name, b)
				if b != verify.BuilderClassic {
					buildImage(t, bin, dir, "", base, b)
				}
				tag := fmt.Sprintf("unroot-e2e/%s-unroot:%s", name, b)
				start := time.Now()
				buildImage(t, bin, patched, "", tag, b)
				row.buildTime[col] = time.Since(start).Round(100 * time.Millisecond).String()
				row.after[col] = verifyRewritten(t, col, bin, tag, spec)
				checkSize(t, bin, base, tag)
				if b == verify.BuilderClassic {
					row.sizeAfter = imageSize(t, bin, tag)
				}
				if spec.probe != nil {
					spec.probe(t, bin, tag, verify.RandomUID())
				}
			}
			if len(spec.buildArgs) > 0 {
				row.after[colDockerClassic] += "; with " + strings.Join(spec.buildArgs, " ") + ": " + buildWithArgs(t, bin, name, dir, patched, spec)
			}
			notePodman(t)
			if pm, _ := podman(); pm != "" && withPodman(name) {
				tag := fmt.Sprintf("unroot-e2e/%s-unroot:buildah", name)
				start := time.Now()
				buildImage(t, pm, patched, "", tag, verify.BuilderClassic) // podman build is Buildah
				row.buildTime[colPodmanBuildah] = time.Since(start).Round(100 * time.Millisecond).String()
				row.after[colPodmanBuildah] = verifyRewritten(t, colPodmanBuildah, pm, tag, spec)
			}
		})
	}
}

// verifyRewritten verifies a rewritten image under the restricted profile
// (and, for a fixture that needs a file capability, under the plain one)
// and returns its summary cell.
func verifyRewritten(t *testing.T, col, bin, tag string, spec fixtureSpec) string {
	t.Helper()
	restricted := runVerify(t, bin, tag, spec.command, verify.ProfileRestricted)
	if spec.fileCapability == "" {
		if n := restricted.Counts()[verify.StatusFail]; n > 0 {
			var text strings.Builder
			restricted.WriteText(&text)
			t.Errorf("%s: the rewritten image fails %d checks:\n%s", col, n, text.String())
		}
		return checksLine(restricted)
	}
	plain := runVerify(t, bin, tag, spec.command, verify.ProfilePlain)
	if n := plain.Counts()[verify.StatusFail]; n > 0 {
		t.Errorf("%s: the rewritten image fails %d checks under the plain profile", col, n)
	}
	start, _ := restricted.Check(verify.CheckStart)
	if start.Status != verify.StatusFail || !strings.Contains(start.Evidence, spec.fileCapability) {
		t.Errorf("%s: under the restricted profile start should fail naming %s: %s", col, spec.fileCapability, start)
	}
	// The server binds port 80 through its capability: the ports check
	// must see that listener (it is non-dumpable, so only the socket's
	// owner gives it away).
	if ports, _ := plain.Check(verify.CheckPorts); !strings.Contains(ports.Evidence, "listening TCP 80") {
		t.Errorf("%s: the ports check did not see the listener on 80: %s", col, ports)
	}
	return "plain: " + checksLine(plain) + "; restricted: start FAIL (" + spec.fileCapability + ")"
}

// buildWithArgs builds the original and the rewritten Dockerfile with the
// spec's build arguments and verifies the rewritten image; it returns its
// summary cell.
func buildWithArgs(t *testing.T, bin, name, dir, patched string, spec fixtureSpec) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	for _, c := range []struct{ dir, tag string }{
		{dir, fmt.Sprintf("unroot-e2e/%s:args", name)},
		{patched, fmt.Sprintf("unroot-e2e/%s-unroot:args", name)},
	} {
		if _, err := verify.Build(ctx, verify.BuildOptions{Context: c.dir, Tag: c.tag, Builder: verify.BuilderClassic, Docker: bin, BuildArgs: spec.buildArgs}); err != nil {
			t.Fatalf("build of %s with %v: %v", c.dir, spec.buildArgs, err)
		}
	}
	tag := fmt.Sprintf("unroot-e2e/%s-unroot:args", name)
	cell := verifyRewritten(t, "docker/classic "+strings.Join(spec.buildArgs, " "), bin, tag, spec)
	if spec.probe != nil {
		spec.probe(t, bin, tag, verify.RandomUID())
	}
	return cell
}

func hasFinding(res *transform.Result, id string) bool {
	for _, f := range res.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

func buildImage(t *testing.T, bin, dir, dockerfile, tag, builder string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	if _, err := verify.Build(ctx, verify.BuildOptions{Context: dir, Dockerfile: dockerfile, Tag: tag, Builder: builder, Docker: bin}); err != nil {
		t.Fatalf("%s build of %s: %v", builder, dir, err)
	}
}

func runVerify(t *testing.T, bin, image string, command []string, profile string) verify.Report {
	t.Helper()
	rep, err := verify.Run(context.Background(), verify.Options{Image: image, Docker: bin, Command: command, Profile: profile, Timeout: 4 * time.Minute})
	if err != nil {
		t.Fatalf("verify %s: %v", image, err)
	}
	var text strings.Builder
	rep.WriteText(&text)
	t.Logf("verify %s:\n%s", image, text.String())
	return rep
}

func checksLine(r verify.Report) string {
	c := r.Counts()
	return fmt.Sprintf("%d pass, %d fail, %d warn", c[verify.StatusPass], c[verify.StatusFail], c[verify.StatusWarn])
}

// copyContext copies a fixture's build context to a temporary directory
// with the rewritten Dockerfile.
func copyContext(t *testing.T, dir string, dockerfile []byte) string {
	t.Helper()
	out := t.TempDir()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		target := filepath.Join(out, rel)
		if info.IsDir() {
			return os.MkdirAll(target, info.Mode().Perm())
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "Dockerfile"), dockerfile, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func imageBytes(t *testing.T, bin, image string) int64 {
	t.Helper()
	out, err := runDocker(bin, "image", "inspect", "--format", "{{.Size}}", image)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func imageSize(t *testing.T, bin, image string) string {
	return fmt.Sprintf("%.1f MB", float64(imageBytes(t, bin, image))/1e6)
}

// addedFiles measures what the rewrite is allowed to add besides 1%: the
// init binary and the passwd helper (library and start-up script), as
// installed in the rewritten image.
func addedFiles(t *testing.T, bin, image string) int64 {
	t.Helper()
	script := `n=0; for f in "$(command -v tini)" /sbin/tini /usr/bin/tini /usr/bin/tini-static /usr/local/bin/unroot-entrypoint ` +
		`/usr/lib/*/libnss_wrapper.so* /usr/lib/libnss_wrapper.so* /usr/lib64/libnss_wrapper.so*; do ` +
		`[ -f "$f" ] && [ ! -L "$f" ] && n=$((n + $(wc -c < "$f"))); done; echo $n`
	out, err := runDocker(bin, "run", "--rm", "--network", "host", "--entrypoint", "sh", image, "-c", script)
	if err != nil {
		t.Logf("cannot measure the init binary: %v", err)
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
	return n
}

func checkSize(t *testing.T, bin, base, patched string) {
	t.Helper()
	a, b := imageBytes(t, bin, base), imageBytes(t, bin, patched)
	allowed := a/100 + addedFiles(t, bin, patched)
	t.Logf("size %s: %d -> %d bytes (+%d, allowed +%d)", patched, a, b, b-a, allowed)
	if b-a > allowed {
		t.Errorf("the rewrite grows the image by %d bytes, more than 1%% plus the init binary and passwd helper (%d)", b-a, allowed)
	}
}

// runDetached starts image as uid:0 in the background and returns the
// container name and a function that removes it. Probes remove their
// container before they return: with host networking the next image
// needs the same port.
func runDetached(t *testing.T, bin, image string, uid int) (string, func()) {
	t.Helper()
	name := fmt.Sprintf("unroot-e2e-probe-%d", time.Now().UnixNano())
	if _, err := runDocker(bin, "run", "-d", "--name", name, "--network", "host", "-u", fmt.Sprintf("%d:0", uid), image); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() { once.Do(func() { runDocker(bin, "rm", "-f", "-v", name) }) }
	t.Cleanup(stop)
	return name, stop
}

// waitHTTP polls url until it answers or the deadline passes.
func waitHTTP(t *testing.T, url string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within %s: %v", url, within, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func request(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	return requestXSRF(t, method, url, body, "")
}

func probeHTTP(url string) func(t *testing.T, bin, image string, uid int) {
	return func(t *testing.T, bin, image string, uid int) {
		_, stop := runDetached(t, bin, image, uid)
		defer stop()
		waitHTTP(t, url, 30*time.Second)
		if code, _ := request(t, "GET", url, ""); code != http.StatusOK {
			t.Errorf("GET %s: %d", url, code)
		}
	}
}

// probeJupyter checks the notebook server as a random UID: the REST API
// answers without a token (so the configuration written under /root/.jupyter
// at build time was read), a notebook can be created in the /notebooks
// volume, and a kernel starts.
func probeJupyter(t *testing.T, bin, image string, uid int) {
	name, stop := runDetached(t, bin, image, uid)
	defer stop()
	base := "http://127.0.0.1:8888"
	waitHTTP(t, base+"/api", 90*time.Second)
	if code, body := request(t, "GET", base+"/api/status", ""); code != http.StatusOK {
		t.Errorf("GET /api/status without a token: %d %s (was the config under the root home read?)", code, body)
	}
	// POSTs need the server's XSRF cookie echoed in a header, as the web
	// page sends it.
	xsrf := xsrfCookie(t, base+"/tree")
	code, body := requestXSRF(t, "POST", base+"/api/contents", `{"type": "notebook"}`, xsrf)
	if code != http.StatusCreated {
		t.Errorf("creating a notebook: %d %s", code, body)
	}
	code, body = requestXSRF(t, "POST", base+"/api/kernels", `{"name": "python3"}`, xsrf)
	if code != http.StatusCreated {
		t.Errorf("starting a kernel: %d %s", code, body)
	}
	if t.Failed() {
		logs, _ := runDocker(bin, "logs", name)
		t.Logf("container logs:\n%s", logs)
	}
}

// xsrfCookie fetches page and returns the _xsrf cookie the server sets.
func xsrfCookie(t *testing.T, page string) string {
	t.Helper()
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "_xsrf" {
			return c.Value
		}
	}
	t.Logf("no _xsrf cookie from %s", page)
	return ""
}

func requestXSRF(t *testing.T, method, url, body, xsrf string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if xsrf != "" {
		req.Header.Set("X-XSRFToken", xsrf)
		req.AddCookie(&http.Cookie{Name: "_xsrf", Value: xsrf})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// probeUploads stores a file through the upload service and reads it back.
func probeUploads(t *testing.T, bin, image string, uid int) {
	_, stop := runDetached(t, bin, image, uid)
	defer stop()
	base := "http://127.0.0.1:8080"
	waitHTTP(t, base+"/", 30*time.Second)
	if code, body := request(t, "PUT", base+"/hello.txt", "hello from a random UID"); code/100 != 2 {
		t.Fatalf("upload: %d %s", code, body)
	}
	if code, body := request(t, "GET", base+"/hello.txt", ""); code != http.StatusOK || body != "hello from a random UID" {
		t.Errorf("download: %d %q", code, body)
	}
}

func cellOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func addRow(r summaryRow) {
	summaryMu.Lock()
	defer summaryMu.Unlock()
	summary = append(summary, r)
}

func printSummary(t *testing.T) {
	summaryMu.Lock()
	defer summaryMu.Unlock()
	if len(summary) == 0 {
		return
	}
	// A Markdown table, ready for e2e/README.md.
	var b bytes.Buffer
	b.WriteString("\n| fixture | before (docker/classic) |")
	for _, c := range summaryColumns {
		b.WriteString(" after, " + c + " |")
	}
	b.WriteString(" size before | size after (classic) | build of the rewrite (" + strings.Join(summaryColumns, ", ") + ") |\n|---|---|")
	for range summaryColumns {
		b.WriteString("---|")
	}
	b.WriteString("---|---|---|\n")
	for _, r := range summary {
		fmt.Fprintf(&b, "| %s | %s |", r.fixture, r.before)
		var builds []string
		for _, c := range summaryColumns {
			fmt.Fprintf(&b, " %s |", cellOr(r.after[c], "-"))
			builds = append(builds, cellOr(r.buildTime[c], "-"))
		}
		fmt.Fprintf(&b, " %s | %s | %s |\n", r.sizeBefore, r.sizeAfter, strings.Join(builds, ", "))
	}
	t.Log(b.String())
	fmt.Print(b.String())
}

// probeArgUser checks that the image made from build arguments runs with
// the home those arguments name, writable by a random UID: the default
// build (APP_USER=svc) gets /home/svc, the one built with
// --build-arg APP_USER=worker gets /home/worker.
func probeArgUser(t *testing.T, bin, image string, uid int) {
	t.Helper()
	want := "/home/svc"
	if strings.HasSuffix(image, ":args") {
		want = "/home/worker"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "run", "--rm", "--network", "host", "-u", fmt.Sprintf("%d:0", uid), image,
		"sh", "-c", `touch "$HOME/probe" && echo "home=$HOME"`).CombinedOutput()
	if err != nil {
		t.Fatalf("%s as %d: %v: %s", image, uid, err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "home="+want {
		t.Errorf("%s: %q, want home=%s", image, got, want)
	}
}
