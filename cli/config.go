package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// ConfigName is the file unroot looks for, walking up from each Dockerfile
// to the repository root.
const ConfigName = ".unroot.yaml"

// configFile is one .unroot.yaml: settings for every file under its
// directory, globs of files to leave out, and overrides for some files.
type configFile struct {
	path string // as found, for messages
	dir  string // absolute: globs match paths relative to it
	base settings
	// exclude are globs of files a walk leaves out.
	exclude   []string
	overrides []override
}

// override is one entry of `overrides:` settings for the files its globs
// match; later entries win over earlier ones.
type override struct {
	files []string
	settings
	line int
}

// settings are a config layer's values; nil means not set here. They mirror
// the command-line flags of the same names.
type settings struct {
	uid, gid, passwd, target *string
	only, skip, dirs         *[]string
	umask, buildkit, strict  *bool
}

// settingKeys are the keys a config layer may set (overrides: all but
// exclude and overrides).
var settingKeys = []string{"uid", "gid", "only", "skip", "passwd", "umask", "dirs", "buildkit", "target", "strict"}

// configError is a mistake in a config file, located by line and key.
type configError struct {
	path string
	line int
	key  string
	msg  string
}

func (e *configError) Error() string {
	if e.key == "" {
		return fmt.Sprintf("%s:%d: %s", e.path, e.line, e.msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.path, e.line, e.key, e.msg)
}

// loadConfig reads and checks a config file.
func loadConfig(path string) (*configFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, describe(err))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cf := &configFile{path: path, dir: filepath.Dir(abs)}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return cf, nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &configError{path: path, line: root.Line, msg: "want a mapping of keys (uid:, only:, overrides: ...)"}
	}
	err = eachKey(path, root, append(slices.Clone(settingKeys), "exclude", "overrides"), func(key string, k, v *yaml.Node) error {
		switch key {
		case "exclude":
			globs, err := globList(path, key, v)
			cf.exclude = globs
			return err
		case "overrides":
			return cf.readOverrides(v)
		}
		return cf.base.set(path, key, v)
	})
	if err != nil {
		return nil, err
	}
	return cf, nil
}

// eachKey calls fn for each key of a mapping, refusing keys not in known
// and keys given twice.
func eachKey(path string, m *yaml.Node, known []string, fn func(key string, k, v *yaml.Node) error) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !slices.Contains(known, k.Value) {
			return &configError{path: path, line: k.Line, key: k.Value, msg: "unknown key (known: " + strings.Join(known, ", ") + ")"}
		}
		if seen[k.Value] {
			return &configError{path: path, line: k.Line, key: k.Value, msg: "given twice"}
		}
		seen[k.Value] = true
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func (cf *configFile) readOverrides(v *yaml.Node) error {
	if v.Kind != yaml.SequenceNode {
		return &configError{path: cf.path, line: v.Line, key: "overrides", msg: "want a list of {files: [globs], settings...}"}
	}
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			return &configError{path: cf.path, line: item.Line, key: "overrides", msg: "want an entry with files: and settings"}
		}
		o := override{line: item.Line}
		err := eachKey(cf.path, item, append(slices.Clone(settingKeys), "files"), func(key string, k, v *yaml.Node) error {
			if key == "files" {
				globs, err := globList(cf.path, key, v)
				o.files = globs
				return err
			}
			return o.settings.set(cf.path, key, v)
		})
		if err != nil {
			return err
		}
		if len(o.files) == 0 {
			return &configError{path: cf.path, line: item.Line, key: "overrides", msg: "an entry without files: applies to nothing"}
		}
		cf.overrides = append(cf.overrides, o)
	}
	return nil
}

// set stores one key's value, checked as the flag of the same name is.
func (s *settings) set(path, key string, v *yaml.Node) error {
	bad := func(msg string) error { return &configError{path: path, line: v.Line, key: key, msg: msg} }
	switch key {
	case "uid", "gid":
		if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!str") {
			return bad("want a number")
		}
		id, err := checkID("", v.Value)
		if err != nil {
			return bad(err.Error())
		}
		if key == "uid" {
			if strings.Trim(id, "0") == "" {
				return bad("0 is root: choose a non-zero UID")
			}
			s.uid = &id
		} else {
			s.gid = &id
		}
	case "passwd", "target":
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" || v.Value == "" {
			return bad("want a string")
		}
		val := v.Value
		if key == "passwd" {
			if err := checkPasswd(val); err != nil {
				return bad(err.Error())
			}
			s.passwd = &val
		} else {
			s.target = &val
		}
	case "umask", "buildkit", "strict":
		var b bool
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
			return bad("want true or false")
		}
		switch key {
		case "umask":
			s.umask = &b
		case "buildkit":
			s.buildkit = &b
		default:
			s.strict = &b
		}
	case "only", "skip", "dirs":
		list, err := stringList(path, key, v)
		if err != nil {
			return err
		}
		if key == "dirs" {
			s.dirs = &list
			break
		}
		for _, id := range list {
			if err := checkRuleList([]string{id}); err != nil {
				return bad(err.Error())
			}
		}
		if key == "only" {
			s.only = &list
		} else {
			s.skip = &list
		}
	}
	return nil
}

// stringList reads a list of strings, or one string.
func stringList(path, key string, v *yaml.Node) ([]string, error) {
	bad := &configError{path: path, line: v.Line, key: key, msg: "want a list of strings"}
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, bad
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.ShortTag() == "!!null" {
			bad.line = item.Line
			return nil, bad
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// globList reads a list of double-star globs.
func globList(path, key string, v *yaml.Node) ([]string, error) {
	globs, err := stringList(path, key, v)
	if err != nil {
		return nil, err
	}
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return nil, &configError{path: path, line: v.Line, key: key, msg: fmt.Sprintf("bad glob %q", g)}
		}
	}
	return globs, nil
}

// rel is path relative to the config's directory, with slashes, for globs;
// ok is false for a path outside it.
func (cf *configFile) rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(cf.dir, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if doublestar.MatchUnvalidated(g, rel) {
			return true
		}
	}
	return false
}

// excludes reports whether the config leaves path out of a walk.
func (cf *configFile) excludes(path string) bool {
	rel, ok := cf.rel(path)
	return ok && matchAny(cf.exclude, rel)
}

// layers are the settings that apply to path, weakest first.
func (cf *configFile) layers(path string) []*settings {
	out := []*settings{&cf.base}
	rel, ok := cf.rel(path)
	if !ok {
		return out
	}
	for i := range cf.overrides {
		if matchAny(cf.overrides[i].files, rel) {
			out = append(out, &cf.overrides[i].settings)
		}
	}
	return out
}

// findConfig walks up from dir to the first directory holding ConfigName,
// stopping after a directory that holds .git (the repository's root).
// found caches the answer per directory.
func findConfig(dir string, found map[string]string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var visited []string
	result := ""
	for d := abs; ; {
		if r, ok := found[d]; ok {
			result = r
			break
		}
		visited = append(visited, d)
		p := filepath.Join(d, ConfigName)
		if _, err := os.Stat(p); err == nil {
			result = p
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: %v", p, describe(err))
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, d := range visited {
		found[d] = result
	}
	return result, nil
}

// yamlError locates a YAML syntax error as "path:line: message" like the
// others (the library says "yaml: line 3: message").
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok && isNumeric(n) {
			return fmt.Errorf("%s:%s: %s", path, n, text)
		}
	}
	return fmt.Errorf("%s: %s", path, msg)
}
