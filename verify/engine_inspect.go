package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/unroot/unroot/transform"
)

// unroot's --engine-inspect: UR004 and UR005 ask the local engine what a
// base image runs (its ENTRYPOINT, CMD and SHELL), so that a new ENTRYPOINT
// keeps them. Packages cli and transform never run commands; this package
// is the one that drives docker, so it answers for them: cmd/unroot passes
// InspectRunConfig to cli as its Extensions.Inspector.

var runConfigMemo sync.Map // image -> runConfigAnswer

type runConfigAnswer struct {
	cfg *transform.ImageConfig
	err error
}

// InspectRunConfig returns the ENTRYPOINT, CMD and SHELL of a local image
// with `docker image inspect`. It never pulls: an image that is not present
// is an error. Answers are remembered for the life of the process.
func InspectRunConfig(image string) (*transform.ImageConfig, error) {
	if v, ok := runConfigMemo.Load(image); ok {
		a := v.(runConfigAnswer)
		return a.cfg, a.err
	}
	cfg, err := inspectRunConfig(context.Background(), ResolveDocker(context.Background(), "", false), image)
	runConfigMemo.Store(image, runConfigAnswer{cfg, err})
	return cfg, err
}

func inspectRunConfig(ctx context.Context, bin, image string) (*transform.ImageConfig, error) {
	d := &docker{bin: bin}
	r := d.run(ctx, 30*time.Second, "image", "inspect", "--format", "{{json .Config}}", image)
	if !r.OK() {
		if strings.Contains(strings.ToLower(r.Stderr), "no such image") {
			return nil, fmt.Errorf("%s is not a local image", image)
		}
		return nil, fmt.Errorf("docker image inspect %s: %s", image, r.Describe())
	}
	return parseRunConfig(r.Stdout)
}

// parseRunConfig reads the JSON of an image's Config.
func parseRunConfig(out string) (*transform.ImageConfig, error) {
	var c struct {
		Entrypoint, Cmd, Shell []string
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &c); err != nil {
		return nil, fmt.Errorf("docker image inspect: %v", err)
	}
	return &transform.ImageConfig{Entrypoint: c.Entrypoint, Cmd: c.Cmd, Shell: c.Shell}, nil
}
