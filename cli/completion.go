package cli

import (
	"github.com/spf13/cobra"
	"github.com/unroot/unroot/transform"
)

// registerCompletions tells cobra's shell completion what the arguments
// and flag values can be: file names for the paths, rule IDs for --only and
// --skip, the strategies for --passwd.
func registerCompletions(root *cobra.Command) {
	root.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault // file names
	}
	rules := func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return ruleCompletions(), cobra.ShellCompDirectiveNoFileComp
	}
	_ = root.RegisterFlagCompletionFunc("only", rules)
	_ = root.RegisterFlagCompletionFunc("skip", rules)
	_ = root.RegisterFlagCompletionFunc("passwd", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return transform.PasswdStrategies, cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("script", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return transform.ScriptForms, cobra.ShellCompDirectiveNoFileComp
	})
	// --dir names a directory inside the image, not on this machine.
	_ = root.RegisterFlagCompletionFunc("dir", cobra.NoFileCompletions)
}
