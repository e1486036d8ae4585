package transform

import (
	"fmt"

	"github.com/unroot/unroot/parser"
)

// Options are the user's choices that rules read.
type Options struct {
	UID    string // runtime UID for an inserted or unresolvable USER ("" = DefaultUID)
	UIDSet bool   // --uid was given: unresolvable names may use it
	GID    string // runtime group ("" = "0")
	Target string // stage to change; "" = the final stage
	// Only and Skip select rules by ID.
	Only, Skip []string
	// BuildKit says the file will be built with BuildKit even without a
	// `# syntax=` directive.
	BuildKit bool
	// Passwd is UR005's strategy for a UID without a passwd entry:
	// PasswdNSSWrapper ("" too), PasswdWritable or PasswdNone (--passwd).
	Passwd string
	// NoUmask leaves `umask 0002` out of UR005's start-up script (--no-umask).
	NoUmask bool
	// Script is how UR005 writes its start-up script (--script):
	// ScriptPrintf, ScriptHeredoc, or "" for a heredoc COPY when the file
	// is built with BuildKit (a `# syntax=` directive, --buildkit, or
	// here-documents already in it) and printf in a RUN otherwise.
	Script string
	// Inspect, when set (--engine-inspect), tells UR004 and UR005 a base
	// image's ENTRYPOINT and CMD from the local engine.
	Inspect Inspector
	// Dirs are directories the app writes that the Dockerfile does not
	// show (--dir): UR002 opens them to group 0 too.
	Dirs []string
	// Ignore, when set, silences findings before their fixes are applied:
	// a silenced finding changes nothing and lands in Result.Ignored (the
	// CLI sets it from the file's pragmas, see ReadPragmas).
	Ignore func(Finding) bool

	// scriptShell is the shell the start-up script's #! line names: set
	// by UR005's planner, "" for /bin/sh.
	scriptShell string
}

// DefaultUID is the UID unroot gives an image that names none.
const DefaultUID = "1001"

func (o Options) uid() string {
	if o.UID == "" {
		return DefaultUID
	}
	return o.UID
}

func (o Options) gid() string {
	if o.GID == "" {
		return "0"
	}
	return o.GID
}

// Pass is what one rule's check sees: the document, the shared facts about
// the stage being changed, and a way to report.
type Pass struct {
	Rule    *Rule
	Doc     *parser.Document
	Target  *Target
	Options Options
	report  func(Finding)
}

// Report records a finding for the pass's rule.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule.ID
	if f.EndLine < f.Line {
		f.EndLine = f.Line
	}
	p.report(f)
}

// Reportf records a finding without a fix.
func (p *Pass) Reportf(line int, format string, args ...any) {
	p.Report(Finding{Line: line, Message: fmt.Sprintf(format, args...)})
}
