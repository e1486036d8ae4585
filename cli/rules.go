package cli

import (
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"
	"github.com/unroot/unroot/docs"
	"github.com/unroot/unroot/transform"
)

// rulesCommand lists the rules, or prints one rule's documentation page
// (`unroot rules UR002`, `unroot rules group-permissions`).
func rulesCommand(c *config) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [ID|NAME]",
		Short: "List the rules unroot applies, or show one rule's documentation",
		Args:  cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ruleCompletions(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				r, ok := transform.LookupRule(args[0])
				if !ok {
					return fmt.Errorf("unknown rule %q (see `unroot rules`)", args[0])
				}
				page, err := fs.ReadFile(docs.Rules, "rules/"+r.ID+".md")
				if err != nil {
					return fmt.Errorf("%s: no documentation page: %v", r.ID, err)
				}
				c.stdout.Write(page)
				return nil
			}
			for _, r := range transform.Rules() {
				fmt.Fprintf(c.stdout, "%s  %-22s %s\n", r.ID, r.Name, r.Summary)
			}
			return nil
		},
	}
}

// ruleCompletions are the rule IDs, each with its name as description.
func ruleCompletions() []string {
	var out []string
	for _, r := range transform.Rules() {
		out = append(out, r.ID+"\t"+r.Name)
	}
	return out
}
