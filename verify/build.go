package verify

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Builders accepted by BuildOptions.Builder.
const (
	BuilderClassic  = "classic"
	BuilderBuildKit = "buildkit"
)

// BuildOptions configures Build.
type BuildOptions struct {
	// Context is the build context directory.
	Context string
	// Dockerfile is the -f argument; empty means Context/Dockerfile.
	Dockerfile string
	// Tag names the image; empty means a random unroot-verify-… tag.
	Tag string
	// Builder is "classic" (the default) or "buildkit".
	Builder string
	// Docker is the client binary; empty means ResolveDocker.
	Docker string
	// BuildArgs are passed as --build-arg.
	BuildArgs []string
	// Output receives the build's output; nil discards it (it is then
	// returned in the error of a failed build).
	Output io.Writer
}

// Build runs `docker build --network host` with the chosen builder
// (DOCKER_BUILDKIT=0 or 1) and returns the image tag.
func Build(ctx context.Context, b BuildOptions) (string, error) {
	var env string
	switch strings.ToLower(b.Builder) {
	case "", BuilderClassic:
		env = "DOCKER_BUILDKIT=0"
	case BuilderBuildKit:
		env = "DOCKER_BUILDKIT=1"
	default:
		return "", fmt.Errorf("build: unknown builder %q (want classic or buildkit)", b.Builder)
	}
	if b.Context == "" {
		return "", fmt.Errorf("build: no context directory")
	}
	if b.Docker == "" {
		b.Docker = ResolveDocker(ctx, "", env == "DOCKER_BUILDKIT=1")
	}
	if b.Tag == "" {
		b.Tag = "unroot-verify-" + randomHex(6) + ":latest"
	}
	args := []string{"build", "--network", "host", "-t", b.Tag}
	if env == "DOCKER_BUILDKIT=1" {
		args = append(args, "--progress", "plain")
	}
	if b.Dockerfile != "" {
		args = append(args, "-f", b.Dockerfile)
	}
	for _, a := range b.BuildArgs {
		args = append(args, "--build-arg", a)
	}
	args = append(args, b.Context)
	cmd := exec.CommandContext(ctx, b.Docker, args...)
	cmd.Env = append(os.Environ(), env)
	var tail tailBuffer
	var out io.Writer = &tail
	if b.Output != nil {
		out = io.MultiWriter(b.Output, &tail)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build: %s %s (%s): %v\n%s", b.Docker, strings.Join(args, " "), env, err, tail.String())
	}
	return b.Tag, nil
}

// RemoveImage removes an image (best effort).
func RemoveImage(ctx context.Context, dockerBin, image string) error {
	d := &docker{bin: dockerBin}
	r := d.run(ctx, cmdTimeout, "image", "rm", image)
	if !r.OK() {
		return fmt.Errorf("docker image rm %s: %s", image, r.Describe())
	}
	return nil
}

// tailBuffer keeps the last 8 KiB written to it.
type tailBuffer struct{ b []byte }

const tailMax = 8 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > tailMax {
		t.b = append([]byte(nil), t.b[len(t.b)-tailMax:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.b) }
