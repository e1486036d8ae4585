package baseusers

import "strings"

// Sources of the default users below.
const (
	srcDistrolessNonroot = "https://github.com/GoogleContainerTools/distroless#debug-images (the nonroot tags run as the nonroot user, 65532; see also " + srcDistroless + ")"
	srcJupyterStacks     = "https://github.com/jupyter/docker-stacks/blob/main/images/docker-stacks-foundation/Dockerfile (ARG NB_UID=1000, NB_GID=100, ENV HOME=/home/${NB_USER}, USER ${NB_UID})"
)

// Default is the user an image runs as when a Dockerfile built on it sets
// no USER. Numeric tells whether the image's configuration names it by UID
// (which a platform can check) rather than by name.
type Default struct {
	Entry
	Numeric bool
	Home    string // the HOME the image's configuration sets, "" when none
}

// DefaultUser returns the non-root user an image runs as when a Dockerfile
// built on it sets no USER, for the images known to set one: Google's
// distroless images with a nonroot tag, and the Jupyter Docker Stacks
// (jovyan, set as USER ${NB_UID}). False for every other image, root
// included.
func DefaultUser(image string) (Default, bool) {
	r := parseRef(image)
	switch {
	case isGoogleDistroless(r, "") && strings.Contains(r.tag, "nonroot"):
		return Default{Entry: Entry{"nonroot", "65532", "65532", imgDistroless + " with a nonroot tag", srcDistrolessNonroot}}, true
	case (r.registry == "" || r.registry == "quay.io") && strings.HasPrefix(r.path, "jupyter/"):
		return Default{Entry: Entry{"jovyan", "1000", "100", "the Jupyter Docker Stacks (jupyter/*-notebook)", srcJupyterStacks}, Numeric: true, Home: "/home/jovyan"}, true
	}
	return Default{}, false
}
