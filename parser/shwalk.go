package parser

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Statement walking: how the RUN analyzer follows a script's statements,
// pipelines, redirections and here-documents, and the streams that flow
// between commands.
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
		if namesHome(a.source(r.Word)) {
			a.f.HomeConfig = true
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
