package parser

import (
	"fmt"
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
	Copies   []FileCopy       // cp invocations (what they copy where)
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

	Finds   []Find        // finds that run chmod, chgrp or chown on what they find
	Removes []Remove      // rm invocations
	Paths   []PathMention // absolute paths named anywhere in the script's words
	// HomeConfig is set when the script writes configuration into HOME
	// (git config --global, npm/pip config set, a write to ~/ or $HOME/).
	HomeConfig bool
	// AptLists are the points where apt's package lists come or go.
	AptLists []AptListsChange
	// ComputedRemoves are the offsets of package removals whose package
	// list is computed by a command substitution.
	ComputedRemoves []int
	// ErrExit is set when the script ends with `set -e` in force: a
	// command added at its end on a line of its own then runs only when
	// everything before it succeeded, and its failure fails the RUN.
	ErrExit bool
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
	a.f.Paths = a.pathMentions(f)
	markUnconditional(f, a.f.Installs)
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
