package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/unroot/unroot/transform"
)

// configState is what the command knows of config files during one run:
// the files read, where each directory's file is, the settings each
// Dockerfile gets and the errors met. It is filled while the paths are
// collected (one goroutine), before any file is processed, and only read
// afterwards.
type configState struct {
	configPath string // --config
	noConfig   bool   // --no-config
	flags      *pflag.FlagSet

	loaded   map[string]*configFile // by --config's path or the absolute path found
	dirs     map[string]string      // directory -> its config's path ("" for none)
	perFile  map[string]*fileSettings
	errs     []error
	reported map[string]bool // config paths whose error is in errs
	excluded int             // files a walk left out by exclude:
}

// fileSettings are one Dockerfile's options once its config and the flags
// are combined.
type fileSettings struct {
	opts   transform.Options
	strict bool
	config string // the config file's path, for messages
}

// prepare finds and applies the config for a file about to be processed
// (name as processBytes will see it; dir is where to look from). It
// reports whether a walk should leave the file out: excluded by its config,
// or its config is broken (the run stops before writing anything).
func (c *config) prepare(name, dir string, walked bool) (skip bool) {
	cs := &c.cfg
	if cs.noConfig || cs.flags == nil {
		return false
	}
	cf, err := c.configFor(dir)
	if err != nil {
		if !cs.reported[err.Error()] {
			cs.reported = mapSet(cs.reported, err.Error())
			cs.errs = append(cs.errs, err)
		}
		return true
	}
	if cf == nil {
		return false
	}
	if walked && cf.excludes(name) {
		cs.excluded++
		return true
	}
	fs, err := c.resolve(cf, name)
	if err != nil {
		if !cs.reported[err.Error()] {
			cs.reported = mapSet(cs.reported, err.Error())
			cs.errs = append(cs.errs, err)
		}
		return true
	}
	if cs.perFile == nil {
		cs.perFile = map[string]*fileSettings{}
	}
	cs.perFile[name] = fs
	return false
}

func mapSet(m map[string]bool, k string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[k] = true
	return m
}

// configFor returns the config that applies under dir: --config's, or the
// nearest .unroot.yaml up to the repository root, or nil.
func (c *config) configFor(dir string) (*configFile, error) {
	cs := &c.cfg
	path, found := cs.configPath, ""
	if path == "" {
		if cs.dirs == nil {
			cs.dirs = map[string]string{}
		}
		// The directory as walked is a key too: files of one directory
		// then cost one map lookup, not filepath.Abs's getcwd each.
		var ok bool
		found, ok = cs.dirs["walked:"+dir]
		if !ok {
			var err error
			if found, err = findConfig(dir, cs.dirs); err != nil {
				return nil, err
			}
			cs.dirs["walked:"+dir] = found
		}
		if found == "" {
			return nil, nil
		}
		path = found
	}
	if cf, ok := cs.loaded[path]; ok {
		return cf, nil
	}
	shown := path
	if path == found {
		shown = displayPath(found)
	}
	cf, err := loadConfig(shown)
	if err != nil {
		return nil, err
	}
	if cs.loaded == nil {
		cs.loaded = map[string]*configFile{}
	}
	cs.loaded[path] = cf
	return cf, nil
}

// displayPath is an absolute path made relative to the working directory
// when it lies under it, for messages.
func displayPath(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return rel
}

// resolve combines the flags with a config's layers for one file: a flag
// given on the command line wins over the file.
func (c *config) resolve(cf *configFile, name string) (*fileSettings, error) {
	given := c.cfg.flags.Changed
	uid, gid, passwd, target := c.uid, c.gid, c.passwd, c.target
	only, skip, dirs := c.only, c.skip, c.dirs
	umask, buildkit, strict := c.umask && !c.noUmask, c.buildkit, c.strict
	uidSet, passwdSet := given("uid"), given("passwd")
	for _, l := range cf.layers(name) {
		if l.uid != nil && !given("uid") {
			uid, uidSet = *l.uid, true
		}
		if l.gid != nil && !given("gid") {
			gid = *l.gid
		}
		if l.passwd != nil && !given("passwd") {
			passwd, passwdSet = *l.passwd, true
		}
		if l.target != nil && !given("target") {
			target = *l.target
		}
		if l.only != nil && !given("only") {
			only = *l.only
		}
		if l.skip != nil && !given("skip") {
			skip = *l.skip
		}
		if l.dirs != nil && !given("dir") {
			dirs = *l.dirs
		}
		if l.umask != nil && !given("umask") && !given("no-umask") {
			umask = *l.umask
		}
		if l.buildkit != nil && !given("buildkit") {
			buildkit = *l.buildkit
		}
		if l.strict != nil && !given("strict") {
			strict = *l.strict
		}
	}
	for _, o := range only {
		if slices.ContainsFunc(skip, func(s string) bool { return sameRule(o, s) }) {
			return nil, fmt.Errorf("%s: %s is in both only and skip for %s: say which", cf.path, o, name)
		}
	}
	opts := c.opts // keeps what no config sets (--engine-inspect)
	opts.UID, opts.UIDSet, opts.GID, opts.Target = uid, uidSet, gid, target
	opts.Only, opts.Skip, opts.Dirs, opts.BuildKit = only, skip, dirs, buildkit
	opts.Passwd, opts.NoUmask = "", !umask
	if passwdSet {
		opts.Passwd = passwd
	}
	return &fileSettings{opts: opts, strict: strict, config: cf.path}, nil
}

func sameRule(a, b string) bool {
	ra, ok1 := transform.LookupRule(a)
	rb, ok2 := transform.LookupRule(b)
	return ok1 && ok2 && ra.ID == rb.ID
}

// settingsFor returns the options and --strict for a file (by the name
// processBytes sees).
func (c *config) settingsFor(name string) (transform.Options, bool) {
	if fs := c.cfg.perFile[name]; fs != nil {
		return fs.opts, fs.strict
	}
	return c.opts, c.strict
}

// checkConfigFlags refuses --config with --no-config and checks that the
// file named exists.
func (c *config) checkConfigFlags() error {
	if c.cfg.configPath != "" && c.cfg.noConfig {
		return fmt.Errorf("--config and --no-config: use one")
	}
	if c.cfg.configPath != "" {
		if _, err := os.Stat(c.cfg.configPath); err != nil {
			return fmt.Errorf("--config %s: %v", c.cfg.configPath, describe(err))
		}
	}
	return nil
}

// checkID checks a UID or GID as the flags are checked.
func checkID(flag, val string) (string, error) {
	prefix := ""
	if flag != "" {
		prefix = flag + " "
	}
	if !isNumeric(val) {
		return "", fmt.Errorf("%smust be a number, not %q", prefix, val)
	}
	if _, err := strconv.ParseUint(val, 10, 32); err != nil {
		return "", fmt.Errorf("%s%s is out of range: IDs go up to 4294967295", prefix, val)
	}
	return val, nil
}

func checkPasswd(v string) error {
	if !slices.Contains(transform.PasswdStrategies, v) {
		return fmt.Errorf("must be one of %s, not %q", strings.Join(transform.PasswdStrategies, ", "), v)
	}
	return nil
}

func checkRuleList(list []string) error { return transform.ValidateRuleList(list) }
