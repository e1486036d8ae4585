package verify

import (
	"reflect"
	"testing"
)

const inspectOutput = `[
    {
        "Id": "sha256:0123",
        "RepoTags": ["jupyter:latest"],
        "Config": {
            "Hostname": "",
            "User": "",
            "ExposedPorts": {"8888/tcp": {}, "53/udp": {}, "80/tcp": {}},
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/app", "EMPTY="],
            "Cmd": ["jupyter", "notebook"],
            "Image": "",
            "Volumes": {"/notebooks": {}, "/data": {}},
            "WorkingDir": "/notebooks",
            "Entrypoint": ["tini", "--"],
            "OnBuild": null,
            "Labels": null
        }
    }
]`

func TestParseImageInspect(t *testing.T) {
	c, err := ParseImageInspect([]byte(inspectOutput))
	if err != nil {
		t.Fatal(err)
	}
	want := ImageConfig{
		Env:          []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/app", "EMPTY="},
		Cmd:          []string{"jupyter", "notebook"},
		Entrypoint:   []string{"tini", "--"},
		WorkingDir:   "/notebooks",
		Volumes:      []string{"/data", "/notebooks"},
		ExposedPorts: []Port{{53, "udp"}, {80, "tcp"}, {8888, "tcp"}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("got %+v\nwant %+v", c, want)
	}
	if h, ok := c.Getenv("HOME"); !ok || h != "/home/app" {
		t.Errorf("HOME = %q %v", h, ok)
	}
	if e, ok := c.Getenv("EMPTY"); !ok || e != "" {
		t.Errorf("EMPTY = %q %v", e, ok)
	}
	if _, ok := c.Getenv("NOPE"); ok {
		t.Error("NOPE found")
	}
	if got := appDirs(c, "/var/cache/app", "rel", "/notebooks/", "/"); !reflect.DeepEqual(got,
		[]string{"/notebooks", "/data", "/var/cache/app", "/notebooks/rel"}) {
		t.Errorf("appDirs = %q", got)
	}
}

func TestParseImageInspectVariants(t *testing.T) {
	// A single object, null fields and a port range.
	c, err := ParseImageInspect([]byte(`{"Id":"x","Config":{"User":"1001:0","Cmd":null,"Entrypoint":null,
		"Volumes":null,"ExposedPorts":{"8000-8002/tcp":{},"9000":{}},"WorkingDir":""}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.User != "1001:0" || c.Cmd != nil || c.Volumes != nil {
		t.Errorf("got %+v", c)
	}
	if want := []Port{{8000, "tcp"}, {8001, "tcp"}, {8002, "tcp"}, {9000, "tcp"}}; !reflect.DeepEqual(c.ExposedPorts, want) {
		t.Errorf("ports %v", c.ExposedPorts)
	}
	if got := appDirs(c); got != nil {
		t.Errorf("appDirs of nothing = %q", got)
	}
	if got := appDirs(c, "cache"); !reflect.DeepEqual(got, []string{"/cache"}) {
		t.Errorf("relative to / = %q", got)
	}

	// No Config at all.
	if c, err := ParseImageInspect([]byte(`[{"Id":"x"}]`)); err != nil || !reflect.DeepEqual(c, ImageConfig{}) {
		t.Errorf("no config: %+v %v", c, err)
	}
	for _, bad := range []string{``, `[]`, `not json`, `[{"Config":{"ExposedPorts":{"http/tcp":{}}}}]`,
		`[{"Config":{"ExposedPorts":{"9-1/tcp":{}}}}]`} {
		if _, err := ParseImageInspect([]byte(bad)); err == nil {
			t.Errorf("ParseImageInspect(%q): no error", bad)
		}
	}
}
