package parser

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// EnvLookup returns the value of a build variable (ARG/ENV) in force at the RUN.
type EnvLookup func(name string) (string, bool)

// RunFacts is what a RUN script does, as far as it can be told without running it.
//
// Word values are shExpanded with the build variables and with variables assigned
// earlier in the script. A part of a word that cannot be shExpanded (command
// substitution, unknown variable, ...) is kept as its source text, e.g.
// "/home/$(whoami)", and the fact that holds it is marked Unresolved. Numeric
// fields (UID, GID) are left empty instead of holding such text.
type RunFacts struct {
	Users    []User
	Groups   []Group
	Mkdirs   []Mkdir // directories made with mkdir (and `install -d`)
	Chowns   []Chown // chown and chgrp (and `install -d -o/-g`)
	Chmods   []Chmod
	Installs []PackageInstall // package installs, in script order
	Managers []string         // package managers used, in order of first use: "apt", "apk", "dnf", "yum", "microdnf", "zypper"
	Writes   []string         // files written by output redirection (>, >>, &>, >|) and `tee`, shExpanded; /dev/* excluded
	Commands []string         // every simple command name run (shExpanded, base name), in order; wrappers such as sudo/env are listed too
	// End is the byte offset of the end of the last command (where ` && more`
	// can be appended); trailing whitespace, comments, a trailing `;` or `&`
	// and here-document bodies are excluded. -1 when the script has no command.
	End int

	// Memberships lists users added to existing groups: `adduser USER GROUP`,
	// `addgroup USER GROUP`, `usermod -aG GROUPS USER`, `gpasswd -a USER GROUP`.
	Memberships []Membership
	UserMods    []UserMod  // usermod invocations
	GroupMods   []GroupMod // groupmod invocations
}

// User is a user account created by the script.
type User struct {
	Name       string
	UID        string   // "" when not given (system-assigned) or not resolvable; numericID string when known
	GID        string   // primary group id when known ("" otherwise)
	Group      string   // primary group name when given
	Groups     []string // supplementary groups
	Home       string   // home directory recorded in /etc/passwd (explicit or the tool's default)
	CreateHome bool     // whether the home directory is created
	System     bool
	Shell      string // explicit shell, or the tool's fixed default when it has one ("" otherwise)
	Source     string // "useradd", "adduser", "passwd" (line appended to /etc/passwd)

	// PrivateGroup is true when the tool creates a group named like the user
	// and makes it the primary group (useradd without -g/-N, Debian adduser
	// without --ingroup/--gid, BusyBox adduser without -G).
	PrivateGroup bool
	Unresolved   bool // some value could not be shExpanded
	Start, End   int  // byte range of the command in the script
}

// Group is a group created by the script.
type Group struct {
	Name       string
	GID        string
	System     bool
	Source     string   // "groupadd", "addgroup", "adduser" (adduser --group), "group" (line appended to /etc/group)
	Members    []string // groupadd -U, or the member field of an /etc/group line
	Unresolved bool
	Start, End int
}

// Mkdir is one mkdir (or `install -d`) invocation.
type Mkdir struct {
	Paths      []string // shExpanded, cleaned absolute paths when resolvable (relative paths kept as written)
	Parents    bool     // -p
	Mode       string   // -m value, "" when absent
	Command    string   // "mkdir" or "install"
	Unresolved bool     // a path could not be shExpanded (or the working directory is unknown after cd)
	Start, End int
}

// Chown is one chown or chgrp invocation.
type Chown struct {
	Paths      []string
	Owner      string // user part ("" when chgrp or ":group" only)
	Group      string // group part ("" when absent)
	Recursive  bool
	Command    string // "chown", "chgrp" or "install"
	Unresolved bool
	Start, End int
}

// Chmod is one chmod invocation.
type Chmod struct {
	Paths      []string
	Mode       string
	Recursive  bool
	Unresolved bool
	Start, End int
}

// PackageInstall is one package-install command.
type PackageInstall struct {
	Manager  string   // "apt", "apk", "dnf", "yum", "microdnf", "zypper" ("apt-get" and "apt" both map to "apt")
	Packages []string // package words as written after expansion (flags excluded)
	// InsertAt is the byte offset in script just after the last package word of this install command,
	// where " tini" can be inserted to add a package to the same command. -1 if not safely insertable
	// (e.g. packages come only from a variable expansion or a subshell).
	InsertAt            int
	NoInstallRecommends bool   // apt --no-install-recommends (or -o APT::Install-Recommends=false), zypper --no-recommends, dnf/yum install_weak_deps=False
	Virtual             string // apk --virtual/-t NAME: the packages are usually removed later with `apk del NAME`
	Unresolved          bool
	Start, End          int
}

// Membership is a user added to a group.
type Membership struct {
	User       string
	Group      string
	Source     string // "adduser", "addgroup", "usermod", "gpasswd"
	Unresolved bool
	Start, End int
}

// UserMod is one usermod invocation.
type UserMod struct {
	Name       string
	NewName    string // -l
	UID        string
	GID        string
	Group      string
	Groups     []string // -G
	Append     bool     // -a
	Home       string   // -d
	MoveHome   bool     // -m
	Shell      string
	Unresolved bool
	Start, End int
}

// GroupMod is one groupmod invocation.
type GroupMod struct {
	Name       string
	NewName    string // -n
	GID        string // -g
	Unresolved bool
	Start, End int
}

var runParserPool = sync.Pool{New: func() any {
	return syntax.NewParser(syntax.Variant(syntax.LangBash))
}}

// parseRunScript parses with a pooled parser. A parser is only returned to the
// pool after a parse that did not panic.
func parseRunScript(script string) (f *syntax.File, err error) {
	p := runParserPool.Get().(*syntax.Parser)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("shell parser panic: %v", r)
		}
	}()
	f, err = p.Parse(strings.NewReader(script), "")
	runParserPool.Put(p)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// AnalyzeRun parses script (shell form RUN text, or a heredoc body) and returns what it does.
// Offsets in the result are byte offsets into script. A script that does not parse returns an error
// and a nil result.
func AnalyzeRun(script string, env EnvLookup) (facts *RunFacts, err error) {
	f, err := parseRunScript(script)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			facts, err = nil, fmt.Errorf("analyzing RUN script: internal error: %v", r)
		}
	}()
	return analyzeRunFile(script, f, env), nil
}

func analyzeRunFile(script string, f *syntax.File, env EnvLookup) *RunFacts {
	a := &runAnalyzer{src: script, env: env, f: &RunFacts{End: -1}, cwdKnown: true}
	a.stmts(f.Stmts)
	if n := len(f.Stmts); n > 0 {
		a.f.End = a.wordEnd(stmtLineEnd(f.Stmts[n-1]))
	}
	return a.f
}

// stmtLineEnd is where `&& more` can be appended after s: the end of its last
// command and redirection words, excluding `;`, `&` and here-document bodies.
func stmtLineEnd(s *syntax.Stmt) int {
	end := int(s.Position.Offset())
	if s.Negated {
		end++
	}
	switch c := s.Cmd.(type) {
	case nil:
	case *syntax.BinaryCmd:
		if c.Y != nil {
			end = stmtLineEnd(c.Y)
		}
	case *syntax.CallExpr:
		if len(c.Args) > 0 || len(c.Assigns) > 0 {
			end = int(c.End().Offset())
		}
	default:
		end = int(c.End().Offset())
	}
	for _, r := range s.Redirs {
		if r.Word != nil && len(r.Word.Parts) > 0 {
			end = max(end, int(r.Word.End().Offset()))
		}
	}
	return end
}

type shVarState uint8

const (
	shVarNotFound shVarState = iota // neither in the build environment nor assigned in the script
	shVarSet                        // set to a known value
	shVarUnknown                    // set to an unknown value
	shVarUnset                      // explicitly unset in the script
)

type shVar struct {
	val   string
	state shVarState
}

type runAnalyzer struct {
	src  string
	env  EnvLookup
	vars map[string]shVar
	f    *RunFacts

	// cwd is the working directory after `cd`: "" means WORKDIR.
	cwd      string
	cwdKnown bool
}

