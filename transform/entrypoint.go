package transform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/unroot/unroot/baseimages"

	"github.com/unroot/unroot/parser"
)

// What an image runs: ENTRYPOINT and CMD as the image configuration holds
// them (exec form; a shell-form instruction is stored as SHELL + command),
// followed through the stages of the file the way the builders do it.

// defaultShell is what a shell-form instruction runs with when no SHELL is set.
var defaultShell = []string{"/bin/sh", "-c"}

// cmdValue is an ENTRYPOINT or CMD of the image being built.
type cmdValue struct {
	Args  []string
	Known bool
	// Ins is the instruction that set the value; nil when it comes from the
	// base image, or is empty because an ENTRYPOINT reset the CMD.
	Ins *parser.Instruction
	// Shell is the SHELL in force at Ins (for a shell-form Ins).
	Shell []string
}

// shellForm reports whether the value was written in shell form.
func (v cmdValue) shellForm() bool { return v.Ins != nil && !v.Ins.JSON }

// runConfig is what a stage's image runs.
type runConfig struct {
	Entrypoint, Cmd cmdValue
	Base            string // the base image (outside the file)
	// BaseSource says where the base image's values came from ("" when
	// they are not known), BaseErr why they are not known.
	BaseSource, BaseErr string
	Shell               []string // SHELL in force at the end of the stage
	// BaseHandlesPasswd is set when the base image's own ENTRYPOINT gives
	// a UID without a passwd entry a name (and it is still in force).
	BaseHandlesPasswd bool
	// BaseEntrypointNotInit: the base image's ENTRYPOINT looks like an
	// init by its path but is not one (baseimages.Facts.EntrypointNotInit).
	BaseEntrypointNotInit bool
}

// runsInit returns the init the stage runs as PID 1 or chains through, if
// any: in ENTRYPOINT when one is set, else in CMD. An init in a CMD of the
// file under a base ENTRYPOINT unroot does not know counts, under the
// assumption UR004 states when it wraps CMD (cmdwrap.go): that such an
// ENTRYPOINT execs its CMD.
func (rc *runConfig) runsInit() (use initUse, ok, inEntrypoint bool) {
	ep, cmd := rc.Entrypoint, rc.Cmd
	switch {
	case ep.Known && len(ep.Args) > 0:
		if ep.Ins == nil && rc.BaseEntrypointNotInit {
			return initUse{}, false, true
		}
		use, ok = findInit(ep.Args)
		return use, ok, true
	case ep.Known && cmd.Known, !ep.Known && cmd.Ins != nil:
		use, ok = findInit(cmd.Args)
	}
	return use, ok, false
}

// stageRunConfig computes what st runs. The base image's ENTRYPOINT and CMD
// come from the engine (opts.Inspect), else from what is known of common
// images (only that they set no ENTRYPOINT), else they are unknown.
func stageRunConfig(doc *parser.Document, st *parser.Stage, opts Options) *runConfig {
	rc := &runConfig{Base: st.Image(), Shell: defaultShell}
	switch {
	case st.IsScratch():
		rc.Entrypoint.Known, rc.Cmd.Known = true, true
		rc.BaseSource = "scratch"
	case rc.Base == "" || strings.ContainsAny(rc.Base, "${}"):
		rc.BaseErr = "the base image is not known"
	default:
		if opts.Inspect != nil {
			cfg, err := opts.Inspect(rc.Base)
			if err == nil && cfg != nil {
				rc.Entrypoint = cmdValue{Args: cfg.Entrypoint, Known: true}
				rc.Cmd = cmdValue{Args: cfg.Cmd, Known: true}
				if len(cfg.Shell) > 0 {
					rc.Shell = cfg.Shell
				}
				rc.BaseSource = fmt.Sprintf("the base image %s (docker image inspect)", rc.Base)
				break
			}
			if err != nil {
				rc.BaseErr = err.Error()
			}
		}
		if knownNoEntrypoint(rc.Base) {
			rc.Entrypoint.Known = true
		}
		if ep, ok := knownBaseEntrypoint(rc.Base); ok && rc.BaseSource == "" {
			rc.Entrypoint = cmdValue{Args: ep.args, Known: true}
			rc.BaseHandlesPasswd = ep.handlesPasswd
			rc.BaseSource = ep.source
		}
		if f, ok := baseimages.Lookup(rc.Base); ok && rc.BaseSource == "" && (f.EntrypointKnown || f.CmdKnown) {
			// The published image's own ENTRYPOINT and CMD (a sourced
			// table): a new ENTRYPOINT keeps them.
			if f.EntrypointKnown {
				rc.Entrypoint = cmdValue{Args: f.Entrypoint, Known: true}
				rc.BaseEntrypointNotInit = f.EntrypointNotInit
			}
			if f.CmdKnown {
				rc.Cmd = cmdValue{Args: f.Cmd, Known: true}
			}
			rc.BaseSource = fmt.Sprintf("the base image %s (as published; see baseimages)", rc.Base)
		}
	}
	for _, s := range st.Chain() {
		cmdSet := false
		for _, ins := range s.Instructions {
			switch ins.Keyword {
			case "shell":
				if ins.JSON && len(ins.Args) > 0 {
					rc.Shell = ins.Args
				}
			case "cmd":
				rc.Cmd = cmdValue{Args: execArgs(ins, rc.Shell), Known: true, Ins: ins, Shell: rc.Shell}
				cmdSet = true
			case "entrypoint":
				rc.Entrypoint = cmdValue{Args: execArgs(ins, rc.Shell), Known: true, Ins: ins, Shell: rc.Shell}
				rc.BaseHandlesPasswd = false
				if !cmdSet {
					// Both builders reset a CMD inherited from the
					// base when a stage sets ENTRYPOINT.
					rc.Cmd = cmdValue{Known: true}
				}
			}
		}
	}
	return rc
}

