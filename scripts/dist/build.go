package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// defaultTargets are the platforms a release ships for.
var defaultTargets = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

const versionPkg = "github.com/unroot/unroot/cli"

type config struct {
	out     string
	version string
	targets []string
	// dir is the module root to build in (default: the current directory's
	// module, as `go env GOMOD` says).
	dir string
}

// stamp is what makes a build what it is, read once from the repository.
type stamp struct {
	version string
	commit  string
	mtime   time.Time // of every archive entry
}

func run(cfg config, log io.Writer) error {
	if cfg.dir == "" {
		gomod, err := output(".", "go", "env", "GOMOD")
		if err != nil || gomod == "" || gomod == os.DevNull {
			return fmt.Errorf("not inside a Go module: %v", err)
		}
		cfg.dir = filepath.Dir(gomod)
	}
	st, err := readStamp(cfg.dir, cfg.version)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(cfg.out); err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	readme, err := os.ReadFile(filepath.Join(cfg.dir, "README.md"))
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "unroot-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	var archives []string
	for _, target := range cfg.targets {
		goos, goarch, ok := strings.Cut(target, "/")
		if !ok {
			return fmt.Errorf("target %q: want GOOS/GOARCH", target)
		}
		start := time.Now()
		exe := "unroot"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, goos+"_"+goarch, exe)
		if err := buildBinary(cfg.dir, goos, goarch, st, bin); err != nil {
			return err
		}
		binary, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		base := fmt.Sprintf("unroot_%s_%s_%s", st.version, goos, goarch)
		files := []archiveFile{
			{name: base + "/" + exe, data: binary, mode: 0o755},
			{name: base + "/README.md", data: readme, mode: 0o644},
		}
		var archive []byte
		name := base + ".tar.gz"
		if goos == "windows" {
			name = base + ".zip"
			archive, err = zipArchive(files, st.mtime)
		} else {
			archive, err = tarGzArchive(files, st.mtime)
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(cfg.out, name), archive, 0o644); err != nil {
			return err
		}
		archives = append(archives, name)
		fmt.Fprintf(log, "dist: %s (%d bytes, %.1f s)\n", name, len(archive), time.Since(start).Seconds())
	}
	sums, err := checksums(cfg.out, archives)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(cfg.out, "SHA256SUMS"), sums, 0o644)
}

// readStamp finds the version, commit and archive time of the source in dir.
// Outside a git repository the version is "dev", the commit unknown and the
// time SOURCE_DATE_EPOCH or 0 (1970), still the same on every run.
func readStamp(dir, version string) (stamp, error) {
	st := stamp{version: version}
	if st.version == "" {
		st.version, _ = output(dir, "git", "describe", "--tags", "--always", "--dirty")
	}
	if st.version == "" {
		st.version = "dev"
	}
	if strings.ContainsAny(st.version, "/\\ \t\n") {
		return st, fmt.Errorf("version %q: would not make a file name", st.version)
	}
	st.commit, _ = output(dir, "git", "rev-parse", "HEAD")
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		epoch, _ = output(dir, "git", "log", "-1", "--format=%ct")
	}
	if epoch == "" {
		epoch = "0"
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return st, fmt.Errorf("SOURCE_DATE_EPOCH %q: %v", epoch, err)
	}
	st.mtime = time.Unix(secs, 0).UTC()
	return st, nil
}

// buildBinary cross-compiles cmd/unroot. CGO_ENABLED=0 makes it static;
// -trimpath drops the machine's paths, -buildid= the build ID (a hash of
// the inputs that the go command also derives from the paths of its cache);
// -buildvcs=false because the go command stamps VCS data only in a plain
// clone (not a git worktree), and the commit is passed with -X instead, so a
// release is the same wherever it is built.
func buildBinary(dir, goos, goarch string, st stamp, out string) error {
	ldflags := fmt.Sprintf("-s -w -buildid= -X %s.Version=%s -X %s.Commit=%s", versionPkg, st.version, versionPkg, st.commit)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", out, "./cmd/unroot")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s/%s: %v\n%s", goos, goarch, err, stderr.String())
	}
	return nil
}

// checksums is a SHA256SUMS file (the format sha256sum -c reads) for the
// named files in dir, sorted by name.
func checksums(dir string, names []string) ([]byte, error) {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var b bytes.Buffer
	for _, name := range sorted {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	return b.Bytes(), nil
}

// output runs a command in dir and returns its trimmed standard output.
func output(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
