package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Check statuses.
const (
	StatusPass = "PASS"
	StatusFail = "FAIL"
	StatusWarn = "WARN"
	StatusSkip = "SKIP"
)

// Check is the outcome of one verification step.
type Check struct {
	Name     string `json:"name"`
	Status   string `json:"status"` // PASS, FAIL, WARN or SKIP
	Evidence string `json:"evidence"`
	// Profile is the profile the check ran under (ProfileRestricted or
	// ProfilePlain); empty in reports made by hand.
	Profile string `json:"profile,omitempty"`
}

// String formats the check as one report line:
// "STATUS name [profile]: evidence" ("STATUS name: evidence" without a
// profile).
func (c Check) String() string {
	if c.Profile == "" {
		return fmt.Sprintf("%s %s: %s", c.Status, c.Name, oneLine(c.Evidence))
	}
	return fmt.Sprintf("%s %s [%s]: %s", c.Status, c.Name, c.Profile, oneLine(c.Evidence))
}

// Report is the result of verifying one image.
type Report struct {
	Image   string `json:"image"`
	UID     int    `json:"uid"`
	GID     int    `json:"gid"`
	Profile string `json:"profile,omitempty"`
	// FSGroup is the supplemental group of the restricted profile (0 under
	// the plain one).
	FSGroup int     `json:"fsGroup,omitempty"`
	Checks  []Check `json:"checks"`
	// SecurityContext is what the image passed under; nil when a check
	// failed.
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
	// readOnlyMounts are the writable mounts the read-only check gave.
	readOnlyMounts []string
}

// Failed reports whether any check has status FAIL.
func (r Report) Failed() bool {
	for _, c := range r.Checks {
		if c.Status == StatusFail {
			return true
		}
	}
	return false
}

// Check returns the check with the given name, and whether there is one.
func (r Report) Check(name string) (Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// Counts returns how many checks have each status.
func (r Report) Counts() map[string]int {
	m := map[string]int{}
	for _, c := range r.Checks {
		m[c.Status]++
	}
	return m
}

// WriteText writes one line per check.
func (r Report) WriteText(w io.Writer) error {
	for _, c := range r.Checks {
		if _, err := fmt.Fprintln(w, c.String()); err != nil {
			return err
		}
	}
	return nil
}

// Summary is a one-line summary, e.g. "busybox as 123456:0: 6 PASS, 2 FAIL, 1 WARN, 0 SKIP".
func (r Report) Summary() string {
	n := r.Counts()
	prof := ""
	if r.Profile != "" {
		prof = " (" + r.Profile + ")"
	}
	return fmt.Sprintf("%s as uid %d%s: %d PASS, %d FAIL, %d WARN, %d SKIP",
		r.Image, r.UID, prof, n[StatusPass], n[StatusFail], n[StatusWarn], n[StatusSkip])
}

type jsonReport struct {
	Image           string           `json:"image"`
	UID             int              `json:"uid"`
	GID             int              `json:"gid"`
	Profile         string           `json:"profile,omitempty"`
	FSGroup         int              `json:"fsGroup,omitempty"`
	Failed          bool             `json:"failed"`
	Checks          []Check          `json:"checks"`
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
}

// WriteJSON writes the report as one indented JSON object with an extra
// "failed" member.
func (r Report) WriteJSON(w io.Writer) error {
	checks := r.Checks
	if checks == nil {
		checks = []Check{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Image: r.Image, UID: r.UID, GID: r.GID, Profile: r.Profile, FSGroup: r.FSGroup,
		Failed: r.Failed(), Checks: checks, SecurityContext: r.SecurityContext})
}

const maxEvidence = 400

// oneLine squeezes s onto one line of bounded length.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	lines := strings.Split(s, "\n")
	first := true
	for _, l := range lines {
		l = strings.TrimSpace(strings.TrimSuffix(l, "\r"))
		if l == "" {
			continue
		}
		if !first {
			b.WriteString(" | ")
		}
		first = false
		b.WriteString(l)
	}
	out := b.String()
	if len(out) > maxEvidence {
		cut := maxEvidence
		for cut > 0 && !isRuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "..."
	}
	return out
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
