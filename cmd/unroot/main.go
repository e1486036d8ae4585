// Command unroot rewrites Dockerfiles so that the images they build run as an
// arbitrary, non-root, numeric UID. See the README.
package main

import (
	"os"

	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/verify"
)

func main() { os.Exit(run()) }

func run() int {
	cli.AddCommand(verify.NewCommand)
	return cli.Run()
}
