package cli

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/unroot/unroot/transform"
)

// checkFlags refuses flag values and combinations that cannot be honoured:
// a CI gate that silently ignores a flag passes when it should not.
func (c *config) checkFlags() error {
	if c.maxSize <= 0 {
		return fmt.Errorf("--max-size must be a positive number of bytes, not %d", c.maxSize)
	}
	if c.script != "" && !slices.Contains(transform.ScriptForms, c.script) {
		return fmt.Errorf("--script must be one of %s, not %q", strings.Join(transform.ScriptForms, ", "), c.script)
	}
	if c.check && (c.write || c.diff || c.list) {
		return fmt.Errorf("--check prints nothing and writes nothing: use it alone, or -w, -d and -l without it")
	}
	for _, v := range []struct{ name, val string }{{"--uid", c.uid}, {"--gid", c.gid}} {
		if v.val == "" {
			continue
		}
		if !isNumeric(v.val) {
			return fmt.Errorf("%s must be a number, not %q", v.name, v.val)
		}
		if _, err := strconv.ParseUint(v.val, 10, 32); err != nil {
			return fmt.Errorf("%s %s is out of range: IDs go up to 4294967295", v.name, v.val)
		}
	}
	if c.uid != "" && strings.Trim(c.uid, "0") == "" {
		return fmt.Errorf("--uid 0 is root: choose a non-zero UID")
	}
	for _, o := range c.only {
		ro, ok := transform.LookupRule(o)
		if !ok {
			continue
		}
		for _, s := range c.skip {
			if rs, ok := transform.LookupRule(s); ok && rs.ID == ro.ID {
				return fmt.Errorf("%s is in both --only and --skip: say which", ro.ID)
			}
		}
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
