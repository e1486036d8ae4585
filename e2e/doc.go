// Package e2e holds end-to-end tests that build the fixtures under
// testdata/ with a real docker daemon and run them through verify. They
// need a daemon and the local base images: see README.md and
// scripts/e2e-setup.sh. Without UNROOT_DOCKER_TESTS=1 they are skipped.
package e2e