func (a *runAnalyzer) clamp(off int) int {
	return max(0, min(off, len(a.src)))
}

// wordEnd is the offset just after the last character of a word or command
// ending at off: the parser's end position may lie after a line continuation.
func (a *runAnalyzer) wordEnd(off int) int {
	off = a.clamp(off)
	for {
		switch {
		case off >= 2 && a.src[off-2:off] == "\\\n":
			off -= 2
		case off >= 3 && a.src[off-3:off] == "\\\r\n":
			off -= 3
		default:
			return off
		}
	}
}

func (a *runAnalyzer) source(n syntax.Node) string {
	start, end := a.clamp(int(n.Pos().Offset())), a.clamp(int(n.End().Offset()))
	if start >= end {
		return ""
	}
	return a.src[start:end]
}

func (a *runAnalyzer) lookup(name string) shVar {
	if v, ok := a.vars[name]; ok {
		return v
	}
	if a.env != nil {
		if v, ok := a.env(name); ok {
			return shVar{val: v, state: shVarSet}
		}
	}
	return shVar{}
}

func (a *runAnalyzer) setVar(name string, v shVar) {
	if a.vars == nil {
		a.vars = make(map[string]shVar)
	}
	a.vars[name] = v
}

// ---- statement walking ----

// shStream is what a command writes to stdout or reads from stdin, when known.
type shStream struct {
	ok    bool   // the content is known (possibly with unexpanded parts)
	exact bool   // no unexpanded parts
	text  string // content; unexpanded parts kept as source text
}

func (a *runAnalyzer) stmts(list []*syntax.Stmt) {
	for _, s := range list {
		a.stmt(s, shStream{})
	}
}

func (a *runAnalyzer) stmt(s *syntax.Stmt, stdin shStream) shStream {
	if s == nil {
		return shStream{}
	}
	for _, r := range s.Redirs {
		a.scanWord(r.Word)
		switch r.Op {
		case syntax.Hdoc, syntax.DashHdoc:
			stdin = a.heredoc(r)
		case syntax.WordHdoc:
			if r.Word != nil {
				e := a.expandWord(r.Word, shModeUnquoted)
				stdin = shStream{ok: true, exact: e.known, text: e.val + "\n"}
			}
		case syntax.RdrIn, syntax.RdrInOut:
			stdin = shStream{}
		}
	}
	var out shStream
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr:
		out = a.call(c, stdin)
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			o := a.stmt(c.X, stdin)
			out = a.stmt(c.Y, o)
		default:
			a.stmt(c.X, shStream{})
			a.stmt(c.Y, shStream{})
		}
	case *syntax.Subshell:
		cwd, known := a.cwd, a.cwdKnown
		a.stmts(c.Stmts)
		a.cwd, a.cwdKnown = cwd, known
	case *syntax.Block:
		a.stmts(c.Stmts)
	case *syntax.IfClause:
		for ic := c; ic != nil; ic = ic.Else {
			a.stmts(ic.Cond)
			a.stmts(ic.Then)
		}
	case *syntax.WhileClause:
		a.stmts(c.Cond)
		a.stmts(c.Do)
	case *syntax.ForClause:
		if wi, ok := c.Loop.(*syntax.WordIter); ok {
			for _, w := range wi.Items {
				a.scanWord(w)
			}
			if wi.Name != nil {
				a.setVar(wi.Name.Value, shVar{state: shVarUnknown})
			}
		} else {
			a.scanNode(c.Loop)
		}
		a.stmts(c.Do)
	case *syntax.CaseClause:
		a.scanWord(c.Word)
		for _, it := range c.Items {
			a.stmts(it.Stmts)
		}
	case *syntax.FuncDecl:
		if c.Body != nil {
			a.stmt(c.Body, shStream{})
		}
	case *syntax.DeclClause:
		a.decl(c)
	case *syntax.TimeClause:
		out = a.stmt(c.Stmt, stdin)
	case *syntax.CoprocClause:
		a.stmt(c.Stmt, shStream{})
	case *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		a.scanNode(c)
	}
	// Output redirections.
	for _, r := range s.Redirs {
		if r.Word == nil || len(r.Word.Parts) == 0 {
			continue
		}
		toStdout := r.N == nil || r.N.Value == "1"
		switch r.Op {
		case syntax.RdrOut, syntax.AppOut, syntax.RdrClob:
		case syntax.RdrAll, syntax.AppAll:
			toStdout = true
		case syntax.DplOut:
			if lit := r.Word.Lit(); lit == "-" || allDigits(lit) {
				continue
			}
			toStdout = true
		default:
			continue
		}
		e := a.expandWord(r.Word, shModeUnquoted)
		p, _ := a.resolvePath(e.val, e.known)
		if !isDevicePath(p) {
			a.f.Writes = append(a.f.Writes, p)
		}
		if toStdout {
			if out.ok {
				a.accountFile(p, out, a.clamp(int(s.Pos().Offset())), a.wordEnd(stmtLineEnd(s)))
			}
			out = shStream{}
		}
	}
	return out
}

func isDevicePath(p string) bool {
	return strings.HasPrefix(p, "/dev/")
}

// heredoc returns the body of a here-document redirect.
func (a *runAnalyzer) heredoc(r *syntax.Redirect) shStream {
	if r.Hdoc == nil || len(r.Hdoc.Parts) == 0 {
		return shStream{ok: true, exact: true}
	}
	quoted := false
	if r.Word != nil {
		for _, p := range r.Word.Parts {
			if l, ok := p.(*syntax.Lit); !ok || strings.Contains(l.Value, `\`) {
				quoted = true
				break
			}
		}
	}
	var e shExpanded
	if quoted {
		e = shExpanded{val: a.source(r.Hdoc), known: true}
		// The source of a quoted body is verbatim, but be safe with the
		// parser's view when the source range is unavailable.
		if e.val == "" {
			e = a.expandWord(r.Hdoc, shModeRaw)
		}
	} else {
		e = a.expandWord(r.Hdoc, shModeHeredoc)
	}
	text := e.val
	if r.Op == syntax.DashHdoc {
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimLeft(l, "\t")
		}
		text = strings.Join(lines, "\n")
	}
	return shStream{ok: true, exact: e.known, text: text}
}

// scanWord walks command substitutions in w: the commands in them run too.
func (a *runAnalyzer) scanWord(w *syntax.Word) {
	if w == nil {
		return
	}
	simple := true
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.Lit, *syntax.SglQuoted:
		default:
			simple = false
		}
	}
	if !simple {
		a.scanNode(w)
	}
}

func (a *runAnalyzer) scanNode(n syntax.Node) {
	if n == nil {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst:
			cwd, known := a.cwd, a.cwdKnown
			a.stmts(n.Stmts)
			a.cwd, a.cwdKnown = cwd, known
			return false
		case *syntax.ProcSubst:
			cwd, known := a.cwd, a.cwdKnown
			a.stmts(n.Stmts)
			a.cwd, a.cwdKnown = cwd, known
			return false
		}
		return true
	})
}

func (a *runAnalyzer) assign(as *syntax.Assign) {
	if as == nil || as.Name == nil {
		return
	}
	name := as.Name.Value
	if as.Array != nil || as.Index != nil {
		a.setVar(name, shVar{state: shVarUnknown})
		return
	}
	var v shVar
	if as.Value == nil {
		v = shVar{state: shVarSet}
	} else {
		e := a.expandWord(as.Value, shModeAssign)
		if e.known {
			v = shVar{val: e.val, state: shVarSet}
		} else {
			v = shVar{state: shVarUnknown}
		}
	}
	if as.Append {
		old := a.lookup(name)
		switch {
		case old.state == shVarUnknown || v.state == shVarUnknown:
			v = shVar{state: shVarUnknown}
		case old.state == shVarSet:
			v.val = old.val + v.val
		}
	}
	a.setVar(name, v)
}

func (a *runAnalyzer) decl(d *syntax.DeclClause) {
	if d.Variant != nil {
		a.f.Commands = append(a.f.Commands, d.Variant.Value)
	}
	for _, as := range d.Args {
		if as.Value != nil {
			a.scanWord(as.Value)
		}
		if as.Naked {
			continue // `export X` or an option
		}
		a.assign(as)
	}
}

// ---- word expansion ----

type shExpandMode uint8

const (
	shModeUnquoted shExpandMode = iota
	shModeDouble                // inside "..."
	shModeHeredoc               // body of an unquoted here-document
	shModeRaw                   // no unescaping at all
	shModeAssign                // value of an assignment: like unquoted, never field split
)

type shExpanded struct {
	val     string
	known   bool // fully shExpanded
	literal bool // contains no expansion at all
	split   bool // contains an unquoted expansion, so the value is subject to field splitting
}

// shArg is one command argument after expansion and field splitting.
type shArg struct {
	val     string
	known   bool
	literal bool
	end     int // byte offset of the end of the word it came from
}

func (a *runAnalyzer) expandWord(w *syntax.Word, mode shExpandMode) shExpanded {
	e := shExpanded{known: true, literal: true}
	if w == nil {
		return e
	}
	var b strings.Builder
	for i, p := range w.Parts {
		a.part(&b, &e, p, mode, i == 0)
	}
	e.val = b.String()
	return e
}

func (a *runAnalyzer) part(b *strings.Builder, e *shExpanded, p syntax.WordPart, mode shExpandMode, first bool) {
	switch p := p.(type) {
	case *syntax.Lit:
		v := p.Value
		switch mode {
		case shModeUnquoted, shModeAssign:
			if first && strings.HasPrefix(v, "~") {
				prefix, rest, hasSlash := strings.Cut(v, "/")
				home, ok := a.tilde(prefix)
				if !ok {
					e.known = false
					b.WriteString(v)
					return
				}
				b.WriteString(home)
				if hasSlash {
					b.WriteByte('/')
					b.WriteString(shUnescape(rest, ""))
				}
				return
			}
			b.WriteString(shUnescape(v, ""))
		case shModeDouble:
			b.WriteString(shUnescape(v, "$`\"\\\n"))
		case shModeHeredoc:
			b.WriteString(shUnescape(v, "$`\\\n"))
		default:
			b.WriteString(v)
		}
	case *syntax.SglQuoted:
		if p.Dollar {
			b.WriteString(shANSIC(p.Value))
		} else {
			b.WriteString(p.Value)
		}
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			a.part(b, e, q, shModeDouble, false)
		}
	case *syntax.ParamExp:
		e.literal = false
		v, ok := a.param(p, mode)
		if !ok {
			e.known = false
			b.WriteString(a.source(p))
			return
		}
		if mode == shModeUnquoted {
			e.split = true
		}
		b.WriteString(v)
	case *syntax.ExtGlob:
		b.WriteString(a.source(p))
	default: // CmdSubst, ArithmExp, ProcSubst, BraceExp
		e.literal = false
		e.known = false
		b.WriteString(a.source(p))
	}
}

