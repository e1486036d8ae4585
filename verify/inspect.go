package verify

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// ImageConfig is the part of `docker image inspect`'s Config that the
// checks use.
type ImageConfig struct {
	User         string
	Env          []string
	Cmd          []string
	Entrypoint   []string
	WorkingDir   string
	Volumes      []string // sorted
	ExposedPorts []Port   // sorted by number, then protocol
}

// Port is an exposed port such as 8080/tcp.
type Port struct {
	Number int
	Proto  string
}

func (p Port) String() string { return strconv.Itoa(p.Number) + "/" + p.Proto }

// Getenv returns the value of an ENV variable of the image.
func (c ImageConfig) Getenv(key string) (string, bool) {
	for _, kv := range c.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

type inspectJSON struct {
	ID     string `json:"Id"`
	Config *struct {
		User         string
		Env          []string
		Cmd          []string
		Entrypoint   []string
		WorkingDir   string
		Volumes      map[string]json.RawMessage
		ExposedPorts map[string]json.RawMessage
	}
}

// ParseImageInspect parses the output of `docker image inspect IMAGE` (a
// JSON array with one element) or a single object of it.
func ParseImageInspect(data []byte) (ImageConfig, error) {
	var arr []inspectJSON
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "{") {
		var one inspectJSON
		if err := json.Unmarshal([]byte(trimmed), &one); err != nil {
			return ImageConfig{}, fmt.Errorf("image inspect: %w", err)
		}
		arr = []inspectJSON{one}
	} else if err := json.Unmarshal([]byte(trimmed), &arr); err != nil {
		return ImageConfig{}, fmt.Errorf("image inspect: %w", err)
	}
	if len(arr) == 0 {
		return ImageConfig{}, fmt.Errorf("image inspect: no image")
	}
	var c ImageConfig
	cfg := arr[0].Config
	if cfg == nil {
		return c, nil
	}
	c.User = cfg.User
	c.Env = cfg.Env
	c.Cmd = cfg.Cmd
	c.Entrypoint = cfg.Entrypoint
	c.WorkingDir = cfg.WorkingDir
	for v := range cfg.Volumes {
		c.Volumes = append(c.Volumes, v)
	}
	sort.Strings(c.Volumes)
	for spec := range cfg.ExposedPorts {
		p, err := parsePort(spec)
		if err != nil {
			return ImageConfig{}, err
		}
		c.ExposedPorts = append(c.ExposedPorts, p...)
	}
	sort.Slice(c.ExposedPorts, func(i, j int) bool {
		a, b := c.ExposedPorts[i], c.ExposedPorts[j]
		if a.Number != b.Number {
			return a.Number < b.Number
		}
		return a.Proto < b.Proto
	})
	return c, nil
}

// parsePort parses "80/tcp", "53/udp", "80" or a range "8000-8002/tcp".
func parsePort(spec string) ([]Port, error) {
	num, proto, _ := strings.Cut(spec, "/")
	if proto == "" {
		proto = "tcp"
	}
	lo, hi, isRange := strings.Cut(num, "-")
	a, err := strconv.Atoi(lo)
	if err != nil {
		return nil, fmt.Errorf("image inspect: bad exposed port %q", spec)
	}
	b := a
	if isRange {
		if b, err = strconv.Atoi(hi); err != nil || b < a || b-a > 65535 {
			return nil, fmt.Errorf("image inspect: bad exposed port range %q", spec)
		}
	}
	var out []Port
	for n := a; n <= b; n++ {
		out = append(out, Port{Number: n, Proto: strings.ToLower(proto)})
	}
	return out, nil
}

// appDirs returns the image's WORKDIR and VOLUMEs followed by extra,
// cleaned and deduplicated; relative extras are taken relative to the
// WORKDIR. The root directory is left out: it is not an application
// directory.
func appDirs(c ImageConfig, extra ...string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if d == "" {
			return
		}
		if !path.IsAbs(d) {
			base := c.WorkingDir
			if base == "" {
				base = "/"
			}
			d = path.Join(base, d)
		}
		d = path.Clean(d)
		if d == "/" || seen[d] {
			return
		}
		seen[d] = true
		out = append(out, d)
	}
	add(c.WorkingDir)
	for _, v := range c.Volumes {
		add(v)
	}
	for _, e := range extra {
		add(e)
	}
	return out
}
