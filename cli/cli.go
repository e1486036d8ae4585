// Package cli is unroot's command line, kept out of package main so that
// tests can run it in-process (see cmd/unroot's testscript tests).
package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/unroot/unroot/cli/options"
	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/parser"
	reportfmt "github.com/unroot/unroot/report"
	"github.com/unroot/unroot/transform"
)

// Exit codes, as gofmt-like tools use them.
const (
	ExitOK      = 0
	ExitChanged = 1 // --check or -l found files that would change
	ExitError   = 2
)

type config struct {
	diff, list, write, check bool
	uid, gid, target         string
	only, skip               []string
	dirs                     []string
	maxSize                  int64
	buildkit                 bool
	followSymlinks           bool
	skipNonDockerfiles       bool // sniff Dockerfile.* named on the command line too
	filename                 string
	passwd                   string // UR005 strategy
	umask, noUmask           bool
	engineInspect            bool
	strict, verbose          bool
	script                   string              // UR005's start-up script form
	inspector                transform.Inspector // from Extensions
	format                   string              // --format: "text" or one of reportfmt.Formats
	formatter                reportfmt.Writer    // nil for text

	stdout, stderr io.Writer
	stdin          io.Reader
	opts           transform.Options
	changed        bool
	failed         bool
	unresolved     bool         // a finding unroot could only report (see --strict)
	cfg            configState  // config files (config.go)
	fleet          fleetOptions // summary, progress, --pr-body (fleet.go)
}

// Extensions are the parts of the command that live in packages cli does
// not import: cmd/unroot composes them (verify's subcommand and its engine
// inspector), so the wiring is visible in one place and tests choose theirs.
type Extensions struct {
	// Commands are subcommands added to the root command.
	Commands []func() *cobra.Command
	// Inspector answers --engine-inspect; without one the flag is an error.
	Inspector transform.Inspector
}

// Main runs unroot with args and returns the exit code.
func Main(ext Extensions, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if os.Getenv("GOGC") == "" {
		// A run is short and its live heap small (a few MB even over
		// thousands of files), so collect half as often as Go's default:
		// over a corpus of 2,741 files this cut the CPU time by about a
		// tenth, for a peak RSS of about 45 MB instead of 37.
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	c := &config{stdin: stdin, stdout: stdout, stderr: stderr, inspector: ext.Inspector}
	code := ExitOK
	root := commandTree(c, &code, ext)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "unroot: %v\n", err)
		var ec exitCoder
		if errors.As(err, &ec) {
			return ec.ExitCode()
		}
		return ExitError
	}
	return code
}

// CommandTree is the unroot command with its subcommands, for generators
// of its documentation (scripts/man writes the man pages from it).
func CommandTree(ext Extensions) *cobra.Command {
	var code int
	return commandTree(&config{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, inspector: ext.Inspector}, &code, ext)
}

func commandTree(c *config, code *int, ext Extensions) *cobra.Command {
	root := newRootCommand(c, code)
	root.AddCommand(rulesCommand(c))
	for _, mk := range ext.Commands {
		root.AddCommand(mk())
	}
	return root
}

// ParseOptions turns command-line flags into the options rules read, the
// way the command does (tests use it to run the library as the CLI would).
func ParseOptions(args []string) (transform.Options, error) {
	c := &config{}
	var code int
	root := newRootCommand(c, &code)
	if err := root.ParseFlags(args); err != nil {
		return transform.Options{}, err
	}
	if err := c.setup(root); err != nil {
		return transform.Options{}, err
	}
	return c.opts, nil
}

