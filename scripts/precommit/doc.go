// Package precommit holds the tests of unroot's pre-commit hooks
// (.pre-commit-hooks.yaml at the top of the repository).
package precommit
