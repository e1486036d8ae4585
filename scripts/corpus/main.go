// Command corpus gathers real-world Dockerfiles from the Go module proxy into a
// directory outside the repository, for the corpus run of internal/props
// (UNROOT_CORPUS). Go modules are a large, public and reachable body of
// projects that ship Dockerfiles; reading each module's zip through HTTP range
// requests fetches only its central directory and the Dockerfiles themselves.
//
// Starting from seed modules, it follows the requirements in each module's
// go.mod (breadth first) until it has visited -modules modules. Files are
// stored once per content, as <sha256 prefix>.Dockerfile, and index.tsv records
// where each came from (module@version/path), so any finding can be traced.
//
//	cd scripts/corpus && go run . -out /tmp/corpus-go -modules 8000 -older 3 < seeds.txt
//
// With -pinned FILE it reads exactly the module versions listed instead
// (pinned.txt: those of the corpus measured on 2026-11-28), so every machine
// gets the same files: the proxy never changes a published version.
package main

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/unroot/unroot/cli"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

func main() {
	proxy := flag.String("proxy", "https://proxy.golang.org", "Go module proxy")
	out := flag.String("out", "", "directory to write Dockerfiles and index.tsv into (required)")
	limit := flag.Int("modules", 2000, "stop after visiting this many modules")
	workers := flag.Int("workers", 8, "concurrent module fetches")
	older := flag.Int("older", 0, "for modules with Dockerfiles, also read this many earlier releases")
	pinned := flag.String("pinned", "", "fetch exactly the module@version lines of this file (no crawl, no seeds): a corpus that is the same on every machine")
	maxSize := flag.Int64("max-size", 1<<20, "skip Dockerfiles larger than this")
	flag.Parse()
	if *out == "" {
		log.Fatal("-out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var seeds []string
	in := io.Reader(os.Stdin)
	if *pinned != "" {
		data, err := os.ReadFile(*pinned)
		if err != nil {
			log.Fatal(err)
		}
		in = strings.NewReader(string(data))
	}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
			seeds = append(seeds, f[0])
		}
	}
	f := &fetcher{
		proxy:   strings.TrimSuffix(*proxy, "/"),
		out:     *out,
		maxSize: *maxSize,
		older:   *older,
		client:  &http.Client{Timeout: 60 * time.Second},
		seen:    map[string]bool{},
		stored:  map[string]bool{},
	}
	if err := f.openIndex(); err != nil {
		log.Fatal(err)
	}
	defer f.index.Close()
	if *pinned != "" {
		f.fetchPinned(seeds, *workers)
		log.Printf("%d module versions read; %d distinct Dockerfiles in %s", len(seeds), len(f.stored), *out)
		if f.failed > 0 {
			log.Fatalf("%d module versions could not be read", f.failed)
		}
		return
	}
	f.crawl(seeds, *limit, *workers)
	log.Printf("visited %d modules, %d with Dockerfiles; %d distinct Dockerfiles stored in %s",
		f.visited, f.withFiles, len(f.stored), *out)
}

type fetcher struct {
	proxy   string
	out     string
	maxSize int64
	older   int
	client  *http.Client

	mu        sync.Mutex
	seen      map[string]bool // module paths queued or visited
	stored    map[string]bool // content hashes written
	index     *os.File
	visited   int
	withFiles int
	failed    int
}

// openIndex loads an existing index.tsv, so a second run adds to the corpus
// instead of starting over.
func (f *fetcher) openIndex() error {
	name := filepath.Join(f.out, "index.tsv")
	if data, err := os.ReadFile(name); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			fields := strings.Split(line, "\t")
			if len(fields) >= 2 {
				f.stored[fields[0]] = true
				f.seen[strings.SplitN(fields[1], "@", 2)[0]] = true
			}
		}
	}
	var err error
	f.index, err = os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	return err
}

// fetchPinned reads the Dockerfiles of each module@version given.
func (f *fetcher) fetchPinned(list []string, workers int) {
	forEach(list, workers, func(mv string) {
		mod, ver, ok := strings.Cut(mv, "@")
		esc, err := module.EscapePath(mod)
		if ok && err == nil {
			_, err = f.readZip(f.proxy+"/"+esc+"/@v/", ver)
		}
		if !ok || err != nil {
			log.Printf("%s: %v", mv, err)
			f.mu.Lock()
			f.failed++
			f.mu.Unlock()
		}
	})
}

