package transform

import (
	"fmt"
	"path"
	"strings"

	"github.com/unroot/unroot/parser"
)

// Wrapping CMD (UR004, UR005). When the final stage sets no ENTRYPOINT and
// the base image's is not known, a new ENTRYPOINT could replace the one the
// base image sets (node's docker-entrypoint.sh). When the file sets CMD, and
// that CMD is a command, unroot leaves ENTRYPOINT alone and runs the command
// under tini and the start-up script from CMD instead:
//
//	CMD ["tini", "-s", "-g", "--", "/usr/local/bin/unroot-entrypoint", <the CMD>...]
//
// If the base image sets no ENTRYPOINT this is what a new ENTRYPOINT would
// do. If it sets an entrypoint script that ends with `exec "$@"` (the
// convention of the official images' docker-entrypoint.sh), the script runs
// first and then replaces itself with tini, which is PID 1 from then on; if
// the script runs its arguments without exec, tini runs as its child, and -s
// makes it a subreaper so that it still reaps the orphans below it. The
// assumption is that the base image runs its CMD as a command: the findings
// say so, and `--engine-inspect` makes it exact.

// tiniCmdOptions are tini's options when it runs from CMD, after a base
// ENTRYPOINT that may not exec it.
var tiniCmdOptions = []string{"-s", "-g", "--"}

// cmdWrapAssumption is what the findings of a wrapped CMD say they assume.
const cmdWrapAssumption = "this assumes that the base image runs CMD as a command if it sets an ENTRYPOINT " +
	"(an entrypoint script ending in `exec \"$@\"`); --engine-inspect with the image pulled reads what it sets"

// cmdWrapSubreaper is added when tini is part of the wrapped CMD.
const cmdWrapSubreaper = "; -s keeps tini reaping orphans if that ENTRYPOINT runs it as a child instead"

// wellKnownPrograms are commands that a CMD starts with and that are not an
// argument of an ENTRYPOINT: shells, interpreters, language tools and
// servers. A CMD that starts with one of them runs it.
var wellKnownPrograms = map[string]bool{
	"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "fish": true,
	"node": true, "nodejs": true, "npm": true, "npx": true, "yarn": true, "pnpm": true, "bun": true, "deno": true,
	"pm2": true, "pm2-runtime": true, "nodemon": true, "ts-node": true, "tsx": true,
	"python": true, "python2": true, "python3": true, "pypy": true, "pypy3": true, "pip": true, "poetry": true, "uv": true, "pipenv": true,
	"gunicorn": true, "uvicorn": true, "hypercorn": true, "daphne": true, "uwsgi": true, "celery": true, "flask": true,
	"streamlit": true, "jupyter": true, "jupyter-lab": true, "jupyterhub": true, "fastapi": true, "waitress-serve": true,
	"java": true, "mvn": true, "gradle": true, "sbt": true, "lein": true, "clojure": true, "kotlin": true,
	"ruby": true, "bundle": true, "bundler": true, "rails": true, "rake": true, "puma": true, "rackup": true, "unicorn": true, "sidekiq": true,
	"php": true, "php-fpm": true, "composer": true, "perl": true, "plackup": true, "hypnotoad": true,
	"go": true, "cargo": true, "rustc": true, "dotnet": true, "mono": true, "swift": true, "elixir": true, "mix": true, "iex": true, "erl": true,
	"Rscript": true, "R": true, "julia": true, "lua": true, "luajit": true, "make": true,
	"nginx": true, "httpd": true, "apache2": true, "apache2ctl": true, "apachectl": true, "httpd-foreground": true, "apache2-foreground": true,
	"caddy": true, "haproxy": true, "envoy": true, "traefik": true, "lighttpd": true, "varnishd": true,
	"redis-server": true, "mongod": true, "postgres": true, "mysqld": true, "mariadbd": true, "memcached": true,
	"hugo": true, "jekyll": true, "mkdocs": true, "sphinx-build": true,
	"sleep": true, "tail": true, "cat": true, "echo": true, "true": true, "env": true, "cron": true, "crond": true,
	"supervisord": true, "runsvdir": true,
}

// cmdIsCommand reports whether the value of CMD runs a command by itself,
// and, when it does not or may not, why. A shell-form CMD always does (it
// runs /bin/sh -c); an exec-form CMD does when its first word is a
// well-known program, a script by name (catalina.sh), a program the file
// puts in the image, or a path to an executable (/ or ./, no extension,
// or .sh). One that starts with "-" is
// an argument list for the base image's ENTRYPOINT.
func cmdIsCommand(doc *parser.Document, st *parser.Stage, v cmdValue) (bool, string) {
	if v.shellForm() {
		return true, ""
	}
	if len(v.Args) == 0 {
		return false, "CMD is empty"
	}
	first := v.Args[0]
	what := describeArgs(doc, v, "cmd")
	switch base := path.Base(first); {
	case strings.HasPrefix(first, "-"):
		return false, fmt.Sprintf("%s starts with an option, so it is arguments for that ENTRYPOINT", what)
	case strings.ContainsAny(first, "$"):
		return false, fmt.Sprintf("%s starts with a variable, so it may be arguments for that ENTRYPOINT", what)
	case strings.HasPrefix(first, "/"), strings.HasPrefix(first, "./"):
		if ext := path.Ext(base); ext == "" || ext == ".sh" || isVersionSuffix(ext) {
			return true, ""
		}
		return false, fmt.Sprintf("%s starts with a file that may be an argument for that ENTRYPOINT (java -jar, python)", what)
	case wellKnownPrograms[base] || isVersionedProgram(base), strings.HasSuffix(first, ".sh") && !strings.Contains(first, "/"):
		// A script by name (catalina.sh) is a command on the PATH.
		return true, ""
	case providedByFile(st, base):
		return true, ""
	}
	return false, fmt.Sprintf("%s does not start with a command unroot knows, so it may be arguments for that ENTRYPOINT", what)
}

// isVersionSuffix reports whether ext is the ".12" of python3.12.
func isVersionSuffix(ext string) bool {
	return len(ext) > 1 && strings.Trim(ext[1:], "0123456789") == ""
}

// isVersionedProgram matches python3.12, php8.2, ruby3.3.
func isVersionedProgram(base string) bool {
	name := strings.TrimRight(base, "0123456789.")
	return name != base && (name == "python" || name == "php" || name == "ruby" || name == "perl" || name == "pypy" || name == "node")
}

// providedByFile reports whether the file puts a program of that name in
// the image: a COPY or ADD to it, or a package of that name installed.
func providedByFile(st *parser.Stage, name string) bool {
	for _, s := range st.Chain() {
		for _, ins := range s.Instructions {
			switch ins.Keyword {
			case "copy", "add":
				if len(ins.Args) < 2 || ins.JSON {
					continue
				}
				dest := ins.Args[len(ins.Args)-1]
				if strings.HasSuffix(dest, "/") || dest == "." {
					for _, src := range ins.Args[:len(ins.Args)-1] {
						if path.Base(src) == name {
							return true
						}
					}
					continue
				}
				if path.Base(dest) == name {
					return true
				}
			case "run":
				if ins.Run == nil {
					continue
				}
				if _, ok := ins.Run.InstalledPackage(func(p string) bool { return p == name }); ok {
					return true
				}
			}
		}
	}
	return false
}