func (a *runAnalyzer) tilde(prefix string) (string, bool) {
	switch prefix {
	case "~":
		v := a.lookup("HOME")
		if v.state == shVarSet {
			return v.val, true
		}
	case "~root":
		return "/root", true
	}
	return "", false
}

// shUnescape removes backslashes: before any character when special is "",
// else only before the characters in special.
func shUnescape(s, special string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && (special == "" || strings.IndexByte(special, s[i+1]) >= 0) {
			i++
			if s[i] != '\n' {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// shANSIC decodes the body of a $'...' string.
func shANSIC(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	out, _ := echoEscapes(strings.ReplaceAll(s, `\'`, `'`), false)
	return out
}

// echoEscapes interprets backslash escapes as echo -e / printf %b do. It
// reports stop=true when \c was met (no further output).
func echoEscapes(s string, allowC bool) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'e', 'E':
			b.WriteByte(0x1b)
		case '\\':
			b.WriteByte('\\')
		case '"':
			b.WriteByte('"')
		case 'c':
			if allowC {
				return b.String(), true
			}
			b.WriteString(`\c`)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j, n := i, 0
			if s[j] == '0' {
				j++ // \0NNN
			}
			k := j
			for ; k < len(s) && k < j+3 && s[k] >= '0' && s[k] <= '7'; k++ {
				n = n*8 + int(s[k]-'0')
			}
			b.WriteByte(byte(n))
			i = k - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), false
}

func shIsSpecialParam(name string) bool {
	if name == "" {
		return true
	}
	c := name[0]
	return (c >= '0' && c <= '9') || strings.IndexByte("@*#?-$!", c) >= 0
}

// param expands a parameter expansion; ok=false when it cannot be known.
func (a *runAnalyzer) param(p *syntax.ParamExp, mode shExpandMode) (string, bool) {
	if p.Param == nil || p.Excl || p.Width || p.IsSet || p.Index != nil || p.Slice != nil ||
		p.Repl != nil || p.Names != 0 || p.NestedParam != nil || len(p.Modifiers) > 0 || p.Flags != nil {
		return "", false
	}
	name := p.Param.Value
	if shIsSpecialParam(name) {
		return "", false
	}
	v := a.lookup(name)
	if p.Length {
		if v.state != shVarSet || p.Exp != nil {
			return "", false
		}
		return strconv.Itoa(len([]rune(v.val))), true
	}
	if p.Exp == nil {
		if v.state == shVarSet {
			return v.val, true
		}
		if v.state == shVarUnset {
			return "", true
		}
		return "", false
	}
	sub := func() (string, bool) {
		if mode == shModeUnquoted || mode == shModeAssign {
			mode = shModeUnquoted
		}
		e := a.expandWord(p.Exp.Word, mode)
		return e.val, e.known
	}
	set := v.state == shVarSet || v.state == shVarUnknown
	switch p.Exp.Op {
	case syntax.DefaultUnset, syntax.AssignUnset:
		if set {
			return v.val, v.state == shVarSet
		}
		return sub()
	case syntax.DefaultUnsetOrNull, syntax.AssignUnsetOrNull:
		switch {
		case v.state == shVarUnknown:
			return "", false
		case v.state == shVarSet && v.val != "":
			return v.val, true
		}
		return sub()
	case syntax.AlternateUnset:
		if set {
			return sub()
		}
		return "", true
	case syntax.AlternateUnsetOrNull:
		switch {
		case v.state == shVarUnknown:
			return "", false
		case v.state == shVarSet && v.val != "":
			return sub()
		}
		return "", true
	case syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		if v.state == shVarSet {
			return v.val, true
		}
		return "", false
	case syntax.RemSmallSuffix, syntax.RemLargeSuffix, syntax.RemSmallPrefix, syntax.RemLargePrefix:
		if v.state != shVarSet || len(v.val) > 512 {
			return "", false
		}
		pat, ok := sub()
		if !ok {
			return "", false
		}
		return shTrimPattern(v.val, pat, p.Exp.Op), true
	case syntax.UpperAll, syntax.LowerAll, syntax.UpperFirst, syntax.LowerFirst:
		if v.state != shVarSet || (p.Exp.Word != nil && len(p.Exp.Word.Parts) > 0) {
			return "", false
		}
		switch p.Exp.Op {
		case syntax.UpperAll:
			return strings.ToUpper(v.val), true
		case syntax.LowerAll:
			return strings.ToLower(v.val), true
		}
		if v.val == "" {
			return "", true
		}
		first := v.val[:1]
		if p.Exp.Op == syntax.UpperFirst {
			first = strings.ToUpper(first)
		} else {
			first = strings.ToLower(first)
		}
		return first + v.val[1:], true
	}
	return "", false
}

func shTrimPattern(s, pat string, op syntax.ParExpOperator) string {
	switch op {
	case syntax.RemSmallPrefix:
		for i := 0; i <= len(s); i++ {
			if shGlobMatch(pat, s[:i]) {
				return s[i:]
			}
		}
	case syntax.RemLargePrefix:
		for i := len(s); i >= 0; i-- {
			if shGlobMatch(pat, s[:i]) {
				return s[i:]
			}
		}
	case syntax.RemSmallSuffix:
		for i := len(s); i >= 0; i-- {
			if shGlobMatch(pat, s[i:]) {
				return s[:i]
			}
		}
	case syntax.RemLargeSuffix:
		for i := 0; i <= len(s); i++ {
			if shGlobMatch(pat, s[i:]) {
				return s[:i]
			}
		}
	}
	return s
}

// shGlobMatch matches s against a shell pattern (*, ?, [...], \x). Unlike
// path.Match, '*' also matches '/'.
func shGlobMatch(pat, s string) bool {
	px, sx := 0, 0
	starP, starS := -1, 0
	for sx < len(s) {
		if px < len(pat) {
			switch c := pat[px]; c {
			case '*':
				starP, starS = px, sx
				px++
				continue
			case '?':
				px++
				sx++
				continue
			case '[':
				if ok, n, valid := shMatchClass(pat[px:], s[sx]); valid {
					if ok {
						px += n
						sx++
						continue
					}
				} else if s[sx] == '[' {
					px++
					sx++
					continue
				}
			case '\\':
				if px+1 < len(pat) && pat[px+1] == s[sx] {
					px += 2
					sx++
					continue
				}
			default:
				if c == s[sx] {
					px++
					sx++
					continue
				}
			}
		}
		if starP >= 0 {
			starS++
			px, sx = starP+1, starS
			continue
		}
		return false
	}
	for px < len(pat) && pat[px] == '*' {
		px++
	}
	return px == len(pat)
}

// shMatchClass matches c against the bracket expression at the start of pat.
// It returns whether c matched, the length of the expression, and whether the
// expression is well formed.
func shMatchClass(pat string, c byte) (matched bool, n int, valid bool) {
	i := 1
	neg := false
	if i < len(pat) && (pat[i] == '!' || pat[i] == '^') {
		neg = true
		i++
	}
	start := i
	for i < len(pat) && (pat[i] != ']' || i == start) {
		lo := pat[i]
		if lo == '\\' && i+1 < len(pat) {
			i++
			lo = pat[i]
		}
		hi := lo
		if i+2 < len(pat) && pat[i+1] == '-' && pat[i+2] != ']' {
			hi = pat[i+2]
			i += 2
		}
		if lo <= c && c <= hi {
			matched = true
		}
		i++
	}
	if i >= len(pat) {
		return false, 0, false
	}
	return matched != neg, i + 1, true
}

// args expands command words, applying field splitting to unquoted expansions.
func (a *runAnalyzer) args(words []*syntax.Word) []shArg {
	out := make([]shArg, 0, len(words))
	for _, w := range words {
		if w == nil || len(w.Parts) == 0 {
			continue
		}
		e := a.expandWord(w, shModeUnquoted)
		end := a.wordEnd(int(w.End().Offset()))
		if e.known && e.split {
			for _, f := range strings.Fields(e.val) {
				out = append(out, shArg{val: f, known: true, end: end})
			}
			continue
		}
		out = append(out, shArg{val: e.val, known: e.known, literal: e.literal, end: end})
	}
	return out
}

// resolvePath cleans absolute paths and applies a preceding `cd` to relative
// ones. unresolved is true when the path cannot be known.
func (a *runAnalyzer) resolvePath(p string, known bool) (string, bool) {
	if !known {
		return p, true
	}
	if path.IsAbs(p) {
		return path.Clean(p), false
	}
	if !a.cwdKnown {
		return p, true
	}
	if a.cwd == "" || p == "" {
		return p, false
	}
	return path.Join(a.cwd, p), false
}

func (a *runAnalyzer) resolvePaths(args []shArg) ([]string, bool) {
	unres := false
	out := make([]string, 0, len(args))
	for _, x := range args {
		p, u := a.resolvePath(x.val, x.known)
		unres = unres || u
		out = append(out, p)
	}
	return out, unres
}

// ---- option parsing ----

type shOptDef struct {
	key    string
	hasArg bool
}

type shOptSpec struct {
	short map[byte]shOptDef
	long  map[string]shOptDef
}

// newShOptSpec builds an option table from entries "s,long" (long optional, short
// may be empty); a trailing "=" marks an option taking an argument.
func newShOptSpec(entries ...string) *shOptSpec {
	sp := &shOptSpec{short: map[byte]shOptDef{}, long: map[string]shOptDef{}}
	for _, e := range entries {
		takesArg := strings.HasSuffix(e, "=")
		e = strings.TrimSuffix(e, "=")
		short, long, _ := strings.Cut(e, ",")
		key := long
		if key == "" {
			key = short
		}
		d := shOptDef{key: key, hasArg: takesArg}
		if short != "" {
			sp.short[short[0]] = d
		}
		if long != "" {
			sp.long[long] = d
		}
	}
	return sp
}

// lookupLong finds a long option by name or unique prefix, as getopt_long does.
func (sp *shOptSpec) lookupLong(name string) (shOptDef, bool) {
	if d, ok := sp.long[name]; ok {
		return d, true
	}
	if name == "" {
		return shOptDef{}, false
	}
	var found shOptDef
	n := 0
	for l, d := range sp.long {
		if strings.HasPrefix(l, name) && d != found {
			found = d
			n++
		}
	}
	return found, n == 1
}

type shOpt struct {
	key string
	val shArg
	has bool // an argument was given
}

type shOpts []shOpt

func (o shOpts) has(key string) bool {
	for _, x := range o {
		if x.key == key {
			return true
		}
	}
	return false
}

func (o shOpts) last(key string) (shArg, bool) {
	for i := len(o) - 1; i >= 0; i-- {
		if o[i].key == key {
			return o[i].val, o[i].has
		}
	}
	return shArg{}, false
}

// parseShOpts splits args into options and operands. With stop, parsing ends at
// the first operand (POSIX); otherwise options may follow operands (GNU).
func parseShOpts(args []shArg, sp *shOptSpec, stop bool) (shOpts, []shArg) {
	var o shOpts
	var ops []shArg
	done := false
	for i := 0; i < len(args); i++ {
		x := args[i]
		v := x.val
		if done || len(v) < 2 || v[0] != '-' {
			ops = append(ops, x)
			if stop {
				done = true
			}
			continue
		}
		if v == "--" {
			done = true
			continue
		}
		if v[1] == '-' {
			name, val, hasVal := strings.Cut(v[2:], "=")
			d, ok := sp.lookupLong(name)
			if !ok {
				d = shOptDef{key: name}
			}
			p := shOpt{key: d.key}
			switch {
			case hasVal:
				p.val, p.has = shArg{val: val, known: x.known, literal: x.literal, end: x.end}, true
			case d.hasArg && i+1 < len(args):
				i++
				p.val, p.has = args[i], true
			}
			o = append(o, p)
			continue
		}
		for j := 1; j < len(v); j++ {
			d, ok := sp.short[v[j]]
			if !ok {
				d = shOptDef{key: v[j : j+1]}
			}
			p := shOpt{key: d.key}
			if d.hasArg {
				if j+1 < len(v) {
					p.val, p.has = shArg{val: v[j+1:], known: x.known, literal: x.literal, end: x.end}, true
				} else if i+1 < len(args) {
					i++
					p.val, p.has = args[i], true
				}
				o = append(o, p)
				break
			}
			o = append(o, p)
		}
	}
	return o, ops
}

// ---- simple commands ----

var (
	sudoSpec    = newShOptSpec("u,user=", "g,group=", "C,close-from=", "D,chdir=", "p,prompt=", "r,role=", "t,type=", "U,other-user=", "T,command-timeout=", ",host=")
	envSpec     = newShOptSpec("u,unset=", "C,chdir=", "S,split-string=", "i,ignore-environment", "0,null")
	execSpec    = newShOptSpec("a=")
	timeSpec    = newShOptSpec("f,format=", "o,output=")
	niceSpec    = newShOptSpec("n,adjustment=")
	timeoutSpec = newShOptSpec("s,signal=", "k,kill-after=")
	xargsSpec   = newShOptSpec("a,shArg-file=", "d,delimiter=", "E=", "e,eof=", "I,replace=", "i", "L,max-lines=", "l", "n,max-args=", "P,max-procs=", "s,max-chars=", ",process-slot-var=")
)

type shCall struct {
	name       string
	args       []shArg // arguments after the command name
	stdin      shStream
	start, end int
}

func (a *runAnalyzer) call(c *syntax.CallExpr, stdin shStream) shStream {
	for _, as := range c.Assigns {
		if as.Value != nil {
			a.scanWord(as.Value)
		}
		if as.Array != nil {
			a.scanNode(as.Array)
		}
	}
	for _, w := range c.Args {
		a.scanWord(w)
	}
	if len(c.Args) == 0 {
		for _, as := range c.Assigns {
			a.assign(as)
		}
		return shStream{}
	}
	args := a.args(c.Args)
	ctx := shCall{stdin: stdin, start: a.clamp(int(c.Pos().Offset())), end: a.wordEnd(int(c.End().Offset()))}
	for len(args) > 0 {
		if !args[0].known || args[0].val == "" {
			return shStream{}
		}
		name := path.Base(args[0].val)
		a.f.Commands = append(a.f.Commands, name)
		rest := args[1:]
		var o shOpts
		switch name {
		case "sudo":
			o, rest = parseShOpts(rest, sudoSpec, true)
			if o.has("l") || o.has("v") || o.has("k") || o.has("K") || o.has("e") {
				return shStream{}
			}
		case "env":
			o, rest = parseShOpts(rest, envSpec, true)
			if o.has("split-string") {
				return shStream{}
			}
			for len(rest) > 0 && strings.Contains(rest[0].val, "=") {
				rest = rest[1:]
			}
		case "exec":
			_, rest = parseShOpts(rest, execSpec, true)
		case "command":
			o, rest = parseShOpts(rest, newShOptSpec(), true)
			if o.has("v") || o.has("V") {
				return shStream{}
			}
		case "nohup", "busybox":
			if len(rest) > 0 && rest[0].val == "--" {
				rest = rest[1:]
			}
		case "time":
			_, rest = parseShOpts(rest, timeSpec, true)
		case "nice":
			_, rest = parseShOpts(rest, niceSpec, true)
		case "timeout":
			_, rest = parseShOpts(rest, timeoutSpec, true)
			if len(rest) > 0 {
				rest = rest[1:] // duration
			}
		case "xargs":
			_, rest = parseShOpts(rest, xargsSpec, true)
			ctx.stdin = shStream{}
		default:
			ctx.name = name
			ctx.args = rest
			return a.dispatch(&ctx)
		}
		args = rest
	}
	return shStream{}
}

func (a *runAnalyzer) dispatch(c *shCall) shStream {
	switch c.name {
	case "useradd":
		a.useradd(c, "useradd")
	case "adduser":
		a.adduser(c)
	case "groupadd":
		a.groupadd(c)
	case "addgroup":
		a.addgroup(c)
	case "usermod":
		a.usermod(c)
	case "groupmod":
		a.groupmod(c)
	case "gpasswd":
		a.gpasswd(c)
	case "mkdir":
		a.mkdir(c)
	case "install":
		a.installCmd(c)
	case "chown", "chgrp":
		a.chown(c)
	case "chmod":
		a.chmod(c)
	case "apt-get", "apt", "aptitude":
		a.pkg(c, "apt")
	case "apk":
		a.pkg(c, "apk")
	case "dnf", "dnf5":
		a.pkg(c, "dnf")
	case "yum":
		a.pkg(c, "yum")
	case "microdnf":
		a.pkg(c, "microdnf")
	case "zypper":
		a.pkg(c, "zypper")
	case "cd":
		a.cd(c)
	case "pushd", "popd":
		a.cwdKnown = false
	case "unset":
		a.unset(c)
	case "read":
		for _, x := range c.args {
			if x.known && !strings.HasPrefix(x.val, "-") {
				a.setVar(x.val, shVar{state: shVarUnknown})
			}
		}
	case "echo":
		return a.echo(c)
	case "printf":
		return a.printf(c)
	case "cat":
		for _, x := range c.args {
			if x.val != "-" {
				return shStream{}
			}
		}
		return c.stdin
	case "tee":
		return a.tee(c)
	}
	return shStream{}
}

// ---- users and groups ----

var (
	useraddSpec = newShOptSpec("b,base-dir=", "c,comment=", "d,home-dir=", "D,defaults", "e,expiredate=", "f,inactive=",
		"g,gid=", "G,groups=", "h,help", "k,skel=", "K,key=", "l,no-log-init", "m,create-home", "M,no-create-home",
		"N,no-user-group", "o,non-unique", "p,password=", "r,system", "R,root=", "P,prefix=", "s,shell=", "u,uid=",
		"U,user-group", "Z,selinux-user=", ",selinux-range=", "F,add-subids-for-system", ",badname", ",badnames",
		",btrfs-subvolume-home")
	debAdduserSpec = newShOptSpec(",home=", ",shell=", ",uid=", ",gid=", ",ingroup=", ",gecos=", ",comment=", ",conf=",
		",firstuid=", ",lastuid=", ",firstgid=", ",lastgid=", ",stdoutmsglevel=", ",stderrmsglevel=", ",logmsglevel=",
		",key=", ",system", ",group", ",no-create-home", ",disabled-password", ",disabled-login", "q,quiet", ",debug",
		",force-badname", ",allow-bad-names", ",allow-all-names", ",add_extra_groups", ",add-extra-groups",
		",encrypt-home", ",no-copy-skel", ",verbose", ",extrausers")
	bbAdduserSpec = newShOptSpec("h,home=", "g,gecos=", "s,shell=", "G,ingroup=", "D,disabled-password", ",empty-password",
		"S,system", "H,no-create-home", "u,uid=", "k,skel=")
	addgroupSpec = newShOptSpec("g,gid=", "S,system", ",conf=", ",firstgid=", ",lastgid=", ",stdoutmsglevel=",
		",stderrmsglevel=", ",logmsglevel=", "q,quiet", ",debug", ",force-badname", ",allow-bad-names", ",verbose")
	groupaddSpec = newShOptSpec("g,gid=", "r,system", "f,force", "o,non-unique", "K,key=", "p,password=", "R,root=",
		"P,prefix=", "U,users=", "h,help", ",extrausers")
	usermodSpec = newShOptSpec("a,append", "b,badname", "c,comment=", "d,home=", "e,expiredate=", "f,inactive=", "g,gid=",
		"G,groups=", "l,login=", "L,lock", "m,move-home", "o,non-unique", "p,password=", "P,prefix=", "r,remove",
		"R,root=", "s,shell=", "u,uid=", "U,unlock", "v,add-subuids=", "V,del-subuids=", "w,add-subgids=",
		"W,del-subgids=", "Z,selinux-user=", ",selinux-range=")
	groupmodSpec = newShOptSpec("g,gid=", "n,new-name=", "o,non-unique", "p,password=", "R,root=", "P,prefix=", "U,users=", "a,append")
	gpasswdSpec  = newShOptSpec("a,add=", "d,delete=", "M,members=", "A,administrators=", "Q,root=", "r,remove-password", "R,restrict")
)

// numericID returns the value when it is a known non-negative integer.
func numericID(x shArg) string {
	if x.known && allDigits(x.val) {
		return x.val
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// setPrimaryGroup records -g style values: a number is a GID, otherwise a name.
func setPrimaryGroup(x shArg, gid, group *string) (unresolved bool) {
	if !x.known {
		return true
	}
	if allDigits(x.val) {
		*gid = x.val
	} else {
		*group = x.val
	}
	return false
}

func splitCommaList(x shArg) []string {
	var out []string
	for _, g := range strings.Split(x.val, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

func cleanHomeArg(x shArg) (string, bool) {
	if x.known && path.IsAbs(x.val) {
		return path.Clean(x.val), false
	}
	return x.val, !x.known
}

func (a *runAnalyzer) useradd(c *shCall, source string) {
	o, ops := parseShOpts(c.args, useraddSpec, false)
	if o.has("defaults") || o.has("help") || len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	u := User{Name: nameA.val, Source: source, Unresolved: !nameA.known, Start: c.start, End: c.end}
	base := "/home"
	explicitGroup := false
	for _, x := range o {
		switch x.key {
		case "uid":
			u.UID = numericID(x.val)
			if u.UID == "" {
				u.Unresolved = true
			}
		case "gid":
			explicitGroup = true
			u.GID, u.Group = "", ""
			if setPrimaryGroup(x.val, &u.GID, &u.Group) {
				u.Unresolved = true
			}
		case "groups":
			u.Groups = splitCommaList(x.val)
			u.Unresolved = u.Unresolved || !x.val.known
		case "home-dir":
			var unres bool
			u.Home, unres = cleanHomeArg(x.val)
			u.Unresolved = u.Unresolved || unres
		case "base-dir":
			base = x.val.val
			u.Unresolved = u.Unresolved || !x.val.known
		case "create-home":
			u.CreateHome = true
		case "no-create-home":
			u.CreateHome = false
		case "system":
			u.System = true
		case "shell":
			u.Shell = x.val.val
			u.Unresolved = u.Unresolved || !x.val.known
		}
	}
	if u.Home == "" {
		u.Home = path.Join(base, u.Name)
	}
	u.PrivateGroup = !explicitGroup && (!o.has("no-user-group") || o.has("user-group"))
	a.f.Users = append(a.f.Users, u)
}

// adduser handles the Debian (long options), BusyBox (short options) and
// RHEL (adduser is useradd) variants.
func (a *runAnalyzer) adduser(c *shCall) {
	busybox := false
	for _, x := range c.args {
		v := x.val
		if v == "--" {
			break
		}
		if len(v) < 2 || v[0] != '-' || v[1] == '-' {
			continue
		}
		for _, l := range v[1:] {
			if strings.ContainsRune("mMrdNUcloebfpR", l) {
				a.useradd(c, "adduser")
				return
			}
			if strings.ContainsRune("DSHhgsGuk", l) {
				busybox = true
			}
		}
	}
	if busybox {
		a.adduserBusyBox(c)
	} else {
		a.adduserDebian(c)
	}
}

func (a *runAnalyzer) membership(user, group shArg, source string, c *shCall) {
	a.f.Memberships = append(a.f.Memberships, Membership{
		User: user.val, Group: group.val, Source: source,
		Unresolved: !user.known || !group.known, Start: c.start, End: c.end,
	})
}

func (a *runAnalyzer) adduserDebian(c *shCall) {
	o, ops := parseShOpts(c.args, debAdduserSpec, false)
	if len(ops) == 0 {
		return
	}
	system, group := o.has("system"), o.has("group")
	if len(ops) >= 2 && !system && !group {
		a.membership(ops[0], ops[1], "adduser", c)
		return
	}
	nameA := ops[0]
	if group && !system {
		g := Group{Name: nameA.val, Source: "adduser", Unresolved: !nameA.known, Start: c.start, End: c.end}
		if x, ok := o.last("gid"); ok {
			g.GID = numericID(x)
			g.Unresolved = g.Unresolved || g.GID == ""
		}
		a.f.Groups = append(a.f.Groups, g)
		return
	}
	u := User{Name: nameA.val, Source: "adduser", System: system, Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("uid"); ok {
		u.UID = numericID(x)
		u.Unresolved = u.Unresolved || u.UID == ""
	}
	xg, hasGID := o.last("gid")
	xi, hasIn := o.last("ingroup")
	switch {
	case hasIn:
		u.Group = xi.val
		u.Unresolved = u.Unresolved || !xi.known
	case hasGID:
		u.Unresolved = setPrimaryGroup(xg, &u.GID, &u.Group) || u.Unresolved
	case system && group:
		u.PrivateGroup = true
		u.GID = u.UID // created with the same id
	case system:
		u.Group = "nogroup"
	default:
		u.PrivateGroup = true
	}
	xh, hasHome := o.last("home")
	switch {
	case hasHome:
		var unres bool
		u.Home, unres = cleanHomeArg(xh)
		u.Unresolved = u.Unresolved || unres
	case system:
		u.Home = "/nonexistent"
	default:
		u.Home = path.Join("/home", u.Name)
	}
	u.CreateHome = !o.has("no-create-home") && (!system || hasHome)
	if x, ok := o.last("shell"); ok {
		u.Shell = x.val
		u.Unresolved = u.Unresolved || !x.known
	} else if system {
		u.Shell = "/usr/sbin/nologin"
	} else {
		u.Shell = "/bin/bash"
	}
	a.f.Users = append(a.f.Users, u)
}

func (a *runAnalyzer) adduserBusyBox(c *shCall) {
	o, ops := parseShOpts(c.args, bbAdduserSpec, false)
	if len(ops) == 0 {
		return
	}
	if len(o) == 0 && len(ops) >= 2 {
		a.membership(ops[0], ops[1], "adduser", c)
		return
	}
	nameA := ops[0]
	u := User{Name: nameA.val, Source: "adduser", System: o.has("system"), Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("uid"); ok {
		u.UID = numericID(x)
		u.Unresolved = u.Unresolved || u.UID == ""
	}
	if x, ok := o.last("ingroup"); ok {
		u.Unresolved = setPrimaryGroup(x, &u.GID, &u.Group) || u.Unresolved
	} else if u.System {
		u.Group = "nogroup"
	} else {
		u.PrivateGroup = true
		u.GID = u.UID // BusyBox gives the new group the user's id
	}
	if x, ok := o.last("home"); ok {
		var unres bool
		u.Home, unres = cleanHomeArg(x)
		u.Unresolved = u.Unresolved || unres
	} else {
		u.Home = path.Join("/home", u.Name)
	}
	u.CreateHome = !o.has("no-create-home")
	if x, ok := o.last("shell"); ok {
		u.Shell = x.val
		u.Unresolved = u.Unresolved || !x.known
	} else if u.System {
		u.Shell = "/bin/false"
	}
	a.f.Users = append(a.f.Users, u)
}

func (a *runAnalyzer) addgroup(c *shCall) {
	o, ops := parseShOpts(c.args, addgroupSpec, false)
	switch len(ops) {
	case 0:
		return
	case 1:
	default:
		a.membership(ops[0], ops[1], "addgroup", c)
		return
	}
	g := Group{Name: ops[0].val, System: o.has("system"), Source: "addgroup", Unresolved: !ops[0].known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID = numericID(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	a.f.Groups = append(a.f.Groups, g)
}

func (a *runAnalyzer) groupadd(c *shCall) {
	o, ops := parseShOpts(c.args, groupaddSpec, false)
	if len(ops) == 0 || o.has("help") {
		return
	}
	nameA := ops[len(ops)-1]
	g := Group{Name: nameA.val, System: o.has("system"), Source: "groupadd", Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID = numericID(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	if x, ok := o.last("users"); ok {
		g.Members = splitCommaList(x)
		g.Unresolved = g.Unresolved || !x.known
	}
	a.f.Groups = append(a.f.Groups, g)
}

func (a *runAnalyzer) usermod(c *shCall) {
	o, ops := parseShOpts(c.args, usermodSpec, false)
	if len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	m := UserMod{Name: nameA.val, Append: o.has("append"), MoveHome: o.has("move-home"), Unresolved: !nameA.known, Start: c.start, End: c.end}
	for _, x := range o {
		switch x.key {
		case "uid":
			m.UID = numericID(x.val)
			m.Unresolved = m.Unresolved || m.UID == ""
		case "gid":
			m.GID, m.Group = "", ""
			m.Unresolved = setPrimaryGroup(x.val, &m.GID, &m.Group) || m.Unresolved
		case "groups":
			m.Groups = splitCommaList(x.val)
			m.Unresolved = m.Unresolved || !x.val.known
		case "home":
			var unres bool
			m.Home, unres = cleanHomeArg(x.val)
			m.Unresolved = m.Unresolved || unres
		case "shell":
			m.Shell = x.val.val
			m.Unresolved = m.Unresolved || !x.val.known
		case "login":
			m.NewName = x.val.val
			m.Unresolved = m.Unresolved || !x.val.known
		}
	}
	a.f.UserMods = append(a.f.UserMods, m)
	if x, ok := o.last("groups"); ok {
		for _, g := range m.Groups {
			a.f.Memberships = append(a.f.Memberships, Membership{
				User: m.Name, Group: g, Source: "usermod",
				Unresolved: !nameA.known || !x.known, Start: c.start, End: c.end,
			})
		}
	}
}

func (a *runAnalyzer) groupmod(c *shCall) {
	o, ops := parseShOpts(c.args, groupmodSpec, false)
	if len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	g := GroupMod{Name: nameA.val, Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID = numericID(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	if x, ok := o.last("new-name"); ok {
		g.NewName = x.val
		g.Unresolved = g.Unresolved || !x.known
	}
	a.f.GroupMods = append(a.f.GroupMods, g)
}

func (a *runAnalyzer) gpasswd(c *shCall) {
	o, ops := parseShOpts(c.args, gpasswdSpec, false)
	if len(ops) == 0 {
		return
	}
	if x, ok := o.last("add"); ok {
		a.membership(x, ops[len(ops)-1], "gpasswd", c)
	}
}

// accountFile records /etc/passwd and /etc/group entries written to p.
func (a *runAnalyzer) accountFile(p string, content shStream, s, e int) {
	switch p {
	case "/etc/passwd", "/etc/group":
	default:
		return
	}
	known := func(f string) bool { return content.exact || !strings.ContainsAny(f, "$`") }
	for _, line := range strings.Split(content.text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, ":")
		if p == "/etc/passwd" {
			if len(f) < 7 || f[0] == "" {
				continue
			}
			u := User{Name: f[0], Home: f[5], Shell: f[6], Source: "passwd", Start: s, End: e}
			u.UID = numericID(shArg{val: f[2], known: known(f[2])})
			u.GID = numericID(shArg{val: f[3], known: known(f[3])})
			for _, x := range f[:7] {
				if !known(x) {
					u.Unresolved = true
				}
			}
			if path.IsAbs(u.Home) && known(u.Home) {
				u.Home = path.Clean(u.Home)
			}
			a.f.Users = append(a.f.Users, u)
			continue
		}
		if len(f) < 3 || f[0] == "" {
			continue
		}
		g := Group{Name: f[0], Source: "group", Start: s, End: e}
		g.GID = numericID(shArg{val: f[2], known: known(f[2])})
		if len(f) > 3 {
			g.Members = splitCommaList(shArg{val: f[3]})
		}
		for _, x := range f {
			if !known(x) {
				g.Unresolved = true
			}
		}
		a.f.Groups = append(a.f.Groups, g)
	}
}

// ---- files ----

var (
	mkdirSpec   = newShOptSpec("m,mode=", "p,parents", "v,verbose", "Z", ",context")
	installSpec = newShOptSpec("d,directory", "m,mode=", "o,owner=", "g,group=", "D", "t,target-directory=", "S,suffix=",
		"b", ",backup", "c", "C,compare", "p,preserve-timestamps", "s,strip", ",strip-program=", "T,no-target-directory",
		"v,verbose", "Z", ",context", ",preserve-context")
	chownSpec = newShOptSpec("R,recursive", "h,no-dereference", "H", "L", "P", "c,changes", "f,silent", ",quiet",
		"v,verbose", ",dereference", ",from=", ",reference=", ",preserve-root", ",no-preserve-root")
	teeSpec = newShOptSpec("a,append", "i,ignore-interrupts", "p", ",output-error")
	cdSpec  = newShOptSpec("L", "P", "e", "@")
)

func (a *runAnalyzer) mkdir(c *shCall) {
	o, ops := parseShOpts(c.args, mkdirSpec, false)
	if len(ops) == 0 {
		return
	}
	m := Mkdir{Parents: o.has("parents"), Command: "mkdir", Start: c.start, End: c.end}
	m.Paths, m.Unresolved = a.resolvePaths(ops)
	if x, ok := o.last("mode"); ok {
		m.Mode = x.val
		m.Unresolved = m.Unresolved || !x.known
	}
	a.f.Mkdirs = append(a.f.Mkdirs, m)
}

// installCmd records `install -d [-m MODE] [-o OWNER] [-g GROUP] DIR...`.
func (a *runAnalyzer) installCmd(c *shCall) {
	o, ops := parseShOpts(c.args, installSpec, false)
	if !o.has("directory") || len(ops) == 0 {
		return
	}
	paths, unres := a.resolvePaths(ops)
	m := Mkdir{Paths: paths, Parents: true, Command: "install", Unresolved: unres, Start: c.start, End: c.end}
	if x, ok := o.last("mode"); ok {
		m.Mode = x.val
		m.Unresolved = m.Unresolved || !x.known
	}
	a.f.Mkdirs = append(a.f.Mkdirs, m)
	xo, hasO := o.last("owner")
	xg, hasG := o.last("group")
	if hasO || hasG {
		ch := Chown{Paths: paths, Command: "install", Unresolved: unres, Start: c.start, End: c.end}
		if hasO {
			ch.Owner = xo.val
			ch.Unresolved = ch.Unresolved || !xo.known
		}
		if hasG {
			ch.Group = xg.val
			ch.Unresolved = ch.Unresolved || !xg.known
		}
		a.f.Chowns = append(a.f.Chowns, ch)
	}
}

func (a *runAnalyzer) chown(c *shCall) {
	o, ops := parseShOpts(c.args, chownSpec, false)
	if o.has("reference") || len(ops) < 2 {
		return
	}
	ch := Chown{Recursive: o.has("recursive"), Command: c.name, Start: c.start, End: c.end}
	spec := ops[0]
	ch.Unresolved = !spec.known
	if c.name == "chgrp" {
		ch.Group = spec.val
	} else if u, g, ok := strings.Cut(spec.val, ":"); ok {
		ch.Owner, ch.Group = u, g
	} else if u, g, ok := strings.Cut(spec.val, "."); ok && spec.known {
		ch.Owner, ch.Group = u, g
	} else {
		ch.Owner = spec.val
	}
	var unres bool
	ch.Paths, unres = a.resolvePaths(ops[1:])
	ch.Unresolved = ch.Unresolved || unres
	a.f.Chowns = append(a.f.Chowns, ch)
}

// isDashMode reports whether a chmod argument like "-w" or "-rwx" is a mode.
func isDashMode(v string) bool {
	if len(v) < 2 {
		return false
	}
	for i := 1; i < len(v); i++ {
		if !strings.ContainsRune("rwxXstugoa+-=,01234567", rune(v[i])) {
			return false
		}
	}
	return true
}

func (a *runAnalyzer) chmod(c *shCall) {
	ch := Chmod{Start: c.start, End: c.end}
	var paths []shArg
	haveMode, done := false, false
	args := c.args
	for i := 0; i < len(args); i++ {
		x := args[i]
		v := x.val
		switch {
		case done || len(v) < 2 || v[0] != '-':
		case v == "--":
			done = true
			continue
		case strings.HasPrefix(v, "--"):
			name, _, hasVal := strings.Cut(v[2:], "=")
			switch {
			case name == "recursive":
				ch.Recursive = true
			case name == "reference":
				return
			case strings.HasPrefix("reference", name) && len(name) > 2 && !hasVal:
				return
			}
			continue
		case !haveMode && isDashMode(v):
		default:
			if strings.Contains(v, "R") {
				ch.Recursive = true
			}
			continue
		}
		if !haveMode {
			haveMode = true
			ch.Mode = v
			ch.Unresolved = !x.known
			continue
		}
		paths = append(paths, x)
	}
	if !haveMode || len(paths) == 0 {
		return
	}
	var unres bool
	ch.Paths, unres = a.resolvePaths(paths)
	ch.Unresolved = ch.Unresolved || unres
	a.f.Chmods = append(a.f.Chmods, ch)
}

func (a *runAnalyzer) cd(c *shCall) {
	_, ops := parseShOpts(c.args, cdSpec, true)
	var dir shArg
	if len(ops) == 0 {
		h := a.lookup("HOME")
		dir = shArg{val: h.val, known: h.state == shVarSet}
	} else {
		dir = ops[0]
	}
	if !dir.known || dir.val == "" || dir.val == "-" {
		a.cwd, a.cwdKnown = "", false
		return
	}
	if path.IsAbs(dir.val) {
		a.cwd, a.cwdKnown = path.Clean(dir.val), true
		return
	}
	if a.cwdKnown {
		a.cwd = path.Join(a.cwd, dir.val)
		if a.cwd == "." {
			a.cwd = ""
		}
	}
}

func (a *runAnalyzer) unset(c *shCall) {
	for _, x := range c.args {
		if x.known && !strings.HasPrefix(x.val, "-") {
			a.setVar(x.val, shVar{state: shVarUnset})
		}
	}
}

func (a *runAnalyzer) echo(c *shCall) shStream {
	args := c.args
	newline, escapes := true, true
	for len(args) > 0 && len(args[0].val) > 1 && args[0].val[0] == '-' &&
		strings.Trim(args[0].val[1:], "neE") == "" {
		for _, f := range args[0].val[1:] {
			switch f {
			case 'n':
				newline = false
			case 'E':
				escapes = false
			case 'e':
				escapes = true
			}
		}
		args = args[1:]
	}
	out := shStream{ok: true, exact: true}
	var b strings.Builder
	for i, x := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.val)
		out.exact = out.exact && x.known
	}
	text := b.String()
	if escapes {
		var stop bool
		if text, stop = echoEscapes(text, true); stop {
			newline = false
		}
	}
	if newline {
		text += "\n"
	}
	out.text = text
	return out
}

func (a *runAnalyzer) printf(c *shCall) shStream {
	args := c.args
	if len(args) > 0 && args[0].val == "--" {
		args = args[1:]
	}
	if len(args) == 0 || strings.HasPrefix(args[0].val, "-v") {
		return shStream{}
	}
	format := args[0].val
	out := shStream{ok: true, exact: args[0].known}
	rest := args[1:]
	for _, x := range rest {
		out.exact = out.exact && x.known
	}
	var b strings.Builder
	for {
		used, stop := printfOnce(&b, format, &rest)
		if stop || used == 0 || len(rest) == 0 {
			break
		}
	}
	out.text = b.String()
	return out
}

// printfOnce applies format once, consuming arguments from rest.
func printfOnce(b *strings.Builder, format string, rest *[]shArg) (used int, stop bool) {
	next := func() string {
		if len(*rest) == 0 {
			return ""
		}
		v := (*rest)[0].val
		*rest = (*rest)[1:]
		used++
		return v
	}
	for i := 0; i < len(format); i++ {
		ch := format[i]
		switch ch {
		case '\\':
			j := i + 1
			for j < len(format) && j < i+5 && format[j] >= '0' && format[j] <= '7' {
				j++
			}
			if j == i+1 && j < len(format) {
				j++
			}
			s, _ := echoEscapes(format[i:j], false)
			b.WriteString(s)
			i = j - 1
		case '%':
			j := i + 1
			for j < len(format) && strings.IndexByte("-+ #0123456789.", format[j]) >= 0 {
				j++
			}
			if j >= len(format) {
				b.WriteString(format[i:])
				return used, false
			}
			switch format[j] {
			case '%':
				b.WriteByte('%')
			case 'b':
				s, st := echoEscapes(next(), true)
				b.WriteString(s)
				if st {
					return used, true
				}
			case 'c':
				if s := next(); s != "" {
					b.WriteByte(s[0])
				}
			default:
				b.WriteString(next())
			}
			i = j
		default:
			b.WriteByte(ch)
		}
	}
	return used, false
}

func (a *runAnalyzer) tee(c *shCall) shStream {
	_, ops := parseShOpts(c.args, teeSpec, false)
	for _, x := range ops {
		p, _ := a.resolvePath(x.val, x.known)
		if isDevicePath(p) {
			continue
		}
		a.f.Writes = append(a.f.Writes, p)
		if c.stdin.ok {
			a.accountFile(p, c.stdin, c.start, c.end)
		}
	}
	return c.stdin
}

// ---- package managers ----

var (
	aptSpec = newShOptSpec("o,option=", "c,config-file=", "t,target-release=", ",default-release=", "a,host-architecture=",
		"P,build-profiles=", ",solver=", ",planner=")
	apkSpec = newShOptSpec("t,virtual=", "X,repository=", "p,root=", ",keys-dir=", ",repositories-file=", ",arch=",
		",cache-dir=", ",cache-max-age=", ",progress-fd=", ",timeout=", ",wait=", ",from=", "U,update-cache")
	dnfSpec = newShOptSpec("c,config=", ",releasever=", ",installroot=", ",setopt=", ",enablerepo=", ",disablerepo=",
		",repo=", ",repoid=", "x,exclude=", "d,debuglevel=", "e,errorlevel=", ",color=", ",forcearch=", ",downloaddir=",
		",destdir=", ",comment=", ",advisory=", ",advisories=", ",bz=", ",cve=", ",sec-severity=", ",secseverity=",
		",repofrompath=", ",rpmverbosity=", ",disableplugin=", ",enableplugin=", ",exclude=", ",excludepkgs=",
		",includepkgs=", "R,randomwait=", ",platform-id=", ",use-host-config")
	zypperGlobalSpec = newShOptSpec("R,root=", "D,reposd-dir=", "C,cache-dir=", "c,config=", ",raw-cache-dir=",
		",solv-cache-dir=", ",pkg-cache-dir=", ",userdata=", ",installroot=", "s,table-style=", "n,non-interactive",
		"t,terse", "x,xmlout", "q,quiet", "v,verbose", "A,no-abbrev", "i,ignore-unknown")
	zypperCmdSpec = newShOptSpec("t,type=", "r,repo=", ",from=", ",download=", "y,no-confirm", ",no-recommends",
		",recommends", "n,name", "C,capability", "f,force", "l,auto-agree-with-licenses", "D,dry-run", "d,download-only")
)

func (a *runAnalyzer) useManager(m string) {
	for _, x := range a.f.Managers {
		if x == m {
			return
		}
	}
	a.f.Managers = append(a.f.Managers, m)
}

func (a *runAnalyzer) pkg(c *shCall, mgr string) {
	a.useManager(mgr)
	var o shOpts
	var ops []shArg
	switch mgr {
	case "apt":
		o, ops = parseShOpts(c.args, aptSpec, false)
	case "apk":
		o, ops = parseShOpts(c.args, apkSpec, false)
	case "zypper":
		o, ops = zypperArgs(c.args)
	default:
		o, ops = parseShOpts(c.args, dnfSpec, false)
	}
	if len(ops) == 0 || !ops[0].known {
		return
	}
	verb := ops[0].val
	install := false
	switch mgr {
	case "apt":
		install = verb == "install" || verb == "reinstall"
	case "apk":
		install = verb == "add"
	case "zypper":
		install = verb == "install" || verb == "in"
	default:
		install = verb == "install" || verb == "localinstall" || verb == "reinstall"
	}
	if !install {
		return
	}
	pi := PackageInstall{Manager: mgr, InsertAt: -1, Start: c.start, End: c.end}
	anyLiteral := false
	for _, x := range ops[1:] {
		pi.Packages = append(pi.Packages, x.val)
		pi.Unresolved = pi.Unresolved || !x.known
		anyLiteral = anyLiteral || x.literal
	}
	if anyLiteral {
		pi.InsertAt = a.clamp(ops[len(ops)-1].end)
	}
	for _, x := range o {
		v := strings.ToLower(x.val.val)
		switch x.key {
		case "no-install-recommends", "no-recommends":
			pi.NoInstallRecommends = true
		case "option":
			if k, val, ok := strings.Cut(v, "="); ok && k == "apt::install-recommends" && isFalseSetting(val) {
				pi.NoInstallRecommends = true
			}
		case "setopt":
			if k, val, ok := strings.Cut(v, "="); ok && k == "install_weak_deps" && isFalseSetting(val) {
				pi.NoInstallRecommends = true
			}
		case "virtual":
			pi.Virtual = x.val.val
		}
	}
	a.f.Installs = append(a.f.Installs, pi)
}

// zypperArgs parses global options before the verb and command options after it.
func zypperArgs(args []shArg) (shOpts, []shArg) {
	o, ops := parseShOpts(args, zypperGlobalSpec, true)
	if len(ops) == 0 {
		return o, nil
	}
	o2, rest := parseShOpts(ops[1:], zypperCmdSpec, false)
	return append(o, o2...), append([]shArg{ops[0]}, rest...)
}

func isFalseSetting(v string) bool {
	switch strings.Trim(v, `"'`) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}