// forEach calls do for every item, with workers calls at a time.
func forEach(items []string, workers int, do func(string)) {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				do(it)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// crawl visits modules breadth first, level by level, with workers fetching
// concurrently within a level.
func (f *fetcher) crawl(queue []string, limit, workers int) {
	for _, m := range queue {
		f.seen[m] = true
	}
	for len(queue) > 0 && f.visited < limit {
		if n := limit - f.visited; len(queue) > n {
			queue = queue[:n]
		}
		var next []string
		forEach(queue, workers, func(m string) {
			reqs, err := f.visit(m)
			f.mu.Lock()
			defer f.mu.Unlock()
			f.visited++
			if err != nil {
				log.Printf("%s: %v", m, err)
			}
			for _, r := range reqs {
				if !f.seen[r] {
					f.seen[r] = true
					next = append(next, r)
				}
			}
		})
		sort.Strings(next)
		queue = next
		log.Printf("level done: %d modules visited, %d Dockerfiles, %d queued", f.visited, len(f.stored), len(queue))
	}
}

// visit stores the Dockerfiles of a module's latest version and returns the
// modules its go.mod requires. When that version has Dockerfiles, up to
// f.older earlier releases are read too: a project's Dockerfiles change over
// its history, and each distinct one is a real-world input.
func (f *fetcher) visit(mod string) ([]string, error) {
	esc, err := module.EscapePath(mod)
	if err != nil {
		return nil, err
	}
	base := f.proxy + "/" + esc + "/@v/"
	versions, err := f.versions(base)
	if err != nil {
		return nil, err
	}
	ver, err := module.EscapeVersion(versions[0])
	if err != nil {
		return nil, err
	}
	var reqs []string
	if data, err := f.get(base + ver + ".mod"); err == nil {
		if mf, err := modfile.ParseLax("go.mod", data, nil); err == nil {
			for _, r := range mf.Require {
				reqs = append(reqs, r.Mod.Path)
			}
		}
	}
	found, err := f.readZip(base, versions[0])
	if err != nil || !found {
		return reqs, err
	}
	f.mu.Lock()
	f.withFiles++
	f.mu.Unlock()
	// Earlier releases, spread evenly over the module's history.
	older := versions[1:]
	if len(older) > f.older {
		picks := make([]string, f.older)
		for i := range picks {
			picks[i] = older[i*len(older)/f.older]
		}
		older = picks
	}
	for _, v := range older {
		if _, err := f.readZip(base, v); err != nil {
			log.Printf("%s@%s: %v", mod, v, err)
		}
	}
	return reqs, nil
}

// readZip stores the Dockerfiles in one version's zip and reports whether
// it had any.
func (f *fetcher) readZip(base, version string) (bool, error) {
	ver, err := module.EscapeVersion(version)
	if err != nil {
		return false, err
	}
	ra, size, err := f.rangeReader(base + ver + ".zip")
	if err != nil {
		return false, err
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return false, err
	}
	found := false
	for _, zf := range zr.File {
		if !cli.IsDockerfileName(path.Base(zf.Name)) || zf.FileInfo().IsDir() || int64(zf.UncompressedSize64) > f.maxSize {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			continue
		}
		found = true
		f.store(data, zf.Name)
	}
	return found, nil
}

func (f *fetcher) store(data []byte, origin string) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])[:16]
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stored[key] {
		return
	}
	if err := os.WriteFile(filepath.Join(f.out, key+".Dockerfile"), data, 0o644); err != nil {
		log.Print(err)
		return
	}
	f.stored[key] = true
	fmt.Fprintf(f.index, "%s\t%s\n", key, origin)
}

func (f *fetcher) get(url string) ([]byte, error) {
	resp, err := f.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// versions lists the module's releases, newest first (the proxy's @latest
// endpoint is not always served); pre-releases only when there is no release.
func (f *fetcher) versions(base string) ([]string, error) {
	data, err := f.get(base + "list")
	if err != nil {
		return nil, err
	}
	var releases, pre []string
	for _, v := range strings.Fields(string(data)) {
		switch {
		case !semver.IsValid(v):
		case semver.Prerelease(v) == "":
			releases = append(releases, v)
		default:
			pre = append(pre, v)
		}
	}
	if len(releases) == 0 {
		releases = pre
	}
	if len(releases) == 0 {
		return nil, fmt.Errorf("no version listed")
	}
	semver.Sort(releases)
	slices.Reverse(releases)
	return releases, nil
}
