//go:build linux

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// asUnprivileged runs f with the file-system UID of nobody on this thread,
// so that permission bits apply even when the tests run as root.
func asUnprivileged(t *testing.T, f func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		f()
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := syscall.Setfsuid(65534); err != nil {
		t.Skipf("cannot change the file-system UID here: %v", err)
	}
	defer syscall.Setfsuid(0)
	f()
}

// TestUnreadableFileAndDirectory: an unreadable file and an unreadable
// directory are errors that name them; the other files of the run are
// processed, and the exit code is 2.
func TestUnreadableFileAndDirectory(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // t.TempDir makes its parent private
	os.Chmod(dir, 0o755)
	write := func(rel, body string, mode os.FileMode) string {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good/Dockerfile", "FROM debian:bookworm\nCMD [\"bash\"]\n", 0o644)
	secret := write("secret/Dockerfile", "FROM debian:bookworm\n", 0o000)
	write("locked/sub/Dockerfile", "FROM debian:bookworm\n", 0o644)
	locked := filepath.Join(dir, "locked")
	os.Chmod(locked, 0o000)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	var out, errb bytes.Buffer
	var code int
	c := &config{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, list: true, maxSize: 1 << 20}
	asUnprivileged(t, func() {
		workers = 1 // keep the work on this thread
		defer func() { workers = runtime.GOMAXPROCS(0) }()
		var tasks []task
		for _, p := range []string{secret, dir} {
			tasks = append(tasks, c.collect(p)...)
		}
		for _, tk := range tasks {
			r := &report{}
			tk(r)
			out.Write(r.stdout.Bytes())
			errb.Write(r.stderr.Bytes())
			if r.failed {
				code = ExitError
			}
		}
	})
	if code != ExitError {
		t.Errorf("exit code %d, want %d", code, ExitError)
	}
	if !strings.Contains(errb.String(), secret+": permission denied") {
		t.Errorf("unreadable file not reported:\n%s", errb.String())
	}
	if !strings.Contains(errb.String(), locked+": permission denied") {
		t.Errorf("unreadable directory not reported:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), good) {
		t.Errorf("the readable file was not processed:\n%s", out.String())
	}
}
