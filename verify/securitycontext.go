package verify

import (
	"fmt"
	"io"
	"strings"
)

// SecurityContext is the Kubernetes security context an image passed
// verify under: the pod-level fields (runAsNonRoot, runAsUser, runAsGroup,
// fsGroup) and the container-level ones (allowPrivilegeEscalation,
// capabilities, readOnlyRootFilesystem).
type SecurityContext struct {
	RunAsNonRoot bool `json:"runAsNonRoot"`
	// RunAsUser is the UID verify ran as; RunAsUserRange says which UIDs
	// that one random draw stands for.
	RunAsUser      int    `json:"runAsUser"`
	RunAsUserRange string `json:"runAsUserRange,omitempty"`
	RunAsGroup     int    `json:"runAsGroup"`
	// FSGroup is nil under the plain profile (no supplemental group).
	FSGroup                  *int          `json:"fsGroup,omitempty"`
	AllowPrivilegeEscalation *bool         `json:"allowPrivilegeEscalation,omitempty"`
	Capabilities             *Capabilities `json:"capabilities,omitempty"`
	ReadOnlyRootFilesystem   bool          `json:"readOnlyRootFilesystem"`
	// WritableMounts lists the paths that need a writable volume
	// (emptyDir) when ReadOnlyRootFilesystem is true.
	WritableMounts []string `json:"writableMounts,omitempty"`
}

// Capabilities is the capabilities member of a container securityContext.
type Capabilities struct {
	Drop []string `json:"drop"`
}

// securityContextFor derives the security context from a report with no
// FAIL: the restricted profile proves capabilities dropped and no
// escalation; the read-only check, when it passed, a read-only root.
func securityContextFor(r Report) *SecurityContext {
	sc := &SecurityContext{RunAsNonRoot: true, RunAsUser: r.UID, RunAsGroup: r.GID}
	if r.UID >= MinRandomUID && r.UID <= MaxRandomUID {
		sc.RunAsUserRange = fmt.Sprintf("%d-%d (one random UID of it was run)", MinRandomUID, MaxRandomUID)
	}
	if r.Profile == ProfileRestricted {
		g := r.FSGroup
		no := false
		sc.FSGroup = &g
		sc.AllowPrivilegeEscalation = &no
		sc.Capabilities = &Capabilities{Drop: []string{"ALL"}}
	}
	if c, ok := r.Check(CheckReadOnly); ok && c.Status == StatusPass {
		sc.ReadOnlyRootFilesystem = true
		sc.WritableMounts = r.readOnlyMounts
	}
	return sc
}

// WriteK8s writes the security context as YAML to paste into a pod
// manifest: spec.securityContext and a container's securityContext.
func (r Report) WriteK8s(w io.Writer) error {
	sc := r.SecurityContext
	if sc == nil {
		return fmt.Errorf("verify: %s failed a check: no securityContext to print", r.Image)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# unroot verify: %s passed as uid %d (profile %s)\n", r.Image, r.UID, r.Profile)
	if sc.RunAsUserRange != "" {
		fmt.Fprintf(&b, "# runAsUser: any UID in %d..%d was meant; this one was run\n", MinRandomUID, MaxRandomUID)
	}
	b.WriteString("spec:\n  securityContext:\n")
	fmt.Fprintf(&b, "    runAsNonRoot: %t\n    runAsUser: %d\n    runAsGroup: %d\n", sc.RunAsNonRoot, sc.RunAsUser, sc.RunAsGroup)
	if sc.FSGroup != nil {
		fmt.Fprintf(&b, "    fsGroup: %d\n", *sc.FSGroup)
	}
	b.WriteString("  containers:\n  - name: app\n    image: " + yamlString(r.Image) + "\n    securityContext:\n")
	if sc.AllowPrivilegeEscalation != nil {
		fmt.Fprintf(&b, "      allowPrivilegeEscalation: %t\n", *sc.AllowPrivilegeEscalation)
	}
	if sc.Capabilities != nil {
		b.WriteString("      capabilities:\n        drop:\n")
		for _, c := range sc.Capabilities.Drop {
			b.WriteString("        - " + yamlString(c) + "\n")
		}
	}
	fmt.Fprintf(&b, "      readOnlyRootFilesystem: %t\n", sc.ReadOnlyRootFilesystem)
	if len(sc.WritableMounts) > 0 {
		b.WriteString("    volumeMounts:\n")
		for i, m := range sc.WritableMounts {
			fmt.Fprintf(&b, "    - name: writable-%d\n      mountPath: %s\n", i, yamlString(m))
		}
		b.WriteString("  volumes:\n")
		for i := range sc.WritableMounts {
			fmt.Fprintf(&b, "  - name: writable-%d\n    emptyDir: {}\n", i)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// yamlString quotes s for YAML unless it is a plain scalar that cannot be
// read as anything but that string.
func yamlString(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-", r)) {
			plain = false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		plain = false
	}
	if plain && (s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '.') {
		plain = false
	}
	if plain {
		return s
	}
	return fmt.Sprintf("%q", s)
}
