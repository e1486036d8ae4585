package report

import (
	"fmt"
	"io"
	"strings"
)

// GitHub Actions workflow commands: one `::warning ...::message` line per
// finding, which the runner turns into an annotation on the file and lines.
// Escaping follows GitHub's documentation and its toolkit (actions/core
// command.ts): in the message %, CR and LF are percent-encoded; in property
// values also ':' and ','.

type githubWriter struct {
	w io.Writer
}

func (g *githubWriter) Add(f File) error {
	m, err := newFileModel(f)
	if err != nil {
		return err
	}
	if f.Err != nil {
		_, err := fmt.Fprintf(g.w, "::error file=%s,title=%s::%s\n", escapeProperty(m.path), escapeProperty(toolName), escapeData(f.Err.Error()))
		return err
	}
	for fi, fm := range m.findings {
		start, end := lines(fm.Finding)
		msg := m.message(fi)
		if fm.fixed {
			msg += " (unroot fixes this: unroot -w " + m.path + ")"
		}
		if _, err := fmt.Fprintf(g.w, "::warning file=%s,line=%d,endLine=%d,title=%s::%s\n",
			escapeProperty(m.path), start, end, escapeProperty(fm.title()), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

func (g *githubWriter) Close() error { return nil }

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
