package parser

import "testing"

// A FROM that picks one of the file's stages by the target OS resolves to
// the linux one, as BuildKit's automatic TARGETOS does for a Linux image;
// one that picks by architecture stays unresolved.
func TestStageChosenByTargetOS(t *testing.T) {
	src := `ARG DEBUG
FROM alpine:3.20 AS app-linux
RUN echo linux
FROM scratch AS app-windows
FROM app-$TARGETOS${DEBUG:+-debug} AS app
FROM app
FROM busybox AS tool-amd64
FROM tool-$TARGETARCH AS tool
`
	doc, err := Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	app, final, tool := doc.Stages[2], doc.Stages[3], doc.Stages[5]
	if app.Parent != doc.Stages[0] || app.Base != "app-linux" {
		t.Errorf("FROM app-$TARGETOS: parent %v, base %q; want the app-linux stage", app.Parent, app.Base)
	}
	if got := final.Image(); got != "alpine:3.20" {
		t.Errorf("final stage's image = %q, want alpine:3.20", got)
	}
	if tool.Parent != nil {
		t.Errorf("FROM tool-$TARGETARCH resolved to %q; the architecture is not known", tool.Parent.Name)
	}
}
