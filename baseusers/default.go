package baseusers

import "strings"

// Sources of the default users below.
const (
	srcDistrolessNonroot = "https://github.com/GoogleContainerTools/distroless#debug-images (the nonroot tags run as the nonroot user, 65532; see also " + srcDistroless + ")"
)

// Default is the user an image runs as when a Dockerfile built on it sets
// no USER. Numeric tells whether the image's configuration names it by UID
// (which a platform can check) rather than by name.
type Default struct {
	Entry
	Numeric bool
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
	case r.isJupyterStack():
		return Default{Entry: Entry{"jovyan", "1000", "100", "the Jupyter Docker Stacks (jupyter/*-notebook)", srcJovyan}, Numeric: true}, true
	}
	return Default{}, false
}

// ImageEnv returns the ENV that a known base image sets (the Jupyter Docker
// Stacks: ARG NB_USER=jovyan, NB_UID=1000, NB_GID=100 and ENV
// CONDA_DIR=/opt/conda, HOME=/home/${NB_USER}, in srcJovyan) which Dockerfiles
// built on it use in USER, WORKDIR and COPY (`USER ${NB_UID}`), or nil. A
// variable the file does not define would otherwise expand to "".
func ImageEnv(image string) map[string]string {
	r := parseRef(image)
	switch {
	case r.registry == "" && r.path == "library/golang":
		// The golang official image: ENV GOPATH /go.
		return map[string]string{"GOPATH": "/go"}
	case r.registry == "" && r.path == "library/tomcat":
		// The tomcat official image: ENV CATALINA_HOME /usr/local/tomcat.
		return map[string]string{"CATALINA_HOME": "/usr/local/tomcat"}
	}
	if r.isJupyterStack() {
		return map[string]string{
			"NB_USER": "jovyan", "NB_UID": "1000", "NB_GID": "100",
			"HOME": "/home/jovyan", "CONDA_DIR": "/opt/conda",
		}
	}
	return nil
}
