package transform

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

func TestWrapCommand(t *testing.T) {
	cmd := "find /srv/app/data /srv/app/uploads '/srv/my dir' /var/cache/app /var/log/app -type d \\( ! -group 0 -o ! -perm -2070 \\) -exec chgrp 0 {} + -exec chmod g+rwxs {} +"
	got := wrapCommand(cmd, 4, 4, 60)
	for _, l := range strings.Split(got, "\n") {
		if len(l)+4 > 60+4 {
			t.Errorf("line too long (%d): %q", len(l), l)
		}
	}
	if strings.Join(strings.Fields(strings.ReplaceAll(got, "\\\n", " ")), " ") != strings.Join(strings.Fields(cmd), " ") {
		t.Errorf("words changed:\n%s", got)
	}
	if !strings.Contains(got, "'/srv/my dir'") {
		t.Errorf("a quoted word was split:\n%s", got)
	}
	if short := "find /app -type d"; wrapCommand(short, 4, 4, 120) != short {
		t.Error("a short command was wrapped")
	}
}

// A shell form joined from continued lines and wrapped back at its blank
// runs parses to the same values.
func TestWrapAtBlankRunsKeepsValues(t *testing.T) {
	array := `["/bin/sh", "-c", "exec app --name x     --port 8080     --log-level debug     --config /etc/app/app.conf"]`
	wrapped := wrapAtBlankRuns(array, 11, 60)
	if !strings.Contains(wrapped, "\\\n") {
		t.Fatalf("not wrapped: %s", wrapped)
	}
	parse := func(text string) []string {
		res, err := bkparser.Parse(bytes.NewReader([]byte("FROM a\nENTRYPOINT " + text + "\n")))
		if err != nil {
			t.Fatal(err)
		}
		var vals []string
		for n := res.AST.Children[1].Next; n != nil; n = n.Next {
			vals = append(vals, n.Value)
		}
		return vals
	}
	if a, b := parse(array), parse(wrapped); !reflect.DeepEqual(a, b) {
		t.Errorf("values changed:\n%q\n%q", a, b)
	}
}
