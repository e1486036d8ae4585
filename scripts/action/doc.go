// Package action holds the tests of unroot's GitHub Action: action.yml at
// the top of the repository and the scripts its steps run (install.sh,
// run.sh in this directory).
package action
