package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// skipDirs are never walked: they hold other people's code or VCS data.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "vendor": true, "node_modules": true}

// IsDockerfileName reports whether a file name looks like a Dockerfile.
func IsDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case lower == "dockerfile", lower == "containerfile":
		return true
	case strings.HasPrefix(lower, "dockerfile."), strings.HasPrefix(lower, "containerfile."):
		return true
	case strings.HasSuffix(lower, ".dockerfile"):
		return true
	}
	return false
}

// collect returns the work for one command-line path: the file itself, or
// every Dockerfile under a directory, in a stable order. Errors met while
// walking become tasks too, so they print in order with the rest.
func (c *config) collect(path string) []task {
	info, err := os.Stat(path)
	if err != nil {
		return []task{errorTask("%s: %v", path, describe(err))}
	}
	if !info.IsDir() {
		c.prepare(path, filepath.Dir(path), false)
		sniff := c.skipNonDockerfiles && isVariantName(filepath.Base(path))
		return []task{func(r *report) { c.processFile(r, path, sniff) }}
	}
	var tasks []task
	excluded := c.cfg.excluded
	c.walk(path, map[string]bool{}, &tasks)
	if len(tasks) == 0 && c.cfg.excluded > excluded {
		return nil // the config leaves every Dockerfile here out
	}
	if len(tasks) == 0 {
		// A mistyped path in CI must not pass as "nothing to change".
		return []task{errorTask("%s: no Dockerfiles found (looked for %s)", path, dockerfileNames)}
	}
	return tasks
}

// dockerfileNames describes the names walking looks for.
const dockerfileNames = "Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile, Containerfile.*"

func errorTask(format string, args ...any) task {
	return func(r *report) { r.errorf(format, args...) }
}

// walk visits dir recursively. It follows symbolic links to directories
// but remembers where it has been, so a link loop ends.
func (c *config) walk(dir string, visited map[string]bool, tasks *[]task) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		*tasks = append(*tasks, errorTask("%s: %v", dir, describe(err)))
		return
	}
	if visited[real] {
		return
	}
	visited[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		*tasks = append(*tasks, errorTask("%s: %v", dir, describe(err)))
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				if IsDockerfileName(e.Name()) {
					*tasks = append(*tasks, errorTask("%s: %v", p, describe(err)))
				}
				continue
			}
			if info.IsDir() {
				if !skipDirs[e.Name()] {
					c.walk(p, visited, tasks)
				}
				continue
			}
			t = info.Mode().Type()
		}
		switch {
		case e.IsDir():
			if !skipDirs[e.Name()] {
				c.walk(p, visited, tasks)
			}
		case t.IsRegular() && IsDockerfileName(e.Name()) && !c.prepare(p, dir, true):
			// Found by walking under a name like Dockerfile.dev, the file
			// may as well be dockerfile.go or Dockerfile.dockerignore:
			// its content decides.
			sniff := isVariantName(e.Name())
			*tasks = append(*tasks, func(r *report) { c.processFile(r, p, sniff) })
		}
	}
}

// isVariantName reports whether a Dockerfile name is only a prefix:
// "Dockerfile.dev", "containerfile.go", not "Dockerfile" or "app.dockerfile".
func isVariantName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile.")
}

// notADockerfile says why src cannot be a Dockerfile, or "" when it may be
// one: a Dockerfile's first instruction is FROM, or ARG before FROM. It
// reads only the first line that is not blank or a comment, so that source
// files (`package dockerfile`), ignore files (`*`) and fragments are told
// apart before anything parses them.
func notADockerfile(src []byte) string {
	if bytes.IndexByte(src, 0) >= 0 {
		return "binary data"
	}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, _, _ := strings.Cut(strings.Fields(line)[0], "\\")
		if w := strings.ToLower(word); w == "from" || w == "arg" {
			return ""
		}
		if len(word) > 20 {
			word = word[:20] + "..."
		}
		return fmt.Sprintf("it starts with %q, not FROM or ARG", word)
	}
	return "no instructions"
}

func (c *config) processFile(r *report, path string, sniff bool) {
	f, err := os.Open(path)
	if err != nil {
		r.errorf("%s: %v", path, describe(err))
		return
	}
	src, err := readLimited(f, c.maxSize)
	f.Close()
	if err != nil {
		r.errorf("%s: %v", path, describe(err))
		return
	}
	if sniff {
		if why := notADockerfile(src); why != "" {
			fmt.Fprintf(&r.stderr, "%s: skipped: not a Dockerfile (%s)\n", path, why)
			return
		}
	}
	label := filepath.ToSlash(filepath.Clean(path))
	label = strings.TrimPrefix(label, "/")
	c.processBytes(r, path, label, src, func(out []byte) error {
		return writeFileAtomic(path, out, c.followSymlinks)
	})
}

// readLimited reads at most max+1 bytes of f (one more than allowed, so
// that checkInput can tell a file too large), in one buffer of the file's
// size when it is known, as os.ReadFile does: io.ReadAll's growing buffer
// costs a copy per doubling, for each of thousands of files.
func readLimited(f *os.File, max int64) ([]byte, error) {
	size := int64(512)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > 0 {
		size = min(info.Size(), max) + 1
	}
	buf := make([]byte, 0, size)
	r := io.LimitReader(f, max+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow: the file was longer than its size said
		}
	}
}

// describe shortens the usual file errors to their cause; the caller names
// the file.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeFileAtomic replaces path with data: a temporary file in the same
// directory is written, synced and renamed over the original, so a reader
// sees the old file or the new one, never a part. The mode is kept. A
// symbolic link is refused unless follow is set, when its target is
// replaced instead.
func writeFileAtomic(path string, data []byte, follow bool) (err error) {
	info, err := os.Lstat(path)
	if err != nil {
		return describe(err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if !follow {
			return fmt.Errorf("is a symbolic link; not replaced (use --follow-symlinks to rewrite its target)")
		}
		if path, err = filepath.EvalSymlinks(path); err != nil {
			return describe(err)
		}
		if info, err = os.Stat(path); err != nil {
			return describe(err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".unroot-*")
	if err != nil {
		return fmt.Errorf("cannot write: %v", describe(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return describe(err)
	}
	if d, derr := os.Open(filepath.Dir(path)); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
