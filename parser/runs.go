package parser

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// collectRunFacts reads every RUN of every stage once, so that passes share
// the result instead of parsing shell again.
func (d *Document) collectRunFacts() {
	for _, s := range d.Stages {
		for _, ins := range s.Instructions {
			if ins.Keyword != "run" {
				continue
			}
			script, base := d.runScript(ins)
			if script == "" {
				continue
			}
			facts, err := AnalyzeRun(script, ins.Env.Get)
			if err != nil {
				d.Warnings = append(d.Warnings, Warning{Line: ins.StartLine, Message: fmt.Sprintf("RUN script not understood: %v", err)})
				ins.ScriptPaths = ScriptPathMentions(script)
				continue
			}
			ins.Run = facts
			ins.ScriptPaths = facts.Paths
			ins.HeredocBody = len(ins.Heredocs) > 0 && heredocIsScript(d, ins)
			ins.ScriptBase = base
		}
	}
}

// runScript returns the shell script a RUN executes and the source offset its
// byte offsets count from (-1 when it is not a contiguous slice of the source).
func (d *Document) runScript(ins *Instruction) (string, int) {
	if len(ins.Heredocs) > 0 && !heredocIsScript(d, ins) {
		// `RUN python3 <<EOF`, `RUN <<A cat >a && <<B cat >b`: the
		// builder hands the command, bodies included, to the shell (the
		// bodies are input, not the script).
		return d.ShellScript(ins), ins.ArgsStart
	}
	if len(ins.Heredocs) > 0 {
		// `RUN <<EOF` runs the body as a script.
		h := ins.Heredocs[0]
		base := -1
		// The body starts on the line after the one holding `<<`, which is
		// not the first line when flags are continued over several lines.
		line := d.LineAt(ins.ArgsStart)
		if len(ins.Heredocs) == 1 && line < len(d.Lines) {
			if strings.HasPrefix(strings.TrimSpace(string(d.Src[ins.ArgsStart:d.LineEnd(line)])), "<<") {
				base = d.LineStart(line + 1)
				if d.Escape != '\\' || !strings.HasPrefix(string(d.Src[base:]), h.Content) {
					base = -1
				}
			}
		}
		return h.Content, base
	}
	if ins.JSON {
		// ["sh", "-c", "script"] runs a script too.
		if len(ins.Args) == 3 && (ins.Args[1] == "-c") && strings.HasSuffix(ins.Args[0], "sh") {
			return ins.Args[2], -1
		}
		return "", -1
	}
	return d.ShellScript(ins), ins.ArgsStart
}

// heredocMarker is a here-document marker alone (`<<EOT`, `<<-EOT`,
// `<<'EOT'`, `<<"EOT"`), or fed to a shell (`<<EOT bash`, `<<EOT sh -ex`):
// either way the body is the script. Compiled on first use (only files with
// here-documents need it).
var heredocMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^<<-?\s*(['"]?)[A-Za-z_][A-Za-z0-9_]*(['"]?)(\s+(/usr)?(/bin/)?(ba|da|a)?sh(\s+-[a-zA-Z]+|\s+-o\s+[a-z]+)*)?$`)
})

// heredocIsScript reports whether a RUN's here-document body is its script:
// the command is the marker alone (the builder runs the body with the
// shell) or the marker fed to a shell; with anything else on the line the
// body is the input of a command.
func heredocIsScript(d *Document, ins *Instruction) bool {
	if len(ins.Heredocs) != 1 {
		return false
	}
	line := d.LineAt(ins.ArgsStart)
	if line >= len(d.Lines) {
		return false
	}
	first := strings.TrimSpace(string(d.Src[ins.ArgsStart:d.LineEnd(line)]))
	return heredocMarker().MatchString(first)
}
