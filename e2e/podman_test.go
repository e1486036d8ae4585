package e2e

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Podman is the second engine, and its `podman build` (Buildah) the third
// builder. `make e2e` sets UNROOT_E2E_PODMAN to the podman binary after
// scripts/e2e-setup.sh has copied the base images into podman's storage.

// podmanFixtures are the fixtures built and verified with podman too (a
// subset: podman's build cache is its own, so each costs a cold build):
// a BusyBox image, a Debian one whose tini and nss_wrapper come from apt,
// a Python service with an upload volume, and the file-capability one.
// UNROOT_E2E_PODMAN_FIXTURES (comma-separated) replaces the list.
var podmanFixtures = []string{"busybox-passwd", "python-uploads", "setcap-port80", "useradd-arg-uid"}

var (
	podmanOnce   sync.Once
	podmanBin    string
	podmanReason string
)

// podman returns the podman binary when podman can run containers here,
// else "" and why not.
func podman() (string, string) {
	podmanOnce.Do(func() {
		bin := os.Getenv("UNROOT_E2E_PODMAN")
		if bin == "" {
			podmanReason = "UNROOT_E2E_PODMAN is not set"
			return
		}
		if _, err := runDocker(bin, "run", "--rm", "--network", "host", "busybox:latest", "true"); err != nil {
			podmanReason = "podman cannot run a container: " + err.Error()
			return
		}
		podmanBin = bin
	})
	return podmanBin, podmanReason
}

// withPodman reports whether fixture name is verified with podman too.
func withPodman(name string) bool {
	list := podmanFixtures
	if env := os.Getenv("UNROOT_E2E_PODMAN_FIXTURES"); env != "" {
		list = strings.Split(env, ",")
	}
	return slices.Contains(list, name)
}

// logPodmanOnce says once per run why podman is left out.
var logPodmanOnce sync.Once

func notePodman(t *testing.T) {
	if _, why := podman(); why != "" {
		logPodmanOnce.Do(func() { t.Logf("podman left out: %s", why) })
	}
}
