package verify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// result is the outcome of one docker CLI invocation.
type result struct {
	Stdout, Stderr string
	Exit           int // exit code; -1 when the command did not run to completion
	Err            error
	Dur            time.Duration
}

// OK reports whether the command ran and exited 0.
func (r result) OK() bool { return r.Err == nil && r.Exit == 0 }

// TimedOut reports whether the command was stopped by its deadline.
func (r result) TimedOut() bool { return errors.Is(r.Err, context.DeadlineExceeded) }

// Describe summarises a failed command for evidence.
func (r result) Describe() string {
	out := strings.TrimSpace(r.Stderr)
	if so := strings.TrimSpace(r.Stdout); so != "" {
		if out != "" {
			out = so + " | " + out
		} else {
			out = so
		}
	}
	switch {
	case r.TimedOut():
		return fmt.Sprintf("timed out after %s %s", r.Dur.Round(100*time.Millisecond), out)
	case r.Err != nil:
		return fmt.Sprintf("%v %s", r.Err, out)
	default:
		return fmt.Sprintf("exit %d: %s", r.Exit, out)
	}
}

// docker drives the docker CLI through os/exec.
type docker struct {
	bin string
	env []string // added to the environment
	log io.Writer
}

// run runs `docker args...` with a deadline of at most timeout.
func (d *docker) run(ctx context.Context, timeout time.Duration, args ...string) result {
	return d.runInput(ctx, timeout, nil, args...)
}

func (d *docker) runInput(ctx context.Context, timeout time.Duration, stdin io.Reader, args ...string) result {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, d.bin, args...)
	if len(d.env) > 0 {
		cmd.Env = append(os.Environ(), d.env...)
	}
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.WaitDelay = 3 * time.Second
	start := time.Now()
	err := cmd.Run()
	r := result{Stdout: stdout.String(), Stderr: stderr.String(), Dur: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		r.Exit, r.Err = -1, ctx.Err()
	case errors.As(err, &ee):
		r.Exit = ee.ExitCode()
	case err != nil:
		r.Exit, r.Err = -1, err
	}
	if d.log != nil {
		fmt.Fprintf(d.log, "+ docker %s  # exit %d in %s\n", shellQuote(args), r.Exit, r.Dur.Round(time.Millisecond))
	}
	return r
}

// shellQuote renders args for logs.
func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\$`;&|<>()*?[]{}!#~") {
			q[i] = a
		} else {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	s := strings.ReplaceAll(strings.Join(q, " "), "\n", "; ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return strconv.FormatInt(time.Now().UnixNano(), 16)
	}
	return hex.EncodeToString(b)
}

// DockerCandidates lists the executables named docker on $PATH, in order,
// without duplicates (by resolved path).
func DockerCandidates() []string {
	var out []string
	seen := map[string]bool{}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, "docker")
		fi, err := os.Stat(p)
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			real = p
		}
		if seen[real] {
			continue
		}
		seen[real] = true
		out = append(out, p)
	}
	return out
}

// ResolveDocker picks the docker client: explicit (the --docker flag) when
// set, else $DOCKER, else the first docker on $PATH. When buildKit is true
// and neither was given, it prefers the first client on $PATH that can
// build with BuildKit: one older than 23.0 (BuildKit built in, through
// DOCKER_BUILDKIT=1) or one with the buildx plugin.
func ResolveDocker(ctx context.Context, explicit string, buildKit bool) string {
	if explicit != "" {
		return explicit
	}
	if env := os.Getenv("DOCKER"); env != "" {
		return env
	}
	cands := DockerCandidates()
	if len(cands) == 0 {
		return "docker"
	}
	if buildKit {
		for _, c := range cands {
			if canBuildKit(ctx, c) {
				return c
			}
		}
	}
	return cands[0]
}

func canBuildKit(ctx context.Context, bin string) bool {
	d := &docker{bin: bin}
	v := d.run(ctx, 10*time.Second, "version", "--format", "{{.Client.Version}}")
	ver := strings.TrimSpace(v.Stdout)
	if ver == "" {
		return false
	}
	major, _, _ := strings.Cut(ver, ".")
	if n, err := strconv.Atoi(major); err == nil && n < 23 {
		return true
	}
	return d.run(ctx, 10*time.Second, "buildx", "version").OK()
}