// newRootCommand is the unroot command with its flags bound to c; running
// it stores the exit code in code.
func newRootCommand(c *config, code *int) *cobra.Command {
	root := &cobra.Command{
		Use:   "unroot [flags] [path ...]",
		Short: "Rewrite Dockerfiles so the image runs as an arbitrary non-root UID",
		Long: `unroot rewrites Dockerfiles so that the images they build run as an arbitrary,
non-root, numeric user ID in group 0 (docker run -u 10000:0, OpenShift).

With no path, or "-", it reads standard input and writes standard output.
Directories are walked for Dockerfile, Dockerfile.*, *.Dockerfile,
*.dockerfile, Containerfile and Containerfile.*.

Exit status: 0 ok; 1 --check or -l found files that would change; 2 error.`,
		Version:       versionString(Version, Commit, buildInfo()),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			*code = c.run(cmd, args)
			return nil
		},
	}
	f := root.Flags()
	f.BoolVarP(&c.diff, "diff", "d", false, "print unified diffs instead of the patched files")
	f.BoolVarP(&c.list, "list", "l", false, "list files that would change")
	f.BoolVarP(&c.write, "write", "w", false, "rewrite files in place")
	f.BoolVar(&c.check, "check", false, "print nothing (with -d the diffs, with -l the names); exit 1 when any file would change")
	f.BoolVar(&c.strict, "strict", false, "also exit 1 when a finding is left unresolved (reported, not fixed), and list those findings")
	f.BoolVarP(&c.verbose, "verbose", "v", false, "end each finding with where its rule is documented")
	f.StringVar(&c.uid, "uid", "", "UID to run as when the Dockerfile names none, or to use for a name unroot cannot resolve (default "+transform.DefaultUID+")")
	f.StringVar(&c.gid, "gid", "0", "GID to run as")
	f.StringVar(&c.target, "target", "", "stage to change (default: the final stage)")
	f.StringSliceVar(&c.only, "only", nil, "run only these rules (IDs, comma-separated)")
	f.StringSliceVar(&c.skip, "skip", nil, "skip these rules (IDs, comma-separated)")
	f.Int64Var(&c.maxSize, "max-size", 1<<20, "skip files larger than this many bytes, with an error")
	f.BoolVar(&c.buildkit, "buildkit", false, "assume the file is built with BuildKit (allows COPY --chmod)")
	f.StringSliceVar(&c.dirs, "dir", nil, "UR002: a directory the app writes that the Dockerfile does not show (repeatable)")
	f.StringVar(&c.filename, "filename", "", "name of the file read from standard input, for messages and diff labels")
	f.BoolVar(&c.followSymlinks, "follow-symlinks", false, "with -w, rewrite the target of a symbolic link")
	f.BoolVar(&c.skipNonDockerfiles, "skip-non-dockerfiles", false, "read a Dockerfile.* or Containerfile.* named on the command line only when it starts with FROM or ARG, as when walking (for hooks that pass file names)")
	f.StringVar(&c.passwd, "passwd", transform.PasswdNSSWrapper, "UR005: how a UID without a passwd entry gets one: "+strings.Join(transform.PasswdStrategies, "|"))
	f.BoolVar(&c.umask, "umask", true, "UR005: the start-up script sets umask 0002 so that files made at run time stay group-writable")
	f.BoolVar(&c.noUmask, "no-umask", false, "UR005: leave umask 0002 out of the start-up script (same as --umask=false)")
	f.StringVar(&c.script, "script", "", "UR005: write the start-up script with "+strings.Join(transform.ScriptForms, " or ")+" (default: heredoc when the file is built with BuildKit, else printf)")
	f.StringVar(&c.format, "format", "text", "write findings and fixes for review tools: text|"+strings.Join(reportfmt.Formats, "|")+" (see docs/formats.md)")
	f.BoolVar(&c.engineInspect, "engine-inspect", false, "UR004/UR005: ask the local engine (docker image inspect, no pull) for a base image's ENTRYPOINT and CMD")
	addFleetFlags(c, f)
	root.SetVersionTemplate("unroot {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2 // for mistyped subcommands (misreadCommand)
	registerCompletions(root)
	return root
}

type exitCoder interface{ ExitCode() int }

