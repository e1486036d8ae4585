package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/unroot/unroot/verify"
)

// expectedFile, in each fixture directory, lists the verify result of the
// original image, one "STATUS check" per line. UNROOT_E2E_UPDATE=1
// rewrites it from the measured result.
const expectedFile = "verify.expected"

func requireDocker(t *testing.T) string {
	t.Helper()
	if os.Getenv("UNROOT_DOCKER_TESTS") != "1" {
		t.Skip("set UNROOT_DOCKER_TESTS=1 to run tests that need docker (after scripts/e2e-setup.sh)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	return verify.ResolveDocker(context.Background(), "", true)
}

// fixtures returns the fixture names, optionally filtered by
// UNROOT_E2E_FIXTURES (comma-separated).
func fixtures(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("UNROOT_E2E_FIXTURES"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			only[n] = true
		}
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join("testdata", e.Name(), "Dockerfile")); err != nil {
			continue
		}
		if len(only) == 0 || only[e.Name()] {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// builders lists the builders to try, from UNROOT_E2E_BUILDERS
// (default: both).
func builders() []string {
	if b := os.Getenv("UNROOT_E2E_BUILDERS"); b != "" {
		return strings.Split(b, ",")
	}
	return []string{verify.BuilderClassic, verify.BuilderBuildKit}
}

func inspect(t *testing.T, bin, image string) verify.ImageConfig {
	t.Helper()
	out, err := runDocker(bin, "image", "inspect", image)
	if err != nil {
		t.Fatalf("inspect %s: %v", image, err)
	}
	c, err := verify.ParseImageInspect([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func statusLines(r verify.Report) string {
	var b strings.Builder
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%s %s\n", c.Status, c.Name)
	}
	return b.String()
}

// TestOriginalFixtures builds each original fixture with every builder,
// checks that the builders agree on the image config, and verifies the
// classic build against verify.expected.
func TestOriginalFixtures(t *testing.T) {
	bin := requireDocker(t)
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			images := map[string]string{}
			for _, b := range builders() {
				tag := fmt.Sprintf("unroot-e2e/%s:%s", name, b)
				ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
				start := time.Now()
				_, err := verify.Build(ctx, verify.BuildOptions{Context: dir, Tag: tag, Builder: b, Docker: bin})
				cancel()
				if err != nil {
					t.Fatalf("%s build: %v", b, err)
				}
				t.Logf("%s build: %s", b, time.Since(start).Round(100*time.Millisecond))
				images[b] = tag
			}
			var first verify.ImageConfig
			for i, b := range builders() {
				c := inspect(t, bin, images[b])
				if i == 0 {
					first = c
				} else if !reflect.DeepEqual(c, first) {
					t.Errorf("%s and %s builds differ:\n%+v\n%+v", builders()[0], b, first, c)
				}
			}

			img := images[builders()[0]]
			start := time.Now()
			rep, err := verify.Run(context.Background(), verify.Options{Image: img, Docker: bin, Timeout: 4 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			var text strings.Builder
			_ = rep.WriteText(&text)
			t.Logf("verify %s (%s):\n%s", img, time.Since(start).Round(100*time.Millisecond), text.String())

			got := statusLines(rep)
			path := filepath.Join(dir, expectedFile)
			if os.Getenv("UNROOT_E2E_UPDATE") == "1" {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (UNROOT_E2E_UPDATE=1 writes it)", err)
			}
			if got != string(want) {
				t.Errorf("verify statuses differ from %s:\ngot:\n%swant:\n%s", path, got, want)
			}
		})
	}
}
