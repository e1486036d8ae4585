package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// makeReadOnlyDir makes dir unwritable even for root: chmod is enough for
// other users; root needs the immutable attribute.
func makeReadOnlyDir(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a directory read-only for root here (chattr: %v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

func TestWriteIntoReadOnlyDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	orig := []byte("FROM debian:bookworm\n")
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	makeReadOnlyDir(t, dir)
	err := writeFileAtomic(path, []byte("FROM debian:bookworm\nUSER 1001\n"), false)
	if err == nil {
		t.Fatal("write into a read-only directory succeeded")
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, orig) {
		t.Errorf("original changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp file left behind: %v", entries)
	}
}

func TestWriteKeepsModeAndReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte("new\n"), false); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(path); string(got) != "new\n" {
		t.Errorf("content %q", got)
	}
}

// TestWriteKilledMidWrite kills a process in the middle of rewriting a large
// file, many times at random moments: the file must always be the old or the
// new version, never a mix or a truncation.
func TestWriteKilledMidWrite(t *testing.T) {
	if os.Getenv("UNROOT_WRITE_CHILD") != "" {
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	old := []byte("FROM debian:bookworm\n" + strings.Repeat("RUN echo old-old-old-old-old-old-old\n", 60000))
	new := []byte("FROM debian:bookworm\n" + strings.Repeat("RUN echo new-new-new-new-new-new-new\n", 60000))
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	kills := 0
	for i := 0; i < 15; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriteChild$")
		cmd.Env = append(os.Environ(), "UNROOT_WRITE_CHILD="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.IntN(30)) * time.Millisecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, old) && !bytes.Equal(got, new) {
			t.Fatalf("after kill %d the file is neither old nor new (%d bytes)", i, len(got))
		}
		os.WriteFile(path, old, 0o644)
	}
	if kills == 0 {
		t.Fatal("no child was killed")
	}
}

// TestWriteChild is the child of TestWriteKilledMidWrite: it rewrites the
// file over and over until killed.
func TestWriteChild(t *testing.T) {
	path := os.Getenv("UNROOT_WRITE_CHILD")
	if path == "" {
		t.Skip("only run as the child of TestWriteKilledMidWrite")
	}
	data, _ := os.ReadFile(path)
	data = bytes.ReplaceAll(data, []byte("old"), []byte("new"))
	for i := 0; i < 1000; i++ {
		if err := writeFileAtomic(path, data, false); err != nil {
			t.Fatal(err)
		}
	}
}
