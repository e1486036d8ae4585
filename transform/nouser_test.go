package transform

import (
	"strings"
	"testing"
)

// A named user becomes the --uid UID only when it cannot exist: a plain OS
// image without it, and nothing before USER (as root) that may make it.
func TestMissingUser(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		missing   bool
		blocker   string // part of the reason when it may exist
	}{
		{"plain alpine", "FROM alpine:3.20\nUSER mike\n", true, ""},
		{"plain debian, RUN after USER", "FROM debian:12\nUSER mike\nRUN true\n", true, ""},
		{"pip only", "FROM alpine:3.20\nRUN pip install --upgrade pip\nUSER mike\n", true, ""},
		{"package install", "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER mike\n", false, "RUN at line 2"},
		{"unknown script", "FROM alpine:3.20\nCOPY setup.sh /usr/local/bin/\nRUN setup.sh\nUSER mike\n", false, "RUN at line 3"},
		{"write to /etc", "FROM alpine:3.20\nRUN echo x >> /etc/motd\nUSER mike\n", false, "RUN at line 2"},
		{"COPY to /", "FROM alpine:3.20\nUSER mike\nCOPY rootfs/ /\n", false, "COPY at line 3"},
		{"COPY to /etc/passwd", "FROM alpine:3.20\nCOPY passwd /etc/passwd\nUSER mike\n", false, "COPY at line 2"},
		{"user of the image", "FROM alpine:3.20\nUSER guest\n", false, ""},
		{"not a plain OS image", "FROM node:20\nUSER mike\n", false, ""},
		{"named group", "FROM alpine:3.20\nUSER mike:staff\n", false, ""},
	} {
		doc := mustParse(t, tc.src)
		tg, err := NewTarget(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := tg.Missing != ""; got != tc.missing {
			t.Errorf("%s: missing = %v (%q), want %v", tc.name, got, tg.Missing, tc.missing)
		}
		if tc.missing && tg.RuntimeUID != DefaultUID {
			t.Errorf("%s: RuntimeUID %q, want %s", tc.name, tg.RuntimeUID, DefaultUID)
		}
		if tc.blocker != "" && !strings.Contains(tg.unresolved, tc.blocker) {
			t.Errorf("%s: reason %q does not name %q", tc.name, tg.unresolved, tc.blocker)
		}
	}
}

// The group pin takes the user's UID as GID when free, else the next GID
// that neither the file nor the base image uses; it is left alone when the
// group has a GID or USER does not need it.
func TestPinGroup(t *testing.T) {
	for _, tc := range []struct {
		name, src, gid string
	}{
		{"same as the UID", "FROM debian:12\nRUN groupadd app && useradd -g app app\nUSER app\n", "1001"},
		{"UID given, USER names the group", "FROM debian:12\nRUN groupadd app && useradd -u 2000 -g app app\nUSER app:app\n", "2000"},
		{"taken by another group", "FROM debian:12\nRUN groupadd -g 2000 x && groupadd app && useradd -u 2000 -g app app\nUSER app:app\n", "2001"},
		{"taken by the base image", "FROM node:20\nRUN groupadd app && useradd -u 1000 -o -g app app\nUSER app:app\n", "1001"},
		{"group has a GID", "FROM debian:12\nRUN groupadd -g 500 app && useradd -g app app\nUSER app\n", ""},
		{"UID known, USER does not name the group", "FROM debian:12\nRUN groupadd app && useradd -u 2000 -g app app\nUSER app\n", ""},
	} {
		doc := mustParse(t, tc.src)
		tg, err := NewTarget(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.gid == "" && tg.GroupPin != nil:
			t.Errorf("%s: pinned the group to %s", tc.name, tg.RuntimeGID)
		case tc.gid != "" && (tg.GroupPin == nil || tg.RuntimeGID != tc.gid):
			t.Errorf("%s: GID %q (pinned %v), want %s", tc.name, tg.RuntimeGID, tg.GroupPin != nil, tc.gid)
		}
	}
}
