package parser

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Paths a RUN script names, removes and searches: the facts that tell the
// permission planner whether a RUN may write into a directory, removes a
// tree it made, or already opens a directory to group 0 with find.

// Find is one `find ROOTS ... -exec chmod|chgrp|chown ... {}`.
type Find struct {
	// Roots are the starting points, resolved like other paths (relative
	// ones are kept as written: the working directory is the WORKDIR);
	// "." when find names none.
	Roots      []string
	Chmods     []string // modes of -exec chmod MODE {}
	ExecGroups []string // groups of -exec chgrp GROUP {} and -exec chown USER:GROUP {}
	DirsOnly   bool     // -type d
	Start, End int
}

// Remove is one `rm` invocation.
type Remove struct {
	// Paths are the operands that name one path: resolved, without glob
	// characters and fully expanded; others are left out.
	Paths      []string
	Recursive  bool // -r, -R or --recursive
	Start, End int
}

// PathMention is an absolute path a script names, anywhere in a word (an
// argument, a redirection, an assignment, a here-document body), at byte
// offset Offset of the script.
type PathMention struct {
	Path   string // cleaned
	Offset int
}

var findExecEnd = map[string]bool{";": true, "+": true}

// find records a find that runs chmod, chgrp or chown on what it finds.
func (a *runAnalyzer) find(c *shCall) {
	args := c.args
	i := 0
	for i < len(args) && (args[i].val == "-H" || args[i].val == "-L" || args[i].val == "-P") {
		i++
	}
	fc := Find{Start: c.start, End: c.end}
	for ; i < len(args); i++ {
		v := args[i].val
		if strings.HasPrefix(v, "-") || v == "(" || v == "!" || v == ")" {
			break
		}
		if p, unres := a.resolvePath(v, args[i].known); !unres {
			fc.Roots = append(fc.Roots, p)
		}
	}
	if len(fc.Roots) == 0 {
		p, _ := a.resolvePath(".", true)
		fc.Roots = []string{p}
	}
	for ; i < len(args); i++ {
		switch args[i].val {
		case "-type":
			if i+1 < len(args) && args[i+1].val == "d" {
				fc.DirsOnly = true
			}
		case "-exec", "-execdir":
			var cmd []string
			j := i + 1
			for ; j < len(args) && !findExecEnd[args[j].val]; j++ {
				cmd = append(cmd, args[j].val)
			}
			i = j
			if len(cmd) < 2 {
				continue
			}
			var ops []string
			for _, x := range cmd[1:] {
				if !strings.HasPrefix(x, "-") || isDashMode(x) {
					ops = append(ops, x)
				}
			}
			if len(ops) == 0 {
				continue
			}
			switch path.Base(cmd[0]) {
			case "chmod":
				fc.Chmods = append(fc.Chmods, ops[0])
			case "chgrp":
				fc.ExecGroups = append(fc.ExecGroups, ops[0])
			case "chown":
				if _, g, ok := strings.Cut(ops[0], ":"); ok {
					fc.ExecGroups = append(fc.ExecGroups, g)
				}
			}
		}
	}
	if len(fc.Chmods) > 0 || len(fc.ExecGroups) > 0 {
		a.f.Finds = append(a.f.Finds, fc)
	}
}

// rm records what rm removes.
func (a *runAnalyzer) rm(c *shCall) {
	r := Remove{Start: c.start, End: c.end}
	for _, x := range c.args {
		v := x.val
		if strings.Contains(v, "/var/lib/apt/lists") {
			a.f.AptLists = append(a.f.AptLists, AptListsChange{Offset: c.start})
		}
		switch {
		case v == "--recursive" || (strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.ContainsAny(v, "rR")):
			r.Recursive = true
		case strings.HasPrefix(v, "-"):
		case !x.known || strings.ContainsAny(v, "*?[$`"):
		default:
			if p, unres := a.resolvePath(v, true); !unres {
				r.Paths = append(r.Paths, p)
			}
		}
	}
	a.f.Removes = append(a.f.Removes, r)
}

// homeConfig records commands that write configuration into HOME: `git
// config --global`, `npm config set`, `pip config set`, and redirections or
// cp/mv/tee/touch into ~/ or $HOME/.
func (a *runAnalyzer) homeConfig(c *shCall) {
	arg := func(i int) string {
		if i < len(c.args) {
			return c.args[i].val
		}
		return ""
	}
	switch c.name {
	case "git":
		a.f.HomeConfig = a.f.HomeConfig || (arg(0) == "config" && arg(1) == "--global")
	case "npm", "pip", "pip3":
		a.f.HomeConfig = a.f.HomeConfig || (arg(0) == "config" && arg(1) == "set")
	case "cp", "mv", "tee", "touch":
		// cp and mv write their last operand; tee and touch every one.
		var ops []shArg
		for _, x := range c.args {
			if !strings.HasPrefix(x.val, "-") {
				ops = append(ops, x)
			}
		}
		if (c.name == "cp" || c.name == "mv") && len(ops) > 0 {
			ops = ops[len(ops)-1:]
		}
		for _, x := range ops {
			if namesHome(a.src[a.clamp(x.start):a.clamp(x.end)]) {
				a.f.HomeConfig = true
			}
		}
	}
}

