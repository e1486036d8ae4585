package verify

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Profiles: how the container is run.
const (
	// ProfileRestricted runs the container the way OpenShift's
	// restricted-v2 SCC and the Kubernetes "restricted" Pod Security
	// Standard do: a random UID in group 0, every capability dropped,
	// no privilege escalation (no_new_privs: setuid and file-capability
	// binaries gain nothing) and a supplemental group as fsGroup gives.
	ProfileRestricted = "restricted"
	// ProfilePlain is `docker run -u UID:GID` and nothing else.
	ProfilePlain = "plain"
)

// Profiles lists the profiles, the default first.
var Profiles = []string{ProfileRestricted, ProfilePlain}

// validProfile reports whether p names a profile.
func validProfile(p string) bool {
	for _, q := range Profiles {
		if p == q {
			return true
		}
	}
	return false
}

// profileRunFlags returns the `docker run` flags of a profile, after -u.
// fsGroup is the supplemental group under the restricted profile.
func profileRunFlags(profile string, fsGroup int) []string {
	if profile != ProfileRestricted {
		return nil
	}
	return []string{"--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--group-add", strconv.Itoa(fsGroup)}
}

// isPodman reports whether the client binary is podman (by name).
func isPodman(bin string) bool {
	return strings.Contains(filepath.Base(bin), "podman")
}

// engineRunFlags returns flags an engine needs to run a container as the
// platforms do: podman adds an /etc/passwd entry for the -u UID by
// default, which hides the missing entry CRI-O, containerd and Docker
// do not add.
func engineRunFlags(bin string) []string {
	if isPodman(bin) {
		return []string{"--passwd=false"}
	}
	return nil
}

// describeProfile says in words how the profile runs the container.
func describeProfile(profile string, uid, gid, fsGroup int) string {
	if profile != ProfileRestricted {
		return fmt.Sprintf("profile plain: -u %d:%d", uid, gid)
	}
	return fmt.Sprintf("profile restricted: -u %d:%d --cap-drop ALL --security-opt no-new-privileges --group-add %d", uid, gid, fsGroup)
}
