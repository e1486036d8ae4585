package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A standalone buildkitd, set up by scripts/buildkit-setup.sh, builds the
// Dockerfiles that docker 20.10's own BuildKit cannot parse (heredocs). Its
// base images come from the local docker daemon as OCI layouts given as
// named contexts, since no registry can be reached, and the result is
// loaded into docker's image store.

// buildkitdState is what scripts/buildkit-setup.sh leaves in its cache dir.
type buildkitdState struct {
	buildctl string
	addr     string
	contexts []namedContext
}

// namedContext is one line of $UNROOT_BUILDKIT_DIR/contexts: the image name
// as a FROM line spells it, its OCI layout and the manifest digest there.
type namedContext struct {
	name, layout, digest string
}

// buildkitdDir is the script's cache dir: $UNROOT_BUILDKIT_DIR, else
// ${XDG_CACHE_HOME:-$HOME/.cache}/unroot-buildkit (os.UserCacheDir).
func buildkitdDir() (string, error) {
	if d := os.Getenv("UNROOT_BUILDKIT_DIR"); d != "" {
		return d, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "unroot-buildkit"), nil
}

// requireBuildKitd skips the test unless docker tests are on and
// scripts/buildkit-setup.sh has run (make e2e runs it).
func requireBuildKitd(t *testing.T) buildkitdState {
	t.Helper()
	requireDocker(t)
	dir, err := buildkitdDir()
	if err != nil {
		t.Fatal(err)
	}
	s := buildkitdState{
		buildctl: filepath.Join(dir, "current", "bin", "buildctl"),
		addr:     os.Getenv("UNROOT_BUILDKIT_ADDR"),
	}
	if s.addr == "" {
		s.addr = "unix:///run/unroot-buildkit/buildkitd.sock"
	}
	data, err := os.ReadFile(filepath.Join(dir, "contexts"))
	if _, statErr := os.Stat(s.buildctl); err != nil || statErr != nil {
		t.Skipf("no buildkitd set up in %s: run scripts/buildkit-setup.sh (make e2e does)", dir)
	}
	s.contexts, err = parseContexts(data)
	if err != nil {
		t.Fatalf("%s/contexts: %v", dir, err)
	}
	return s
}

// parseContexts reads the script's contexts file: NAME<TAB>LAYOUT<TAB>DIGEST lines.
func parseContexts(data []byte) ([]namedContext, error) {
	var out []namedContext
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || f[0] == "" || !strings.HasPrefix(f[2], "sha256:") {
			return nil, fmt.Errorf("line %d: want NAME<TAB>LAYOUT<TAB>sha256:DIGEST, got %q", n, sc.Text())
		}
		out = append(out, namedContext{name: f[0], layout: f[1], digest: f[2]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no base images listed")
	}
	return out, sc.Err()
}

// buildctlArgs is the `buildctl build` command line for dockerfile (in
// contextDir unless absolute) and stage target, written as a docker image
// archive named tag to dest.
func (s buildkitdState) buildctlArgs(contextDir, dockerfile, target, tag, dest string) []string {
	if !filepath.IsAbs(dockerfile) {
		dockerfile = filepath.Join(contextDir, dockerfile)
	}
	args := []string{
		"--addr", s.addr, "build", "--progress", "plain",
		"--frontend", "dockerfile.v0",
		"--local", "context=" + contextDir,
		"--local", "dockerfile=" + filepath.Dir(dockerfile),
		"--opt", "filename=" + filepath.Base(dockerfile),
		// Any cmdline makes the built-in frontend ignore a `# syntax=`
		// line: the frontend image it names can't be pulled here.
		"--opt", "cmdline=dockerfile.v0",
		// Host networking, as for every build here (RUN apt-get).
		"--allow", "network.host", "--opt", "force-network-mode=host",
		"--output", "type=docker,name=" + tag + ",dest=" + dest,
	}
	if target != "" {
		args = append(args, "--opt", "target="+target)
	}
	stores := map[string]bool{}
	for _, c := range s.contexts {
		// A store ID must be a reference name: one per layout.
		store := "base-" + strings.TrimPrefix(filepath.Base(c.layout), "sha256:")
		if len(store) > 17 {
			store = store[:17]
		}
		args = append(args, "--opt", "context:"+c.name+"=oci-layout://"+store+"@"+c.digest)
		if !stores[store] {
			stores[store] = true
			args = append(args, "--oci-layout", store+"="+c.layout)
		}
	}
	return args
}

// buildWithBuildKitd builds target of dockerfile in contextDir with the
// standalone buildkitd, loads the image into docker as tag and returns how
// long the build (without the load) took.
func buildWithBuildKitd(t *testing.T, s buildkitdState, dockerBin, contextDir, dockerfile, target, tag string) time.Duration {
	t.Helper()
	archive := filepath.Join(t.TempDir(), "image.tar")
	args := s.buildctlArgs(contextDir, dockerfile, target, tag, archive)
	start := time.Now()
	out, err := exec.Command(s.buildctl, args...).CombinedOutput()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("buildctl %s: %v\n%s", strings.Join(args, " "), err, tail(out, 4000))
	}
	if _, err := runDocker(dockerBin, "load", "-i", archive); err != nil {
		t.Fatal(err)
	}
	return took
}

// tail returns the last n bytes of b.
func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
