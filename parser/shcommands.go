package parser

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Simple commands: the RUN analyzer's dispatch of each command to the
// reader of its family, past wrappers such as sudo, env and exec.

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
	nameEnd    int // offset just after the command name
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
			ctx.nameEnd = args[0].end
			ctx.args = rest
			return a.dispatch(&ctx)
		}
		args = rest
	}
	return shStream{}
}

func (a *runAnalyzer) dispatch(c *shCall) shStream {
	a.homeConfig(c)
	switch c.name {
	case "apt-get", "apt", "dpkg", "apk", "dnf", "yum", "microdnf", "zypper":
		a.packageRemove(c)
	}
	switch c.name {
	case "find":
		a.find(c)
	case "rm":
		a.rm(c)
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
	case "cp":
		a.cp(c)
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
	case "set":
		a.setOptions(c)
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