// namesHome reports whether a word, as written, is a path under ~ or $HOME.
func namesHome(word string) bool {
	for _, p := range []string{"~/", "$HOME/", "${HOME}/"} {
		if strings.HasPrefix(word, p) {
			return true
		}
	}
	return false
}

// pathMentions returns the absolute paths the words of a parsed script name.
func (a *runAnalyzer) pathMentions(f *syntax.File) []PathMention {
	var out []PathMention
	syntax.Walk(f, func(n syntax.Node) bool {
		w, ok := n.(*syntax.Word)
		if !ok {
			return true
		}
		start, end := a.clamp(int(w.Pos().Offset())), a.clamp(int(w.End().Offset()))
		if start < end {
			out = scanPathMentions(out, a.src[start:end], start)
		}
		// The word's own text holds everything nested in it.
		return false
	})
	return out
}

// ScriptPathMentions returns the absolute paths a script's text names, for a
// script the shell grammar cannot read: runs of path characters that start
// with "/", and quoted paths. Parsed scripts get RunFacts.Paths instead.
func ScriptPathMentions(script string) []PathMention {
	return scanPathMentions(nil, script, 0)
}

// scanPathMentions appends the absolute paths in text (at offset base of the
// script): a quoted path may hold spaces; elsewhere a path is a run of path
// characters.
func scanPathMentions(out []PathMention, text string, base int) []PathMention {
	for i := 0; i < len(text); {
		if q := text[i]; (q == '\'' || q == '"') && i+1 < len(text) && text[i+1] == '/' {
			if end := strings.IndexByte(text[i+1:], q); end > 0 {
				out = append(out, PathMention{Path: path.Clean(text[i+1 : i+1+end]), Offset: base + i + 1})
				i += end + 2
				continue
			}
		}
		if !isPathChar(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isPathChar(text[j]) {
			j++
		}
		if text[i] == '/' {
			out = append(out, PathMention{Path: path.Clean(text[i:j]), Offset: base + i})
		}
		i = j
	}
	return out
}

func isPathChar(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '.' || c == '-' || c == '/' || c == '@' || c == '+' || c == '%' || c == '~'
}

// markUnconditional sets Unconditional on each install that always runs and
// whose failure fails the RUN: not in an if, a loop, a case or a function,
// not on either side of ||, not in a pipeline, not negated or in the
// background.
func markUnconditional(f *syntax.File, installs []PackageInstall) {
	if len(installs) == 0 {
		return
	}
	at := make(map[int]*PackageInstall, len(installs))
	for i := range installs {
		at[installs[i].Start] = &installs[i]
	}
	var stack []syntax.Node
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		c, isCall := n.(*syntax.CallExpr)
		if !isCall {
			return true
		}
		in := at[int(c.Pos().Offset())]
		if in == nil {
			return true
		}
		ok := true
		for _, a := range stack {
			switch x := a.(type) {
			case *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause, *syntax.CaseClause, *syntax.FuncDecl:
				ok = false
			case *syntax.BinaryCmd:
				if x.Op != syntax.AndStmt {
					ok = false
				}
			case *syntax.Stmt:
				if x.Negated || x.Background || x.Coprocess {
					ok = false
				}
			}
		}
		in.Unconditional = ok
		delete(at, in.Start)
		return true
	})
}

// setOptions follows `set -e` / `set +e` / `set -o errexit` (and option
// clusters such as -eux).
func (a *runAnalyzer) setOptions(c *shCall) {
	args := c.args
	for i := 0; i < len(args); i++ {
		v := args[i].val
		if v == "--" || len(v) < 2 || (v[0] != '-' && v[0] != '+') || strings.Trim(v[1:], "abefhkmnoptuvxBCEHPT") != "" {
			return // positional parameters follow
		}
		on := v[0] == '-'
		if strings.Contains(v[1:], "e") {
			a.f.ErrExit = on
		}
		if strings.Contains(v[1:], "o") && i+1 < len(args) {
			i++ // -o NAME
			if args[i].val == "errexit" {
				a.f.ErrExit = on
			}
		}
	}
}
