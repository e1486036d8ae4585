package parser

import (
	"reflect"
	"testing"
)

func TestAnalyzeRunCopies(t *testing.T) {
	for _, tc := range []struct {
		script string
		want   []FileCopy
	}{
		{"cp -a /etc/passwd /etc/group /output/etc/", []FileCopy{{Sources: []string{"/etc/passwd", "/etc/group"}, Dest: "/output/etc", Into: true}}},
		{"cp /etc/passwd /out/passwd", []FileCopy{{Sources: []string{"/etc/passwd"}, Dest: "/out/passwd"}}},
		{"cp /etc/passwd /out/", []FileCopy{{Sources: []string{"/etc/passwd"}, Dest: "/out", Into: true}}},
		{"cd /work && cp -r -t out /etc", []FileCopy{{Sources: []string{"/etc"}, Dest: "/work/out", Into: true}}},
		{"cp \"$SRC\" /out/", []FileCopy{{Sources: []string{"$SRC"}, Dest: "/out", Into: true, Unresolved: true}}},
		{"cp --parents /etc/passwd /out", nil},
		{"cp -s /etc/passwd /out", nil},
		{"cp /etc/passwd", nil},
	} {
		f, err := AnalyzeRun(tc.script, envOf())
		if err != nil {
			t.Fatalf("%q: %v", tc.script, err)
		}
		var got []FileCopy
		for _, c := range f.Copies {
			c.Start, c.End = 0, 0
			got = append(got, c)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.script, got, tc.want)
		}
	}
}

// A COPY --from that puts back the account files an earlier stage copied
// elsewhere with cp brings that stage's users; one that puts them anywhere
// else does not.
func TestAccountsCopiedThroughADirectory(t *testing.T) {
	for _, tc := range []struct {
		run, copy string
		linked    bool
	}{
		{"cp -a /etc/passwd /etc/group /output/etc/", "COPY --from=base /output /", true},
		{"cp /etc/passwd /out/passwd", "COPY --from=base /out/passwd /etc/passwd", true},
		{"cp /etc/passwd /out/passwd", "COPY --from=base /out/ /etc/", true},
		{"cp -r /etc /rootfs/", "COPY --from=base /rootfs /", true},
		{"cp -a /etc/passwd /etc/group /output/etc/", "COPY --from=base /output /srv", false},
		{"cp -a /etc/passwd /etc/group /output/etc/", "COPY --from=base /other /", false},
		{"cp -a /etc/hosts /output/etc/", "COPY --from=base /output /", false},
	} {
		src := "FROM alpine:3.20 AS base\nRUN adduser -D -u 1234 app && " + tc.run + "\nFROM scratch\n" + tc.copy + "\nUSER app\n"
		doc, err := Parse("Dockerfile", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		final := doc.FinalStage()
		u := final.LookupUser("app")
		if got := u != nil; got != tc.linked {
			t.Errorf("%s / %s: user found %v, want %v", tc.run, tc.copy, got, tc.linked)
		}
		if u != nil && u.UID != "1234" {
			t.Errorf("%s / %s: UID %q", tc.run, tc.copy, u.UID)
		}
	}
}
