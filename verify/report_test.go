package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func sampleReport() Report {
	return Report{Image: "app:1", UID: 123456, Checks: []Check{
		{Name: CheckStart, Status: StatusPass, Evidence: "running after 3s"},
		{Name: CheckUser, Status: StatusFail, Evidence: "uid 123456 has no name:\nid: cannot find name for user ID 123456\n"},
		{Name: CheckPorts, Status: StatusWarn, Evidence: "EXPOSE 80/tcp"},
		{Name: CheckZombies, Status: StatusSkip, Evidence: "container not running"},
	}}
}

func TestReportText(t *testing.T) {
	r := sampleReport()
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `PASS start: running after 3s
FAIL user: uid 123456 has no name: | id: cannot find name for user ID 123456
WARN ports: EXPOSE 80/tcp
SKIP zombies: container not running
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if !r.Failed() {
		t.Error("not failed")
	}
	if got := (Check{Name: CheckStart, Status: StatusPass, Evidence: "ok", Profile: ProfileRestricted}).String(); got != "PASS start [restricted]: ok" {
		t.Errorf("with a profile: %q", got)
	}
	if got := r.Summary(); got != "app:1 as uid 123456: 1 PASS, 1 FAIL, 1 WARN, 1 SKIP" {
		t.Errorf("summary %q", got)
	}
	if c, ok := r.Check(CheckPorts); !ok || c.Status != StatusWarn {
		t.Errorf("Check(ports) = %+v %v", c, ok)
	}
	if _, ok := r.Check("nope"); ok {
		t.Error("found nope")
	}
	r.Checks[1].Status = StatusWarn
	if r.Failed() {
		t.Error("failed without FAIL")
	}
	if (Report{}).Failed() {
		t.Error("empty report failed")
	}
}

func TestReportJSON(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Image  string
		UID    int
		Failed bool
		Checks []Check
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Image != "app:1" || got.UID != 123456 || !got.Failed || len(got.Checks) != 4 ||
		got.Checks[1].Name != "user" || got.Checks[1].Status != "FAIL" {
		t.Errorf("got %+v", got)
	}
	if !strings.Contains(b.String(), `"evidence": "running after 3s"`) {
		t.Errorf("json:\n%s", b.String())
	}
	b.Reset()
	if err := (Report{Image: "x"}).WriteJSON(&b); err != nil || !strings.Contains(b.String(), `"checks": []`) {
		t.Errorf("empty report json %q %v", b.String(), err)
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("  a\r\n\n b \n"); got != "a | b" {
		t.Errorf("got %q", got)
	}
	long := strings.Repeat("é", 400)
	got := oneLine(long)
	if len(got) > maxEvidence+3 || !strings.HasSuffix(got, "...") || !strings.HasPrefix(got, "é") {
		t.Errorf("len %d %q", len(got), got[len(got)-10:])
	}
	if strings.Contains(got, "\uFFFD") {
		t.Error("cut inside a rune")
	}
}

func TestJudgeHome(t *testing.T) {
	tests := []struct {
		out, home, status, evidence string
	}{
		{"HOME=/home/app\ndir\nwritable\n", "/home/app", StatusPass, "writable"},
		{"HOME=/\ndir\nnotwritable\n", "/", StatusFail, "HOME is /"},
		{"HOME=\n", "", StatusFail, "not set"},
		{"HOME=/nowhere\nnodir\nnotwritable\n", "/nowhere", StatusFail, "does not exist"},
		{"HOME=/root\ndir\nnotwritable\n", "/root", StatusFail, "not writable"},
		{"sh: oops", "", StatusFail, "could not read"},
	}
	for _, tt := range tests {
		home, c := judgeHome(tt.out)
		if home != tt.home || c.Status != tt.status || !strings.Contains(c.Evidence, tt.evidence) || c.Name != CheckHome {
			t.Errorf("judgeHome(%q) = %q, %+v", tt.out, home, c)
		}
	}
}

func TestJudgePaths(t *testing.T) {
	c := judgePaths("ok /app\nnotwritable /data\nmissing /cache\n", []string{"/app", "/data", "/cache", "/lost"})
	if c.Status != StatusFail || c.Evidence != "/data (not writable), /cache (missing), /lost (not checked); writable: /app" {
		t.Errorf("got %+v", c)
	}
	c = judgePaths("ok /app\nok /data\n", []string{"/app", "/data"})
	if c.Status != StatusPass || c.Evidence != "writable: /app, /data" {
		t.Errorf("got %+v", c)
	}
}

func TestJudgeWorldWritable(t *testing.T) {
	if c := judgeWorldWritable("\n", []string{"/app"}); c.Status != StatusPass {
		t.Errorf("got %+v", c)
	}
	c := judgeWorldWritable("/app/uploads\n/app/uploads\n/app/a\n/app/b\n/app/c\n/app/d\n/app/e\n", []string{"/app"})
	if c.Status != StatusFail || !strings.HasPrefix(c.Evidence, "6 world-writable") ||
		!strings.Contains(c.Evidence, "/app/uploads, /app/a") || strings.Contains(c.Evidence, "/app/e") {
		t.Errorf("got %+v", c)
	}
	c = judgeWorldWritable(strings.Repeat("/x\n", 1)+strings.Join(manyPaths(1000), "\n"), []string{"/x"})
	if !strings.HasPrefix(c.Evidence, "1000+ ") {
		t.Errorf("got %+v", c)
	}
}

func manyPaths(n int) []string {
	var p []string
	for i := range n {
		p = append(p, fmt.Sprintf("/x/%d", i))
	}
	return p
}

func TestJudgePorts(t *testing.T) {
	c := judgePorts([]Port{{8888, "tcp"}}, []int{8888}, "")
	if c.Status != StatusPass || c.Evidence != "EXPOSE 8888/tcp; listening TCP 8888" {
		t.Errorf("got %+v", c)
	}
	c = judgePorts([]Port{{80, "tcp"}}, nil, "container not running")
	if c.Status != StatusWarn || !strings.Contains(c.Evidence, "EXPOSE 80/tcp") || !strings.Contains(c.Evidence, "(container not running)") {
		t.Errorf("got %+v", c)
	}
	c = judgePorts(nil, []int{443, 8080}, "")
	if c.Status != StatusWarn || !strings.Contains(c.Evidence, "listening on 443") || strings.Contains(c.Evidence, "listening on 8080") {
		t.Errorf("got %+v", c)
	}
	if c := judgePorts(nil, nil, ""); c.Status != StatusPass || c.Evidence != "EXPOSE none; listening TCP none" {
		t.Errorf("got %+v", c)
	}
}

func TestUserFromID(t *testing.T) {
	tests := []struct {
		r    result
		name string
		ok   bool
	}{
		{result{Stdout: "app\n"}, "app", true},
		{result{Stdout: "entrypoint: setting up nss_wrapper\napp\n"}, "app", true},
		{result{Stdout: "default$\n"}, "default$", true},
		{result{Stdout: "123456\n", Exit: 1}, "123456", false},
		{result{Stdout: "123456\n"}, "123456", false},
		{result{Stdout: "", Exit: 0}, "", false},
		{result{Stdout: "app\n", Exit: -1, Err: context.DeadlineExceeded}, "app", false},
	}
	for _, tt := range tests {
		name, ok := userFromID(tt.r)
		if name != tt.name || ok != tt.ok {
			t.Errorf("userFromID(%+v) = %q %v", tt.r, name, ok)
		}
	}
}

func TestResultDescribe(t *testing.T) {
	r := result{Stdout: "out\n", Stderr: "err\n", Exit: 2}
	if got := r.Describe(); got != "exit 2: out | err" {
		t.Errorf("got %q", got)
	}
	r = result{Exit: -1, Err: context.DeadlineExceeded, Dur: 20 * time.Second}
	if !r.TimedOut() || r.OK() || !strings.HasPrefix(r.Describe(), "timed out after 20s") {
		t.Errorf("got %q", r.Describe())
	}
	r = result{Exit: -1, Err: errors.New("exec: \"nodocker\": executable file not found in $PATH")}
	if !strings.Contains(r.Describe(), "executable file not found") || !notFound(result{Stderr: r.Describe()}) {
		t.Errorf("got %q", r.Describe())
	}
}

func TestRandomUID(t *testing.T) {
	for range 100 {
		if u := RandomUID(); u < MinRandomUID || u > MaxRandomUID {
			t.Fatalf("uid %d out of range", u)
		}
	}
}

func TestShellQuote(t *testing.T) {
	if got := shellQuote([]string{"exec", "c1", "sh", "-c", "echo 'hi'\nls"}); got != `exec c1 sh -c 'echo '\''hi'\''; ls'` {
		t.Errorf("got %s", got)
	}
}
