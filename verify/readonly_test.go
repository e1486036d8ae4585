package verify

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadOnlyWrites(t *testing.T) {
	out := strings.Join([]string{
		"starting",
		"mkdir: cannot create directory '/app/uploads': Read-only file system",
		`PermissionError: [Errno 30] Read-only file system: '/srv/data/started'`,
		"sh: 1: cannot create /var/run/app.pid: Read-only file system",
		"open /etc/app/cache.db: read-only file system",
		"/usr/local/bin/unroot-entrypoint: line 5: can't create /etc/passwd: Read-only file system",
		"Error: EROFS: read-only file system, open '/opt/app/log.txt'",
		"mkdir: cannot create directory '/app/uploads': Read-only file system", // again
		"/app/uploads: Permission denied",                                      // not read-only: left out
	}, "\n")
	want := []string{"/app/uploads", "/srv/data/started", "/var/run/app.pid", "/etc/app/cache.db", "/etc/passwd", "/opt/app/log.txt"}
	if got := ReadOnlyWrites(out); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := ReadOnlyWrites("all good\n"); got != nil {
		t.Errorf("got %q", got)
	}
}

func TestReadOnlyFlags(t *testing.T) {
	if got := readOnlyFlags(ImageConfig{Volumes: []string{"/data"}}); !reflect.DeepEqual(got, []string{"--read-only", "--tmpfs", "/tmp"}) {
		t.Errorf("got %q", got)
	}
	// /tmp is a VOLUME already: a volume is mounted there, no tmpfs.
	if got := readOnlyFlags(ImageConfig{Volumes: []string{"/tmp"}}); !reflect.DeepEqual(got, []string{"--read-only"}) {
		t.Errorf("got %q", got)
	}
	if got := readOnlyMounts(ImageConfig{Volumes: []string{"/data", "/tmp"}}); !reflect.DeepEqual(got, []string{"/tmp", "/data"}) {
		t.Errorf("mounts %q", got)
	}
}
