package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestDistReproducible runs the whole release build twice, the second time
// with an empty build cache (so every package is compiled again, not
// replayed from the first build), and compares the bytes. It cross-compiles
// six targets twice: minutes, so it runs only with UNROOT_DIST_TESTS=1
// (make integration sets it).
func TestDistReproducible(t *testing.T) {
	if os.Getenv("UNROOT_DIST_TESTS") != "1" {
		t.Skip("set UNROOT_DIST_TESTS=1 to build the release archives twice (make integration)")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	const version = "v0.0.0-disttest"
	first, second := t.TempDir(), t.TempDir()
	if err := run(config{out: first, version: version, targets: defaultTargets, dir: repo}, io.Discard); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", t.TempDir())
	if err := run(config{out: second, version: version, targets: defaultTargets, dir: repo}, io.Discard); err != nil {
		t.Fatal(err)
	}

	names := dirNames(t, first)
	if got := dirNames(t, second); !slices.Equal(names, got) {
		t.Fatalf("the two builds made different files:\n%v\n%v", names, got)
	}
	var archives int
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(first, name))
		b, _ := os.ReadFile(filepath.Join(second, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the two builds", name)
		}
		if strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".zip") {
			archives++
		}
	}
	if archives != 6 || !slices.Contains(names, "SHA256SUMS") {
		t.Errorf("want 6 archives and SHA256SUMS, got %v", names)
	}
	checkSums(t, first)

	// The host's own binary runs and says what it is.
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		archive := filepath.Join(first, "unroot_"+version+"_"+runtime.GOOS+"_"+runtime.GOARCH+".tar.gz")
		bin := extract(t, archive, "unroot_"+version+"_"+runtime.GOOS+"_"+runtime.GOARCH+"/unroot")
		out, err := exec.Command(bin, "--version").CombinedOutput()
		if err != nil {
			t.Fatalf("%s --version: %v\n%s", bin, err, out)
		}
		want := "unroot " + version
		if commit, _ := output(repo, "git", "rev-parse", "HEAD"); commit != "" {
			want += " (commit " + commit + ")"
		}
		if got := strings.TrimSpace(string(out)); got != want {
			t.Errorf("--version printed %q, want %q", got, want)
		}
		if out, err := exec.Command("file", bin).Output(); err == nil && !strings.Contains(string(out), "statically linked") {
			t.Errorf("not a static binary: %s", out)
		}
	}
}

func dirNames(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// checkSums checks SHA256SUMS against the archives, as sha256sum -c would.
func checkSums(t *testing.T, dir string) {
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n")
	if len(lines) != 6 {
		t.Errorf("SHA256SUMS has %d lines, want 6", len(lines))
	}
	for _, line := range lines {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Errorf("SHA256SUMS line %q", line)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: SHA256SUMS says %s, the file hashes to %x", name, sum, got)
		}
	}
}

// extract writes one entry of a .tar.gz to a temporary file and returns
// its path.
func extract(t *testing.T, archive, name string) string {
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err != nil {
			t.Fatalf("%s: no %s: %v", archive, name, err)
		}
		if hdr.Name != name {
			continue
		}
		out := filepath.Join(t.TempDir(), filepath.Base(name))
		data, _ := io.ReadAll(tr)
		if err := os.WriteFile(out, data, os.FileMode(hdr.Mode)); err != nil {
			t.Fatal(err)
		}
		return out
	}
}
