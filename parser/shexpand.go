package parser

import (
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Word expansion: how the RUN analyzer turns shell words into values with the
// build variables and the script's own assignments (quoting, parameters,
// patterns, tilde), keeping what it cannot know as written.

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
	start   int // byte offset of the start of the word it came from
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

// raw returns an argument as written in the script: for an option joined
// to its value (`--uid=$X`, `-u$X`), the value's part only when it follows
// "=", else the whole word.
func (a *runAnalyzer) raw(x shArg) string {
	w := a.src[a.clamp(x.start):a.clamp(x.end)]
	if strings.HasPrefix(w, "-") {
		if _, v, ok := strings.Cut(w, "="); ok {
			return v
		}
	}
	return w
}

// args expands command words, applying field splitting to unquoted expansions.
func (a *runAnalyzer) args(words []*syntax.Word) []shArg {
	out := make([]shArg, 0, len(words))
	for _, w := range words {
		if w == nil || len(w.Parts) == 0 {
			continue
		}
		e := a.expandWord(w, shModeUnquoted)
		start, end := a.clamp(int(w.Pos().Offset())), a.wordEnd(int(w.End().Offset()))
		if e.known && e.split {
			for _, f := range strings.Fields(e.val) {
				out = append(out, shArg{val: f, known: true, start: start, end: end})
			}
			continue
		}
		out = append(out, shArg{val: e.val, known: e.known, literal: e.literal, start: start, end: end})
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
