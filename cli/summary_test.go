package cli

import (
	"testing"

	"github.com/unroot/unroot/transform"
)

// Findings of one kind in different files count as one reason.
func TestReason(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{`USER mike: cannot resolve "mike" to a UID (not created in this Dockerfile, not a known user of x:1); pass --uid N to use UID N`,
			`USER cnb:cnb: cannot resolve "cnb" to a UID (not created in this Dockerfile (nor in y)); pass --uid N to use UID N`,
			`cannot resolve "…" to a UID`},
		{`EXPOSE 80: a non-root process cannot bind port 80 on OpenShift; make it listen on a port >= 1024`,
			`EXPOSE 22: a non-root process cannot bind port 22 on OpenShift; make it listen on a port >= 1024`,
			`a non-root process cannot bind port N on OpenShift`},
		{`/var/lib/docker (VOLUME line 444, earlier stage) is under a VOLUME of an earlier stage: open it`,
			`/data (VOLUME line 3) is under a VOLUME of an earlier stage: the classic builder discards it`,
			`<path> is under a VOLUME of an earlier stage`},
		{`group 0 cannot write /a, /b, and the place for commands that need root runs as USER app: open them`,
			`group 0 cannot write /c, /d, /e, and the place for commands that need root runs as USER 10:10: open them`,
			`group 0 cannot write <path>... and the place for commands that need root runs as USER …`},
	} {
		a, b := reason(tc.a), reason(tc.b)
		if a != tc.want || b != tc.want {
			t.Errorf("reason:\n%q\n%q\nwant %q", a, b, tc.want)
		}
	}
}

// The summary counts each file once, by what became of it.
func TestRunSummary(t *testing.T) {
	fixed := transform.Finding{Rule: "UR001", Line: 1, Fix: &transform.Fix{}}
	reported := transform.Finding{Rule: "UR006", Line: 3}
	var s runSummary
	s.add(&report{outcome: &fileOutcome{changed: true, findings: []transform.Finding{fixed, reported}}})
	s.add(&report{outcome: &fileOutcome{findings: []transform.Finding{reported}}})
	s.add(&report{outcome: &fileOutcome{ignored: []transform.Finding{reported, reported}}})
	s.add(&report{failed: true})
	s.add(&report{}) // not a Dockerfile
	want := "5 files: 1 changed, 1 already fine, 1 with reports only, 1 errors, 1 skipped, 2 ignored"
	if got := s.line(true); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
