package parser

import (
	"path"
	"strings"
)

// Files: what mkdir, install -d, chown, chgrp, chmod, cd and the commands
// that write files (echo, printf, tee) do.

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

// FileCopy is one cp invocation: Sources copied to Dest. Into is true when
// Dest is a directory the sources land in (several sources, a trailing
// slash, -t), false when it may name the copy itself.
type FileCopy struct {
	Sources    []string // shExpanded, cleaned absolute paths when resolvable
	Dest       string
	Into       bool
	Unresolved bool // a path could not be shExpanded
	Start, End int
}

var (
	cpSpec = newShOptSpec("a,archive", "f,force", "i,interactive", "n,no-clobber", "p", ",preserve=", ",no-preserve=",
		"r,recursive", "R", "L,dereference", "P,no-dereference", "H", "d", "l,link", "s,symbolic-link", "u,update",
		"v,verbose", "x,one-file-system", "t,target-directory=", "T,no-target-directory", "b", ",backup=",
		"S,suffix=", ",parents", ",remove-destination", ",sparse=", ",reflink=", ",attributes-only", ",strip-trailing-slashes")
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
// cp records what a cp copies where.
func (a *runAnalyzer) cp(c *shCall) {
	o, ops := parseShOpts(c.args, cpSpec, false)
	fc := FileCopy{Start: c.start, End: c.end}
	var dest shArg
	if t, ok := o.last("target-directory"); ok {
		dest, fc.Into = t, true
	} else if len(ops) >= 2 {
		dest, ops = ops[len(ops)-1], ops[:len(ops)-1]
		fc.Into = len(ops) > 1 || strings.HasSuffix(dest.val, "/")
	} else {
		return
	}
	if len(ops) == 0 || o.has("parents") || o.has("link") || o.has("symbolic-link") {
		return // --parents, links: not a plain copy
	}
	fc.Sources, fc.Unresolved = a.resolvePaths(ops)
	d, unres := a.resolvePath(dest.val, dest.known)
	fc.Dest, fc.Unresolved = d, fc.Unresolved || unres
	a.f.Copies = append(a.f.Copies, fc)
}

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

// GrantsGroupWrite reports whether a chmod mode leaves the group able to
// write (and, for a directory, enter): octal with the group's w bit, or
// symbolic g+w, g=rwx, g=u (the owner can write what it owns), a+w, +w...
func GrantsGroupWrite(mode string) bool {
	if mode == "" {
		return false
	}
	if isOctalMode(mode) {
		if len(mode) < 2 {
			return false
		}
		g := mode[len(mode)-2]
		return g >= '0' && g <= '7' && (g-'0')&2 != 0
	}
	ok := false
	for _, clause := range strings.Split(mode, ",") {
		i := 0
		for i < len(clause) && strings.ContainsRune("ugoa", rune(clause[i])) {
			i++
		}
		who := clause[:i]
		// Without u/g/o/a, chmod leaves out the bits of the umask, and
		// RUN's umask is 022: `chmod +w` gives the group nothing.
		forGroup := strings.ContainsAny(who, "ga")
		rest := clause[i:]
		for len(rest) > 0 {
			op := rest[0]
			if op != '+' && op != '-' && op != '=' {
				break
			}
			j := 1
			for j < len(rest) && !strings.ContainsRune("+-=", rune(rest[j])) {
				j++
			}
			perms := rest[1:j]
			rest = rest[j:]
			if !forGroup {
				continue
			}
			switch op {
			case '+':
				if strings.Contains(perms, "w") {
					ok = true
				}
			case '=':
				ok = strings.Contains(perms, "w") || perms == "u"
			case '-':
				if strings.Contains(perms, "w") {
					ok = false
				}
			}
		}
	}
	return ok
}

func isOctalMode(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '7' {
			return false
		}
	}
	return true
}
