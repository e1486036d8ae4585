// Command unroot rewrites Dockerfiles so that the images they build run as an
// arbitrary, non-root, numeric UID. See the README.
package main

import (
	"os"

	"github.com/unroot/unroot/cli"
)

func main() { os.Exit(cli.Run()) }