// execArgs returns the exec form of a CMD or ENTRYPOINT instruction.
func execArgs(ins *parser.Instruction, shell []string) []string {
	if ins.JSON {
		return ins.Args
	}
	if len(ins.Args) == 0 {
		return nil
	}
	return append(append([]string(nil), shell...), strings.Join(ins.Args, " "))
}

// jsonString quotes s as a JSON string, as Dockerfile exec form wants it.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func jsonList(args []string, sep string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = jsonString(a)
	}
	return strings.Join(q, sep)
}

// jsonArrayText renders args as an exec-form array.
func jsonArrayText(args []string) string { return "[" + jsonList(args, ", ") + "]" }

// execArray is an exec-form argument list located in the source.
type execArray struct {
	Open  int           // offset of "["
	Elems []parser.Span // each element, quotes included
	Sep   string        // the file's separator: ", " or ","
}

// locateExecArray finds the elements of an exec-form instruction in the
// source. It fails (false) on anything it does not understand.
func locateExecArray(doc *parser.Document, ins *parser.Instruction) (*execArray, bool) {
	if !ins.JSON {
		return nil, false
	}
	src, end := doc.Src, ins.Span.End
	p := ins.ArgsStart
	if p >= end || src[p] != '[' {
		return nil, false
	}
	a := &execArray{Open: p, Sep: ", "}
	p++
	expectElem := true
	for {
		p = skipJSONGap(doc, p, end)
		if p >= end {
			return nil, false
		}
		switch c := src[p]; {
		case c == ']':
			if len(a.Elems) != len(ins.Args) || (expectElem && len(a.Elems) > 0) {
				return nil, false
			}
			if len(a.Elems) >= 2 && string(src[a.Elems[0].End:a.Elems[1].Start]) == "," {
				a.Sep = ","
			}
			return a, true
		case c == ',' && !expectElem:
			expectElem = true
			p++
		case c == '"' && expectElem:
			q := p + 1
			for q < end && src[q] != '"' {
				if src[q] == '\\' {
					q++
				} else if src[q] == '\n' || src[q] == '\r' {
					return nil, false
				}
				q++
			}
			if q >= end {
				return nil, false
			}
			a.Elems = append(a.Elems, parser.Span{Start: p, End: q + 1})
			expectElem = false
			p = q + 1
		default:
			return nil, false
		}
	}
}

// skipJSONGap skips blanks, line breaks, line continuations and the comment
// lines BuildKit drops inside a continued instruction.
func skipJSONGap(doc *parser.Document, p, end int) int {
	src := doc.Src
	lineStart := false
	for p < end {
		c := src[p]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			p++
		case c == '\n':
			p++
			lineStart = true
			continue
		case rune(c) == doc.Escape && doc.RestIsBlank(p+1):
			p++
		case c == '#' && lineStart:
			for p < end && src[p] != '\n' {
				p++
			}
		default:
			return p
		}
		if c != ' ' && c != '\t' {
			lineStart = false
		}
	}
	return p
}