func (c *config) run(cmd *cobra.Command, args []string) int {
	if err := c.setup(cmd); err != nil {
		fmt.Fprintf(c.stderr, "unroot: %v\n", err)
		return ExitError
	}
	if err := c.startFleet(cmd); err != nil {
		fmt.Fprintf(c.stderr, "unroot: %v\n", err)
		return ExitError
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	for _, arg := range args {
		if err := misreadCommand(cmd, arg); err != nil {
			fmt.Fprintf(c.stderr, "unroot: %v\n", err)
			return ExitError
		}
	}
	if c.format != "text" {
		w, err := reportfmt.New(c.format, c.stdout, reportfmt.Options{Version: Version})
		if err != nil {
			fmt.Fprintf(c.stderr, "unroot: %v\n", err)
			return ExitError
		}
		c.formatter = w
	}
	var tasks []task
	for _, arg := range args {
		if arg == "-" {
			c.prepareStdin()
			tasks = append(tasks, func(r *report) {
				if c.write {
					r.errorf("unroot: cannot use -w with standard input")
					return
				}
				c.processStdin(r)
			})
			continue
		}
		tasks = append(tasks, c.collect(arg)...)
	}
	if c.configFailed() {
		return ExitError
	}
	c.runTasks(tasks)
	if c.formatter != nil {
		if err := c.formatter.Close(); err != nil {
			fmt.Fprintf(c.stderr, "unroot: --format %s: %v\n", c.format, err)
			c.failed = true
		}
	}
	c.finishFleet()
	switch {
	case c.failed:
		return ExitError
	case c.changed && (c.check || (c.list && !c.write)):
		return ExitChanged
	case c.unresolved: // in a file under --strict (flag or config)
		return ExitChanged
	}
	return ExitOK
}

func (c *config) setup(cmd *cobra.Command) error {
	if err := c.checkFlags(); err != nil {
		return err
	}
	if c.format != "text" {
		if !slices.Contains(reportfmt.Formats, c.format) {
			return fmt.Errorf("--format must be one of text, %s, not %q", strings.Join(reportfmt.Formats, ", "), c.format)
		}
		if c.diff || c.list || c.write || c.check {
			return fmt.Errorf("--format %s prints a report: it cannot be combined with -d, -l, -w or --check", c.format)
		}
	}
	opts, err := options.Flags{
		UID: c.uid, UIDSet: cmd.Flags().Changed("uid"), GID: c.gid,
		Target: c.target, Only: c.only, Skip: c.skip, BuildKit: c.buildkit, Dirs: c.dirs,
		Passwd: c.passwd, PasswdSet: cmd.Flags().Changed("passwd"), NoUmask: c.noUmask || !c.umask,
		Script: c.script,
	}.Options()
	if err != nil {
		return err
	}
	c.opts = opts
	if c.engineInspect {
		if c.inspector == nil {
			return fmt.Errorf("--engine-inspect: this build of unroot cannot ask an engine")
		}
		c.opts.Inspect = c.inspector
	}
	return nil
}

func (c *config) processStdin(r *report) {
	src, err := io.ReadAll(io.LimitReader(c.stdin, c.maxSize+1))
	if err != nil {
		r.errorf("<standard input>: %v", err)
		return
	}
	name, label := "-", "Dockerfile"
	if c.filename != "" {
		name, label = c.filename, c.filename
	}
	c.processBytes(r, name, label, src, nil)
}

// processBytes runs unroot on one file's bytes and prints what the flags ask
// for. write, when not nil, stores the new bytes.
func (c *config) processBytes(r *report, name, label string, src []byte, write func([]byte) error) {
	display := name
	if name == "-" {
		display = "<standard input>"
	}
	if err := checkInput(src, c.maxSize); err != nil {
		r.errorf("%s: %v", display, err)
		r.fileError(label, err)
		return
	}
	doc, err := parser.Parse(display, src)
	if err != nil {
		r.errorf("%v", err)
		r.fileError(label, err)
		return
	}
	opts, strict := c.settingsFor(name)
	res, err := runWithPragmas(r, display, doc, opts)
	if err != nil {
		r.errorf("%s: %v", display, err)
		r.fileError(label, err)
		return
	}
	if res.Skipped != "" {
		fmt.Fprintf(&r.stderr, "%s: skipped: %s\n", display, res.Skipped)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(&r.stderr, "%s:%d: warning: %s\n", display, w.Line, w.Message)
	}
	// A finding unroot could only report fails the run under --strict.
	unresolved := func(f transform.Finding) bool { return strict && f.Rule != "" && f.Fix == nil }
	for _, f := range res.Findings {
		r.unresolved = r.unresolved || unresolved(f)
	}
	if c.formatter != nil {
		// The report holds the findings and the fixes.
		r.file = &reportfmt.File{Path: label, Result: res}
		r.changed = res.Changed()
		return
	}
	for _, f := range res.Findings {
		// --check prints nothing, but --strict lists what fails it.
		if c.check && !unresolved(f) {
			continue
		}
		fmt.Fprintf(&r.stderr, "%s:%s%s\n", display, f, c.findingHint(f))
	}
	c.printIgnored(r, display, res)
	r.outcome = newOutcome(display, label, res)
	changed := res.Changed()
	r.changed = changed
	// -l, -d and -w each do their part, as gofmt's do; --check only
	// decides the exit code.
	if c.list && changed {
		fmt.Fprintln(&r.stdout, display)
	}
	if c.diff && changed {
		io.WriteString(&r.stdout, diff.Unified(label, src, res.Output))
	}
	if c.check {
		return
	}
	if c.write && changed && write != nil {
		if err := write(res.Output); err != nil {
			r.errorf("%s: %v", display, err)
		}
	}
	if !c.list && !c.diff && !c.write {
		r.stdout.Write(res.Output)
	}
}

// findingHint is what -v adds to a finding: where its rule is documented.
func (c *config) findingHint(f transform.Finding) string {
	if !c.verbose || f.Rule == "" {
		return ""
	}
	return fmt.Sprintf(" (see `unroot rules %s`)", f.Rule)
}

// checkInput refuses what is not a Dockerfile before the parser sees it.
func checkInput(src []byte, maxSize int64) error {
	if int64(len(src)) > maxSize {
		return fmt.Errorf("file larger than %d bytes (see --max-size)", maxSize)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF}))) == 0 {
		return fmt.Errorf("empty file: no instructions")
	}
	return nil
}

func isNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Run is the process entry point for cmd/unroot.
func Run(ext Extensions) int { return Main(ext, os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }
