package parser

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func envOf(kv ...string) EnvLookup {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

// normalized drops the byte offsets so that expectations stay readable;
// offsets are checked by the dedicated tests below.
func normalized(f *RunFacts) RunFacts {
	n := *f
	n.End = 0
	n.Commands = nil
	// The path facts have tests of their own (runpaths_test.go).
	n.Finds, n.Removes, n.Paths, n.HomeConfig, n.AptLists, n.ComputedRemoves, n.ErrExit = nil, nil, nil, false, nil, nil, false
	n.Copies = nil // runcopies_test.go
	n.Users = append([]User(nil), f.Users...)
	for i := range n.Users {
		n.Users[i].Start, n.Users[i].End = 0, 0
		// The words as written have a test of their own.
		n.Users[i].NameWord, n.Users[i].UIDWord, n.Users[i].HomeWord = "", "", ""
		n.Users[i].IDOption, n.Users[i].CmdEnd = "", 0
	}
	n.Groups = append([]Group(nil), f.Groups...)
	for i := range n.Groups {
		n.Groups[i].Start, n.Groups[i].End = 0, 0
		n.Groups[i].GIDWord, n.Groups[i].IDOption, n.Groups[i].CmdEnd = "", "", 0
	}
	n.Mkdirs = append([]Mkdir(nil), f.Mkdirs...)
	for i := range n.Mkdirs {
		n.Mkdirs[i].Start, n.Mkdirs[i].End = 0, 0
	}
	n.Chowns = append([]Chown(nil), f.Chowns...)
	for i := range n.Chowns {
		n.Chowns[i].Start, n.Chowns[i].End = 0, 0
	}
	n.Chmods = append([]Chmod(nil), f.Chmods...)
	for i := range n.Chmods {
		n.Chmods[i].Start, n.Chmods[i].End = 0, 0
	}
	n.Installs = append([]PackageInstall(nil), f.Installs...)
	for i := range n.Installs {
		n.Installs[i].Start, n.Installs[i].End = 0, 0
		n.Installs[i].Unconditional, n.Installs[i].Elsewhere = false, false
		if n.Installs[i].InsertAt >= 0 {
			n.Installs[i].InsertAt = 0
		}
	}
	n.Memberships = append([]Membership(nil), f.Memberships...)
	for i := range n.Memberships {
		n.Memberships[i].Start, n.Memberships[i].End = 0, 0
	}
	n.UserMods = append([]UserMod(nil), f.UserMods...)
	for i := range n.UserMods {
		n.UserMods[i].Start, n.UserMods[i].End = 0, 0
	}
	n.GroupMods = append([]GroupMod(nil), f.GroupMods...)
	for i := range n.GroupMods {
		n.GroupMods[i].Start, n.GroupMods[i].End = 0, 0
	}
	// Treat empty and nil slices alike.
	if len(n.Users) == 0 {
		n.Users = nil
	}
	if len(n.Groups) == 0 {
		n.Groups = nil
	}
	if len(n.Mkdirs) == 0 {
		n.Mkdirs = nil
	}
	if len(n.Chowns) == 0 {
		n.Chowns = nil
	}
	if len(n.Chmods) == 0 {
		n.Chmods = nil
	}
	if len(n.Installs) == 0 {
		n.Installs = nil
	}
	if len(n.Memberships) == 0 {
		n.Memberships = nil
	}
	if len(n.UserMods) == 0 {
		n.UserMods = nil
	}
	if len(n.GroupMods) == 0 {
		n.GroupMods = nil
	}
	return n
}

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestAnalyzeRunFacts(t *testing.T) {
	tests := []struct {
		name     string
		script   string
		env      EnvLookup
		want     RunFacts
		commands []string // checked when non-nil
	}{
		{
			name:   "jupyter useradd with build args",
			script: `useradd -m -s /bin/bash -N -u $NB_UID $NB_USER`,
			env:    envOf("NB_UID", "1000", "NB_USER", "jovyan"),
			want: RunFacts{Users: []User{{
				Name: "jovyan", UID: "1000", Home: "/home/jovyan", CreateHome: true,
				Shell: "/bin/bash", Source: "useradd",
			}}},
			commands: []string{"useradd"},
		},
		{
			name: "docker-stacks long options",
			script: `useradd --no-log-init --create-home --shell /bin/bash --uid "${NB_UID}" --no-user-group "${NB_USER}" && \
    mkdir -p "${CONDA_DIR}" && \
    chown "${NB_USER}:${NB_GID}" "${CONDA_DIR}" && \
    chmod g+w /etc/passwd`,
			env: envOf("NB_UID", "1000", "NB_USER", "jovyan", "NB_GID", "100", "CONDA_DIR", "/opt/conda"),
			want: RunFacts{
				Users: []User{{
					Name: "jovyan", UID: "1000", Home: "/home/jovyan", CreateHome: true,
					Shell: "/bin/bash", Source: "useradd",
				}},
				Mkdirs: []Mkdir{{Paths: []string{"/opt/conda"}, Parents: true, Command: "mkdir"}},
				Chowns: []Chown{{Paths: []string{"/opt/conda"}, Owner: "jovyan", Group: "100", Command: "chown"}},
				Chmods: []Chmod{{Paths: []string{"/etc/passwd"}, Mode: "g+w"}},
			},
			commands: []string{"useradd", "mkdir", "chown", "chmod"},
		},
		{
			name:   "alpine system user and group",
			script: `addgroup -S app && adduser -S -G app app`,
			want: RunFacts{
				Groups: []Group{{Name: "app", System: true, Source: "addgroup"}},
				Users: []User{{
					Name: "app", Group: "app", Home: "/home/app", CreateHome: true, System: true,
					Shell: "/bin/false", Source: "adduser",
				}},
			},
		},
		{
			name:   "alpine user with ids",
			script: `addgroup -g 1000 -S app && adduser -D -H -u 1000 -G app -h /srv/app -s /bin/sh app`,
			want: RunFacts{
				Groups: []Group{{Name: "app", GID: "1000", System: true, Source: "addgroup"}},
				Users: []User{{
					Name: "app", UID: "1000", Group: "app", Home: "/srv/app", Shell: "/bin/sh", Source: "adduser",
				}},
			},
		},
		{
			name:   "busybox adduser private group",
			script: `adduser -D -u 1001 worker`,
			want: RunFacts{Users: []User{{
				Name: "worker", UID: "1001", GID: "1001", Home: "/home/worker", CreateHome: true,
				Source: "adduser", PrivateGroup: true,
			}}},
		},
		{
			name:   "redis system user",
			script: `groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis`,
			want: RunFacts{
				Groups: []Group{{Name: "redis", GID: "999", System: true, Source: "groupadd"}},
				Users: []User{{
					Name: "redis", UID: "999", Group: "redis", Home: "/home/redis", System: true, Source: "useradd",
				}},
			},
		},
		{
			name: "node image",
			script: `groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node`,
			want: RunFacts{
				Groups: []Group{{Name: "node", GID: "1000", Source: "groupadd"}},
				Users: []User{{
					Name: "node", UID: "1000", Group: "node", Home: "/home/node", CreateHome: true,
					Shell: "/bin/bash", Source: "useradd",
				}},
			},
		},
		{
			name:   "useradd equals forms, groups, home and private group",
			script: `useradd --uid=1234 --groups=wheel,audio -d /opt/svc/ --home-dir=/srv/svc -ms /bin/zsh svc`,
			want: RunFacts{Users: []User{{
				Name: "svc", UID: "1234", Groups: []string{"wheel", "audio"}, Home: "/srv/svc", CreateHome: true,
				Shell: "/bin/zsh", Source: "useradd", PrivateGroup: true,
			}}},
		},
		{
			name:   "useradd numeric gid and abbreviated long option",
			script: `useradd --home /app --no-create-home -g 0 -u 10001 app`,
			want: RunFacts{Users: []User{{
				Name: "app", UID: "10001", GID: "0", Home: "/app", Source: "useradd",
			}}},
		},
		{
			name:   "busybox passwd line",
			script: `echo 'app:x:10001:0::/app:/bin/sh' >> /etc/passwd`,
			want: RunFacts{
				Users:  []User{{Name: "app", UID: "10001", GID: "0", Home: "/app", Shell: "/bin/sh", Source: "passwd"}},
				Writes: []string{"/etc/passwd"},
			},
			commands: []string{"echo"},
		},
		{
			name:   "printf several passwd entries",
			script: `printf 'app:x:10001:0:App:/home/app:/sbin/nologin\nweb:x:%s:%s::/var/www:/bin/false\n' 33 33 >> /etc/passwd`,
			want: RunFacts{
				Users: []User{
					{Name: "app", UID: "10001", GID: "0", Home: "/home/app", Shell: "/sbin/nologin", Source: "passwd"},
					{Name: "web", UID: "33", GID: "33", Home: "/var/www", Shell: "/bin/false", Source: "passwd"},
				},
				Writes: []string{"/etc/passwd"},
			},
		},
		{
			name: "tee to passwd and heredoc to group",
			script: `echo "app:x:${APP_UID}:0:app user:/home/app:/bin/bash" | tee -a /etc/passwd >/dev/null && cat >> /etc/group <<EOF
app:x:${APP_UID}:
docker:x:999:app,ci
EOF`,
			env: envOf("APP_UID", "1001"),
			want: RunFacts{
				Users: []User{{Name: "app", UID: "1001", GID: "0", Home: "/home/app", Shell: "/bin/bash", Source: "passwd"}},
				Groups: []Group{
					{Name: "app", GID: "1001", Source: "group"},
					{Name: "docker", GID: "999", Source: "group", Members: []string{"app", "ci"}},
				},
				Writes: []string{"/etc/passwd", "/etc/group"},
			},
			commands: []string{"echo", "tee", "cat"},
		},
		{
			name:   "passwd line with unknown variables",
			script: `echo "${USER_NAME}:x:${USER_UID}:0::/home/${USER_NAME}:/bin/sh" >> /etc/passwd`,
			env:    envOf("USER_UID", "1001"),
			want: RunFacts{
				Users: []User{{
					Name: "${USER_NAME}", UID: "1001", GID: "0", Home: "/home/${USER_NAME}", Shell: "/bin/sh",
					Source: "passwd", Unresolved: true,
				}},
				Writes: []string{"/etc/passwd"},
			},
		},
		{
			name: "apt long install",
			script: "apt-get update && apt-get install -y --no-install-recommends \\\n" +
				"  ca-certificates \\\n  curl \\\n  && rm -rf /var/lib/apt/lists/*",
			want: RunFacts{
				Installs: []PackageInstall{{
					Manager: "apt", Packages: []string{"ca-certificates", "curl"}, NoInstallRecommends: true,
				}},
				Managers: []string{"apt"},
			},
			commands: []string{"apt-get", "apt-get", "rm"},
		},
		{
			name: "apt with env prefix, sudo, options before verb",
			script: `DEBIAN_FRONTEND=noninteractive sudo -E env LANG=C apt-get -qq -o Dpkg::Options::=--force-confold ` +
				`-o APT::Install-Recommends=false -t bookworm-backports install -y "python3=3.11*" 'libpq5>=15'`,
			want: RunFacts{
				Installs: []PackageInstall{{
					Manager: "apt", Packages: []string{"python3=3.11*", "libpq5>=15"}, NoInstallRecommends: true,
				}},
				Managers: []string{"apt"},
			},
			commands: []string{"sudo", "env", "apt-get"},
		},
		{
			name:   "apt update only",
			script: `apt update; apt upgrade -y`,
			want:   RunFacts{Managers: []string{"apt"}},
		},
		{
			name:   "packages only from a variable",
			script: `apt-get install -y $PKGS`,
			env:    envOf("PKGS", "git  vim"),
			want: RunFacts{
				Installs: []PackageInstall{{Manager: "apt", Packages: []string{"git", "vim"}, InsertAt: -1}},
				Managers: []string{"apt"},
			},
		},
		{
			name:   "packages from command substitution",
			script: `apt-get install -y $(cat /tmp/packages.txt)`,
			want: RunFacts{
				Installs: []PackageInstall{{
					Manager: "apt", Packages: []string{"$(cat /tmp/packages.txt)"}, InsertAt: -1, Unresolved: true,
				}},
				Managers: []string{"apt"},
			},
			commands: []string{"cat", "apt-get"},
		},
		{
			name:   "apk add",
			script: `apk add --no-cache tini su-exec`,
			want: RunFacts{
				Installs: []PackageInstall{{Manager: "apk", Packages: []string{"tini", "su-exec"}}},
				Managers: []string{"apk"},
			},
		},
		{
			name: "apk virtual build deps",
			script: `apk add --no-cache --virtual .build-deps gcc musl-dev \
    && pip install --no-cache-dir psycopg2 \
    && apk del .build-deps`,
			want: RunFacts{
				Installs: []PackageInstall{{Manager: "apk", Packages: []string{"gcc", "musl-dev"}, Virtual: ".build-deps"}},
				Managers: []string{"apk"},
			},
			commands: []string{"apk", "pip", "apk"},
		},
		{
			name:   "microdnf",
			script: `microdnf install -y python3 && microdnf clean all`,
			want: RunFacts{
				Installs: []PackageInstall{{Manager: "microdnf", Packages: []string{"python3"}}},
				Managers: []string{"microdnf"},
			},
		},
		{
			name:   "dnf and yum",
			script: `dnf -y --setopt=install_weak_deps=False --nodocs install nginx shadow-utils && dnf clean all; yum install -y --enablerepo epel jq`,
			want: RunFacts{
				Installs: []PackageInstall{
					{Manager: "dnf", Packages: []string{"nginx", "shadow-utils"}, NoInstallRecommends: true},
					{Manager: "yum", Packages: []string{"jq"}},
				},
				Managers: []string{"dnf", "yum"},
			},
		},
		{
			name:   "zypper",
			script: `zypper --non-interactive install -y --no-recommends curl && zypper -n in -t pattern devel_basis && zypper clean -a`,
			want: RunFacts{
				Installs: []PackageInstall{
					{Manager: "zypper", Packages: []string{"curl"}, NoInstallRecommends: true},
					{Manager: "zypper", Packages: []string{"devel_basis"}},
				},
				Managers: []string{"zypper"},
			},
		},
		{
			name:   "jupyter config dir",
			script: `mkdir -p -m 700 /root/.jupyter && echo "c.X=1" >> /root/.jupyter/jupyter_notebook_config.py`,
			want: RunFacts{
				Mkdirs: []Mkdir{{Paths: []string{"/root/.jupyter"}, Parents: true, Mode: "700", Command: "mkdir"}},
				Writes: []string{"/root/.jupyter/jupyter_notebook_config.py"},
			},
		},
		{
			name:   "mkdir option forms",
			script: `mkdir --mode=0755 --parents /a/b/ ./rel && mkdir -pm 700 /c//d && mkdir data`,
			want: RunFacts{Mkdirs: []Mkdir{
				{Paths: []string{"/a/b", "./rel"}, Parents: true, Mode: "0755", Command: "mkdir"},
				{Paths: []string{"/c/d"}, Parents: true, Mode: "700", Command: "mkdir"},
				{Paths: []string{"data"}, Command: "mkdir"},
			}},
		},
		{
			name: "openshift style permissions",
			script: `chown -R 1001:0 /opt/app-root && chgrp -R 0 /var/run \
  && chmod -R g=u /opt/app-root /var/run && chmod -x /usr/bin/foo && chmod 755 entrypoint.sh`,
			want: RunFacts{
				Chowns: []Chown{
					{Paths: []string{"/opt/app-root"}, Owner: "1001", Group: "0", Recursive: true, Command: "chown"},
					{Paths: []string{"/var/run"}, Group: "0", Recursive: true, Command: "chgrp"},
				},
				Chmods: []Chmod{
					{Paths: []string{"/opt/app-root", "/var/run"}, Mode: "g=u", Recursive: true},
					{Paths: []string{"/usr/bin/foo"}, Mode: "-x"},
					{Paths: []string{"entrypoint.sh"}, Mode: "755"},
				},
			},
		},
		{
			name:   "chown spec forms",
			script: `chown app.app /a; chown :0 /b; chown --from=root --recursive app: /c; chown --reference=/x /d; chown -hR www-data /e`,
			want: RunFacts{Chowns: []Chown{
				{Paths: []string{"/a"}, Owner: "app", Group: "app", Command: "chown"},
				{Paths: []string{"/b"}, Group: "0", Command: "chown"},
				{Paths: []string{"/c"}, Owner: "app", Recursive: true, Command: "chown"},
				{Paths: []string{"/e"}, Owner: "www-data", Recursive: true, Command: "chown"},
			}},
		},
		{
			name:   "install -d",
			script: `install -d -m 0750 -o app -g app /var/lib/app /var/log/app`,
			want: RunFacts{
				Mkdirs: []Mkdir{{Paths: []string{"/var/lib/app", "/var/log/app"}, Parents: true, Mode: "0750", Command: "install"}},
				Chowns: []Chown{{Paths: []string{"/var/lib/app", "/var/log/app"}, Owner: "app", Group: "app", Command: "install"}},
			},
		},
		{
			name:   "debian adduser system user",
			script: `adduser --uid 1000 --gid 0 --home /x --disabled-password --gecos "" --system --no-create-home app`,
			want: RunFacts{Users: []User{{
				Name: "app", UID: "1000", GID: "0", Home: "/x", System: true, Shell: "/usr/sbin/nologin", Source: "adduser",
			}}},
		},
		{
			name:   "debian adduser normal user and membership",
			script: `adduser --disabled-password --gecos '' --ingroup staff dev && adduser dev sudo`,
			want: RunFacts{
				Users: []User{{
					Name: "dev", Group: "staff", Home: "/home/dev", CreateHome: true, Shell: "/bin/bash", Source: "adduser",
				}},
				Memberships: []Membership{{User: "dev", Group: "sudo", Source: "adduser"}},
			},
		},
		{
			name:   "debian adduser system with group",
			script: `addgroup --system --gid 998 svc && adduser --system --group --uid=998 --home=/var/lib/svc svc`,
			want: RunFacts{
				Groups: []Group{{Name: "svc", GID: "998", System: true, Source: "addgroup"}},
				Users: []User{{
					Name: "svc", UID: "998", GID: "998", Home: "/var/lib/svc", CreateHome: true, System: true,
					Shell: "/usr/sbin/nologin", Source: "adduser", PrivateGroup: true,
				}},
			},
		},
		{
			name:   "rhel adduser is useradd",
			script: `adduser -m -u 1000 -r builder`,
			want: RunFacts{Users: []User{{
				Name: "builder", UID: "1000", Home: "/home/builder", CreateHome: true, System: true, Source: "adduser",
				PrivateGroup: true,
			}}},
		},
		{
			name:   "busybox membership",
			script: `addgroup app wheel && adduser nginx www-data`,
			want: RunFacts{Memberships: []Membership{
				{User: "app", Group: "wheel", Source: "addgroup"},
				{User: "nginx", Group: "www-data", Source: "adduser"},
			}},
		},
		{
			name:   "usermod groupmod gpasswd",
			script: `groupmod -g 1000 www-data && usermod -u 1000 -g 1000 www-data && usermod -aG docker,wheel ci && gpasswd -a ci audio`,
			want: RunFacts{
				GroupMods: []GroupMod{{Name: "www-data", GID: "1000"}},
				UserMods: []UserMod{
					{Name: "www-data", UID: "1000", GID: "1000"},
					{Name: "ci", Groups: []string{"docker", "wheel"}, Append: true},
				},
				Memberships: []Membership{
					{User: "ci", Group: "docker", Source: "usermod"},
					{User: "ci", Group: "wheel", Source: "usermod"},
					{User: "ci", Group: "audio", Source: "gpasswd"},
				},
			},
		},
		{
			name:   "unknown uid stays empty",
			script: `useradd -u $APP_UID -g $(id -g nobody) app`,
			want: RunFacts{Users: []User{{
				Name: "app", Home: "/home/app", Source: "useradd", Unresolved: true,
			}}},
			commands: []string{"id", "useradd"},
		},
		{
			name:   "defaults in expansions",
			script: `useradd -u ${APP_UID:-1001} -d "${APP_HOME-/srv/app}" ${APP_USER:=svc}`,
			env:    envOf("APP_HOME", "/opt/x"),
			want: RunFacts{Users: []User{{
				Name: "svc", UID: "1001", Home: "/opt/x", Source: "useradd", PrivateGroup: true,
			}}},
		},
		{
			name:   "script variables override build variables",
			script: "APP_UID=1500; export APP_HOME=/srv/app && useradd -u $APP_UID -d $APP_HOME/ app",
			env:    envOf("APP_UID", "1000"),
			want: RunFacts{Users: []User{{
				Name: "app", UID: "1500", Home: "/srv/app", Source: "useradd", PrivateGroup: true,
			}}},
			commands: []string{"export", "useradd"},
		},
		{
			name:   "trimming and case expansions",
			script: `V=v1.2.3; mkdir -p /opt/app-${V#v} /opt/${V%%.*} /opt/${NAME^^}`,
			env:    envOf("NAME", "web"),
			want: RunFacts{Mkdirs: []Mkdir{{
				Paths: []string{"/opt/app-1.2.3", "/opt/v1", "/opt/WEB"}, Parents: true, Command: "mkdir",
			}}},
		},
		{
			name:   "cd changes relative paths, subshells do not leak",
			script: `cd /opt && mkdir app && (cd /tmp && mkdir a) && mkdir b && cd sub && chmod 700 c ~/d`,
			env:    envOf("HOME", "/root"),
			want: RunFacts{
				Mkdirs: []Mkdir{
					{Paths: []string{"/opt/app"}, Command: "mkdir"},
					{Paths: []string{"/tmp/a"}, Command: "mkdir"},
					{Paths: []string{"/opt/b"}, Command: "mkdir"},
				},
				Chmods: []Chmod{{Paths: []string{"/opt/sub/c", "/root/d"}, Mode: "700"}},
			},
		},
		{
			name: "control flow",
			script: `set -eux; \
if ! getent group app >/dev/null; then groupadd -g 1000 app; fi; \
for d in cache logs; do mkdir -p /var/app/$d; done; \
setup() { useradd -g app app; }; setup`,
			want: RunFacts{
				Groups: []Group{{Name: "app", GID: "1000", Source: "groupadd"}},
				Mkdirs: []Mkdir{{Paths: []string{"/var/app/$d"}, Parents: true, Command: "mkdir", Unresolved: true}},
				Users:  []User{{Name: "app", Group: "app", Home: "/home/app", Source: "useradd"}},
			},
			commands: []string{"set", "getent", "groupadd", "mkdir", "useradd", "setup"},
		},
		{
			name:   "writes",
			script: `echo hi > /tmp/a.txt 2>/dev/null; ls &> ./log.txt; date | tee -a /var/log/x /dev/stderr; echo x >&2`,
			want:   RunFacts{Writes: []string{"/tmp/a.txt", "./log.txt", "/var/log/x"}},
		},
		{
			name:     "wrappers",
			script:   `command -v useradd && nohup time -p nice -n 5 timeout 10 busybox adduser -D app`,
			commands: []string{"command", "nohup", "time", "nice", "timeout", "busybox", "adduser"},
			want: RunFacts{Users: []User{{
				Name: "app", GID: "", Home: "/home/app", CreateHome: true, Source: "adduser", PrivateGroup: true,
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AnalyzeRun(tt.script, tt.env)
			if err != nil {
				t.Fatalf("AnalyzeRun: %v", err)
			}
			n := normalized(got)
			want := normalized(&tt.want)
			if !reflect.DeepEqual(n, want) {
				t.Errorf("facts mismatch\n got: %s\nwant: %s", asJSON(n), asJSON(want))
			}
			if tt.commands != nil && !reflect.DeepEqual(got.Commands, tt.commands) {
				t.Errorf("Commands = %q, want %q", got.Commands, tt.commands)
			}
		})
	}
}

func TestAnalyzeRunParseError(t *testing.T) {
	for _, s := range []string{"if then fi (", "echo 'unterminated", "a && ", "$(("} {
		f, err := AnalyzeRun(s, nil)
		if err == nil || f != nil {
			t.Errorf("AnalyzeRun(%q) = %v, %v; want nil and an error", s, f, err)
		}
	}
}

func TestAnalyzeRunInsertAt(t *testing.T) {
	tests := []struct {
		script string
		want   string // script after inserting " tini" into the first install
	}{
		{
			"apt-get update && apt-get install -y --no-install-recommends \\\n  ca-certificates \\\n  curl \\\n  && rm -rf /var/lib/apt/lists/*",
			"apt-get update && apt-get install -y --no-install-recommends \\\n  ca-certificates \\\n  curl tini \\\n  && rm -rf /var/lib/apt/lists/*",
		},
		{
			"apk add --no-cache su-exec",
			"apk add --no-cache su-exec tini",
		},
		{
			"apt-get install -y curl\\\n&& true",
			"apt-get install -y curl tini\\\n&& true",
		},
		{
			"apt-get install -y cur\\\nl; echo done",
			"apt-get install -y cur\\\nl tini; echo done",
		},
		{
			`microdnf install -y "python3" 'git'>/dev/null && microdnf clean all`,
			`microdnf install -y "python3" 'git' tini>/dev/null && microdnf clean all`,
		},
		{
			"set -e\n# comment\nyum -y install \\\n\tnginx \\\n\t# not a package\n",
			"set -e\n# comment\nyum -y install \\\n\tnginx tini \\\n\t# not a package\n",
		},
		{
			"zypper -n in -y curl $EXTRA -l",
			"zypper -n in -y curl $EXTRA tini -l",
		},
		{
			"if true; then apt-get install -y vim; fi",
			"if true; then apt-get install -y vim tini; fi",
		},
	}
	for _, tt := range tests {
		f, err := AnalyzeRun(tt.script, nil)
		if err != nil {
			t.Fatalf("AnalyzeRun(%q): %v", tt.script, err)
		}
		if len(f.Installs) == 0 || f.Installs[0].InsertAt < 0 {
			t.Fatalf("AnalyzeRun(%q): no insertable install: %+v", tt.script, f.Installs)
		}
		at := f.Installs[0].InsertAt
		got := tt.script[:at] + " tini" + tt.script[at:]
		if got != tt.want {
			t.Errorf("insert into %q:\n got %q\nwant %q", tt.script, got, tt.want)
			continue
		}
		g, err := AnalyzeRun(got, nil)
		if err != nil {
			t.Fatalf("re-parse %q: %v", got, err)
		}
		before, after := f.Installs[0].Packages, g.Installs[0].Packages
		if len(after) != len(before)+1 || after[len(after)-1] != "tini" {
			t.Errorf("packages after insert into %q = %q (before %q)", tt.script, after, before)
		}
	}
}

func TestAnalyzeRunInsertAtNotInsertable(t *testing.T) {
	for _, s := range []string{
		"apt-get install -y $PACKAGES",
		"apk add --no-cache $(cat /deps.txt)",
		"apt-get install -f -y",
	} {
		f, err := AnalyzeRun(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Installs) != 1 || f.Installs[0].InsertAt != -1 {
			t.Errorf("AnalyzeRun(%q).Installs = %+v, want one with InsertAt -1", s, f.Installs)
		}
	}
}

func TestAnalyzeRunEnd(t *testing.T) {
	tests := []struct {
		script string
		want   string // script[:End]
	}{
		{"apt-get update", "apt-get update"},
		{"apt-get update;  ", "apt-get update"},
		{"a && b # trailing comment\n\n", "a && b"},
		{"set -e\nuseradd app \\\n  && mkdir /x  \n# done\n", "set -e\nuseradd app \\\n  && mkdir /x"},
		{"cat > /etc/x <<EOF\nbody\nEOF\n", "cat > /etc/x <<EOF"},
		{"true && cat <<-'EOF' > /f\n\tx\n\tEOF", "true && cat <<-'EOF' > /f"},
		{"if true; then echo; fi # x", "if true; then echo; fi"},
		{"sleep 1 &", "sleep 1"},
		{"! grep -q x /f", "! grep -q x /f"},
		{"X=1", "X=1"},
		{"apt-get update \\\n", "apt-get update"},
		{"a; \\\n b \\\n ", "a; \\\n b"},
	}
	for _, tt := range tests {
		f, err := AnalyzeRun(tt.script, nil)
		if err != nil {
			t.Fatalf("AnalyzeRun(%q): %v", tt.script, err)
		}
		if f.End < 0 || f.End > len(tt.script) || tt.script[:f.End] != tt.want {
			t.Errorf("AnalyzeRun(%q).End = %d, want prefix %q", tt.script, f.End, tt.want)
		}
	}
	for _, s := range []string{"", "  \n# only a comment\n"} {
		f, err := AnalyzeRun(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.End != -1 {
			t.Errorf("AnalyzeRun(%q).End = %d, want -1", s, f.End)
		}
	}
}

func TestAnalyzeRunOffsets(t *testing.T) {
	script := "set -ex \\\n && useradd -u 1000 app \\\n && chown app /data"
	f, err := AnalyzeRun(script, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := script[f.Users[0].Start:f.Users[0].End]; got != "useradd -u 1000 app" {
		t.Errorf("user range = %q", got)
	}
	if got := script[f.Chowns[0].Start:f.Chowns[0].End]; got != "chown app /data" {
		t.Errorf("chown range = %q", got)
	}
	script = "echo 'a:x:1:1::/a:/bin/sh' >> /etc/passwd; true"
	if f, err = AnalyzeRun(script, nil); err != nil {
		t.Fatal(err)
	}
	if got := script[f.Users[0].Start:f.Users[0].End]; got != "echo 'a:x:1:1::/a:/bin/sh' >> /etc/passwd" {
		t.Errorf("passwd user range = %q", got)
	}
}

func TestAnalyzeRunHeredocBody(t *testing.T) {
	// A Dockerfile `RUN <<EOF` body is a script on its own.
	body := "set -eux\napt-get update\napt-get install -y \\\n    tini\nuseradd -r -u 999 svc\n"
	f, err := AnalyzeRun(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Installs) != 1 || !reflect.DeepEqual(f.Installs[0].Packages, []string{"tini"}) {
		t.Fatalf("installs = %+v", f.Installs)
	}
	if at := f.Installs[0].InsertAt; body[:at] != "set -eux\napt-get update\napt-get install -y \\\n    tini" {
		t.Errorf("InsertAt = %d (%q)", at, body[:at])
	}
	if len(f.Users) != 1 || f.Users[0].UID != "999" || !f.Users[0].System {
		t.Errorf("users = %+v", f.Users)
	}
	if body[:f.End] != "set -eux\napt-get update\napt-get install -y \\\n    tini\nuseradd -r -u 999 svc" {
		t.Errorf("End = %d", f.End)
	}
}

func TestAnalyzeRunConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				s := "useradd -u 100" + strings.Repeat("0", (i+j)%3) + " app && apk add tini"
				f, err := AnalyzeRun(s, nil)
				if err != nil || len(f.Users) != 1 || len(f.Installs) != 1 {
					t.Errorf("AnalyzeRun(%q) = %+v, %v", s, f, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestShGlobMatch(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"*", "a/b", true},
		{"v*", "v1.2", true},
		{".*", ".2.3", true},
		{"a?c", "abc", true},
		{"[0-9]*", "1x", true},
		{"[!0-9]*", "1x", false},
		{`\*`, "*", true},
		{"[", "[", true},
		{"abc", "abd", false},
	}
	for _, tt := range tests {
		if got := shGlobMatch(tt.pat, tt.s); got != tt.want {
			t.Errorf("shGlobMatch(%q, %q) = %v", tt.pat, tt.s, got)
		}
	}
}

var runFuzzSeeds = []string{
	`useradd -m -s /bin/bash -N -u $NB_UID $NB_USER`,
	`addgroup -S app && adduser -S -G app app`,
	`groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis`,
	`groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node`,
	`echo 'app:x:10001:0::/app:/bin/sh' >> /etc/passwd`,
	"apt-get update && apt-get install -y --no-install-recommends \\\n  ca-certificates \\\n  curl \\\n  && rm -rf /var/lib/apt/lists/*",
	`apk add --no-cache tini su-exec`,
	`microdnf install -y python3 && microdnf clean all`,
	`mkdir -p -m 700 /root/.jupyter && echo "c.X=1" >> /root/.jupyter/jupyter_notebook_config.py`,
	`chown -R 1001:0 /opt/app-root && chmod -R g=u /opt/app-root`,
	"printf 'a:x:1:2::/h:/bin/sh\\n%s\\n' x | tee -a /etc/passwd",
	"cat >> /etc/group <<-EOF\n\tg:x:${G:-5}:u\n\tEOF\n",
	`V=v1; mkdir /a/${V#v} /b/${V%%[0-9]} ${X:+y} $'a\tb' ~/c`,
	`cd /x && (cd y; mkdir z) && for i in 1 2; do chown $i /q; done`,
}

func FuzzAnalyzeRun(f *testing.F) {
	for _, s := range runFuzzSeeds {
		f.Add(s)
	}
	env := envOf("NB_UID", "1000", "NB_USER", "jovyan", "HOME", "/root", "G", "")
	f.Fuzz(func(t *testing.T, script string) {
		file, err := parseRunScript(script)
		if err != nil {
			return
		}
		// No recover here: a panic in the analysis is a bug.
		facts := analyzeRunFile(script, file, env)
		if facts.End < -1 || facts.End > len(script) {
			t.Fatalf("End %d out of range", facts.End)
		}
		for _, in := range facts.Installs {
			if in.InsertAt < -1 || in.InsertAt > len(script) {
				t.Fatalf("InsertAt %d out of range", in.InsertAt)
			}
		}
	})
}