// insertElems returns the edit that inserts elems before element idx of
// the array (idx == len: after the last one).
func (a *execArray) insertElems(idx int, elems []string) Edit {
	n := len(a.Elems)
	switch {
	case n == 0:
		return Insert(a.Open+1, jsonList(elems, a.Sep))
	case idx < n:
		return Insert(a.Elems[idx].Start, jsonList(elems, a.Sep)+a.Sep)
	default:
		return Insert(a.Elems[n-1].End, a.Sep+jsonList(elems, a.Sep))
	}
}

// Inits. A chaining init runs the command given after its options; a
// service manager runs services from its own configuration.
var (
	chainInits   = map[string]bool{"tini": true, "docker-init": true, "dumb-init": true, "catatonit": true}
	serviceInits = map[string]bool{"supervisord": true, "s6-svscan": true, "runsvdir": true, "my_init": true, "systemd": true}
	// initPaths are inits known by their full path only: s6-overlay's
	// /init and systemd's /sbin/init ("init" alone is too common a name).
	initPaths = map[string]bool{"/init": true, "/sbin/init": true, "/usr/sbin/init": true}
)

// knownInitName returns the init a command word names, and whether it chains to
// a command.
func knownInitName(word string) (string, bool) {
	word = strings.Trim(word, `"'`)
	if initPaths[word] {
		return word, false
	}
	base := path.Base(word)
	if base == "tini" || strings.HasPrefix(base, "tini-") {
		return "tini", true
	}
	if chainInits[base] {
		return base, true
	}
	if serviceInits[base] {
		return base, false
	}
	return "", false
}

// initUse is an init found in what the image runs.
type initUse struct {
	Name  string
	Chain bool // it runs a command after its options
	// Next is the index in the array where a command run under the init
	// goes: after the init's options (and "--"), or 0 when the init is
	// not an element of its own (it is run by a shell string).
	Next int
}

// findInit looks for an init anywhere in args.
func findInit(args []string) (initUse, bool) {
	for i, a := range args {
		if name, chain := knownInitName(a); name != "" {
			return initUse{Name: name, Chain: chain, Next: afterInitOptions(name, args, i)}, true
		}
	}
	for _, a := range args {
		for _, w := range shellWords(a) {
			if name, chain := knownInitName(w); name != "" {
				return initUse{Name: name, Chain: chain, Next: 0}, true
			}
		}
	}
	return initUse{}, false
}

// afterInitOptions returns the index just after the options of the init at
// args[i] (and after a "--" that ends them).
func afterInitOptions(name string, args []string, i int) int {
	j := i + 1
	for j < len(args) {
		a := args[j]
		if a == "--" {
			return j + 1
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		if optionTakesValue(name, a) {
			j++
		}
		j++
	}
	return min(j, len(args))
}

func optionTakesValue(init, opt string) bool {
	switch init {
	case "tini", "docker-init":
		return opt == "-p" || opt == "-e"
	case "dumb-init":
		return opt == "-r" || opt == "--rewrite"
	}
	return false
}

// shellWords splits a shell command line roughly into words: enough to find
// a program name such as tini in `exec tini -- app`.
func shellWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(" \t\n;&|()`", r)
	})
}

// mentions reports whether any word of args has the given base name.
func mentions(args []string, base string) bool {
	for _, a := range args {
		if path.Base(a) == base {
			return true
		}
		for _, w := range shellWords(a) {
			if path.Base(strings.Trim(w, `"'`)) == base {
				return true
			}
		}
	}
	return false
}

// describeArgs renders a value for messages: the way it was written when it
// comes from an instruction, else as an exec-form array.
func describeArgs(doc *parser.Document, v cmdValue, keyword string) string {
	if v.Ins != nil {
		var kept []string
		for i, l := range strings.Split(strings.ReplaceAll(v.Ins.Text(doc), "\r\n", "\n"), "\n") {
			if i == 0 || !strings.HasPrefix(strings.TrimSpace(l), "#") {
				kept = append(kept, l)
			}
		}
		t := strings.Join(kept, "\n")
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, string(doc.Escape)+"\n", " ")), " ")
		if r := []rune(t); len(r) > 70 {
			t = string(r[:67]) + "..."
		}
		return t
	}
	return fmt.Sprintf("%s %s", strings.ToUpper(keyword), jsonArrayText(v.Args))
}
