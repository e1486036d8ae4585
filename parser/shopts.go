package parser

import (
	"strings"
	"sync"
)

// Option parsing: GNU/BSD-style options of the commands the RUN analyzer
// reads, declared per command as specs.

type shOptDef struct {
	key    string
	hasArg bool
}

type shOptSpec struct {
	entries []string
	once    sync.Once
	short   map[byte]shOptDef
	long    map[string]shOptDef
}

// newShOptSpec declares an option table from entries "s,long" (long
// optional, short may be empty); a trailing "=" marks an option taking an
// argument. The table is built when a script first uses the command: the
// package declares about thirty, and building them all at start-up was a
// tenth of a one-file run's own work.
func newShOptSpec(entries ...string) *shOptSpec {
	return &shOptSpec{entries: entries}
}

// tables returns the spec's option tables, built on first use.
func (sp *shOptSpec) tables() (map[byte]shOptDef, map[string]shOptDef) {
	sp.once.Do(sp.build)
	return sp.short, sp.long
}

func (sp *shOptSpec) build() {
	sp.short, sp.long = map[byte]shOptDef{}, map[string]shOptDef{}
	for _, e := range sp.entries {
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
}

// lookupLong finds a long option by name or unique prefix, as getopt_long does.
func (sp *shOptSpec) lookupLong(name string) (shOptDef, bool) {
	_, longs := sp.tables()
	if d, ok := longs[name]; ok {
		return d, true
	}
	if name == "" {
		return shOptDef{}, false
	}
	var found shOptDef
	n := 0
	for l, d := range longs {
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
	shorts, _ := sp.tables()
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
				p.val, p.has = shArg{val: val, known: x.known, literal: x.literal, start: x.start, end: x.end}, true
			case d.hasArg && i+1 < len(args):
				i++
				p.val, p.has = args[i], true
			}
			o = append(o, p)
			continue
		}
		for j := 1; j < len(v); j++ {
			d, ok := shorts[v[j]]
			if !ok {
				d = shOptDef{key: v[j : j+1]}
			}
			p := shOpt{key: d.key}
			if d.hasArg {
				if j+1 < len(v) {
					p.val, p.has = shArg{val: v[j+1:], known: x.known, literal: x.literal, start: x.start, end: x.end}, true
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
