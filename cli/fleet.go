package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// fleetOptions are the flags for runs over many files and repositories:
// config files, the run summary, progress and the pull-request text.
type fleetOptions struct {
	statistics bool
	progress   string
	prBody     string
	summary    runSummary
}

// addFleetFlags adds the flags of fleetOptions and of config files.
func addFleetFlags(c *config, f *pflag.FlagSet) {
	f.StringVar(&c.cfg.configPath, "config", "", "use this config file for every file (default: the nearest "+ConfigName+" up to the repository root)")
	f.BoolVar(&c.cfg.noConfig, "no-config", false, "read no config file")
	f.BoolVar(&c.fleet.statistics, "statistics", false, "after the run, print per rule how many findings were fixed, reported (by reason) and ignored")
	f.StringVar(&c.fleet.progress, "progress", progressAuto, "a progress line on stderr: auto (on a terminal), always, never")
	f.StringVar(&c.fleet.prBody, "pr-body", "", "with -w or -d, write a pull-request description (Markdown) of the changes to this file")
}

// startFleet checks the fleet flags before any file is read.
func (c *config) startFleet(cmd *cobra.Command) error {
	c.cfg.flags = cmd.Flags()
	if err := c.checkConfigFlags(); err != nil {
		return err
	}
	if !slices.Contains([]string{progressAuto, progressAlways, progressNever}, c.fleet.progress) {
		return fmt.Errorf("--progress must be auto, always or never, not %q", c.fleet.progress)
	}
	if c.fleet.prBody != "" && !c.write && !c.diff {
		return fmt.Errorf("--pr-body describes a change: use it with -w or -d")
	}
	c.fleet.summary.keep = c.fleet.statistics || c.fleet.prBody != ""
	return nil
}

// prepareStdin applies the config for standard input: the one found from
// --filename's directory, or from the working directory.
func (c *config) prepareStdin() {
	name, dir := "-", "."
	if c.filename != "" {
		name, dir = c.filename, filepath.Dir(c.filename)
	}
	c.prepare(name, dir, false)
}

// configFailed prints the config errors met while collecting files; any
// stops the run before a file is written.
func (c *config) configFailed() bool {
	for _, err := range c.cfg.errs {
		fmt.Fprintf(c.stderr, "unroot: %v\n", err)
	}
	return len(c.cfg.errs) > 0
}

// finishFleet writes what comes after the files: --statistics, the
// pull-request text and, for more than one file, the summary line.
func (c *config) finishFleet() {
	s := &c.fleet.summary
	if c.fleet.statistics {
		writeStatistics(c.stderr, s.outcomes)
	}
	if c.fleet.prBody != "" {
		body := prBody(s)
		if err := os.WriteFile(c.fleet.prBody, []byte(body), 0o644); err != nil {
			fmt.Fprintf(c.stderr, "unroot: --pr-body: %v\n", describe(err))
			c.failed = true
		}
	}
	if s.files > 1 && !c.check {
		fmt.Fprintln(c.stderr, s.line(c.write))
	}
}
