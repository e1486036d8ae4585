package verify

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func passedReport(profile string, readOnly string) Report {
	r := Report{Image: "registry.example/app:1.0", UID: 1000680000, GID: 0, Profile: profile, Checks: []Check{
		{Name: CheckStart, Status: StatusPass, Evidence: "running", Profile: profile},
		{Name: CheckReadOnly, Status: readOnly, Evidence: "x", Profile: profile},
	}}
	if profile == ProfileRestricted {
		r.FSGroup = 1000680001
	}
	if readOnly == StatusPass {
		r.readOnlyMounts = []string{"/tmp", "/data"}
	}
	r.SecurityContext = securityContextFor(r)
	return r
}

func TestWriteK8sRestricted(t *testing.T) {
	r := passedReport(ProfileRestricted, StatusPass)
	var b bytes.Buffer
	if err := r.WriteK8s(&b); err != nil {
		t.Fatal(err)
	}
	want := `# unroot verify: registry.example/app:1.0 passed as uid 1000680000 (profile restricted)
# runAsUser: any UID in 100000..2000000000 was meant; this one was run
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000680000
    runAsGroup: 0
    fsGroup: 1000680001
  containers:
  - name: app
    image: "registry.example/app:1.0"
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop:
        - ALL
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: writable-0
      mountPath: /tmp
    - name: writable-1
      mountPath: /data
  volumes:
  - name: writable-0
    emptyDir: {}
  - name: writable-1
    emptyDir: {}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got struct {
		SecurityContext map[string]any `json:"securityContext"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	sc := got.SecurityContext
	if sc["runAsNonRoot"] != true || sc["runAsUser"] != float64(1000680000) || sc["fsGroup"] != float64(1000680001) ||
		sc["allowPrivilegeEscalation"] != false || sc["readOnlyRootFilesystem"] != true ||
		!strings.Contains(b.String(), `"drop": [`) {
		t.Errorf("json securityContext %v\n%s", sc, b.String())
	}
}

func TestWriteK8sPlainWritableRoot(t *testing.T) {
	r := passedReport(ProfilePlain, StatusWarn)
	var b bytes.Buffer
	if err := r.WriteK8s(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	// Plain proves neither dropped capabilities nor no escalation, and the
	// read-only check warned.
	if strings.Contains(s, "fsGroup") || strings.Contains(s, "capabilities") || strings.Contains(s, "allowPrivilegeEscalation") ||
		!strings.Contains(s, "readOnlyRootFilesystem: false") || strings.Contains(s, "volumeMounts") {
		t.Errorf("got\n%s", s)
	}
	r.Checks[0].Status = StatusFail
	r.SecurityContext = nil
	if err := r.WriteK8s(&b); err == nil {
		t.Error("a failed report printed a securityContext")
	}
}

func TestYAMLString(t *testing.T) {
	for in, want := range map[string]string{"ALL": "ALL", "/tmp": "/tmp", "a:b": `"a:b"`, "yes": `"yes"`, "123": `"123"`, "": `""`, "-x": `"-x"`} {
		if got := yamlString(in); got != want {
			t.Errorf("yamlString(%q) = %s, want %s", in, got, want)
		}
	}
}
