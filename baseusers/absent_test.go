package baseusers

import "testing"

func TestAbsent(t *testing.T) {
	for _, tc := range []struct {
		image, name string
		absent      bool
	}{
		{"alpine:3.13", "mike", true},
		{"alpine:3.13", "guest", false}, // alpine-baselayout has it
		{"alpine", "nobody", false},
		{"debian:9", "foo", true},
		{"debian:bookworm-slim", "_apt", false},
		{"ubuntu:24.04", "ubuntu", false},
		{"ubuntu:18.04", "mike", true},
		{"busybox:1.36", "mike", true},
		{"busybox:1.36", "www-data", false},
		{"node:20", "mike", false},           // an image with packages of its own
		{"myorg/alpine:3.20", "mike", false}, // not the official image
		{"python:3.12-alpine", "mike", false},
		{"fedora:40", "mike", false}, // not listed in full
		{"", "mike", false},
		{"alpine:3.20", "", false},
	} {
		_, got := Absent(tc.image, tc.name)
		if got != tc.absent {
			t.Errorf("Absent(%q, %q) = %v, want %v", tc.image, tc.name, got, tc.absent)
		}
	}
}

// Every user Lookup finds in a plain OS image is one Absent does not deny.
func TestAbsentAgreesWithLookup(t *testing.T) {
	for _, img := range []string{"alpine:3.20", "debian:12", "ubuntu:24.04", "busybox:1.36"} {
		for _, e := range entries() {
			if _, ok := Lookup(img, e.Name); ok {
				if _, absent := Absent(img, e.Name); absent {
					t.Errorf("%s: Lookup knows %s but Absent denies it", img, e.Name)
				}
			}
		}
	}
}

func TestKnown(t *testing.T) {
	has := func(es []Entry, name, uid string) bool {
		for _, e := range es {
			if e.Name == name && e.UID == uid {
				return true
			}
		}
		return false
	}
	if k := Known("ubuntu:24.04"); !has(k, "ubuntu", "1000") || !has(k, "nobody", "65534") {
		t.Errorf("Known(ubuntu:24.04) = %v", k)
	}
	if k := Known("ubuntu:22.04"); has(k, "ubuntu", "1000") {
		t.Errorf("Known(ubuntu:22.04) has the ubuntu user: %v", k)
	}
	if k := Known("node:20-alpine"); !has(k, "node", "1000") || !has(k, "www-data", "82") {
		t.Errorf("Known(node:20-alpine) = %v", k)
	}
	if k := Known("mycompany/base:1"); len(k) != 0 {
		t.Errorf("Known(unknown image) = %v", k)
	}
}
