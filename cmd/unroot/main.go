// Command unroot rewrites Dockerfiles so that the images they build run as an
// arbitrary, non-root, numeric UID. See the README.
//
// main only composes the packages: the command line (cli) gets verify's
// subcommand and the engine inspector that answers --engine-inspect.
package main

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/verify"
)

func main() { os.Exit(run()) }

func run() int {
	return cli.Run(cli.Extensions{
		Commands:  []func() *cobra.Command{verify.NewCommand},
		Inspector: verify.InspectRunConfig,
	})
}
