package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// checkFlags refuses flag values and combinations of the command line that
// cannot be honoured: a CI gate that silently ignores a flag passes when it
// should not. The values the rules read are checked by package options.
func (c *config) checkFlags() error {
	if c.maxSize <= 0 {
		return fmt.Errorf("--max-size must be a positive number of bytes, not %d", c.maxSize)
	}
	if c.check && c.write {
		return fmt.Errorf("--check writes nothing: use -w or --check, not both")
	}
	return nil
}

// misreadCommand returns an error for a path argument that does not exist
// and looks like a mistyped subcommand (`unroot rulez`, `unroot version`),
// nil otherwise.
func misreadCommand(cmd *cobra.Command, arg string) error {
	if arg == "-" || strings.ContainsAny(arg, `/\.`) {
		return nil
	}
	if _, err := os.Lstat(arg); err == nil {
		return nil
	}
	if arg == "version" {
		return fmt.Errorf("%s: no such file; to print the version, run `unroot --version`", arg)
	}
	if s := cmd.SuggestionsFor(arg); len(s) > 0 {
		return fmt.Errorf("%s: no such file or command; did you mean `unroot %s`?", arg, s[0])
	}
	return nil
}
