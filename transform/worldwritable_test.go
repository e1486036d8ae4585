package transform

import "testing"

func TestGroupInsteadOfWorld(t *testing.T) {
	for mode, want := range map[string]string{
		"777": "775", "0777": "0775", "666": "664", "1777": "1775", "2777": "2775", "757": "775",
		"a+w": "ug+w", "o+w": "g+w", "a+rwX": "ug+rwX", "ugo+rwx": "ug+rwx", "a=rwx": "ug=rwx,o=rx",
		"u+x,o+w": "u+x,g+w",
	} {
		if !modeWorldWritable(mode) {
			t.Errorf("%s: not seen as world-writable", mode)
		}
		got := groupInsteadOfWorld(mode)
		if got != want {
			t.Errorf("%s -> %q, want %q", mode, got, want)
		}
		if modeWorldWritable(got) {
			t.Errorf("%s -> %s is still world-writable", mode, got)
		}
	}
	for _, mode := range []string{"755", "775", "2775", "g+w", "g=u", "o-w", "a-w", "+x", "u+rwx"} {
		if modeWorldWritable(mode) {
			t.Errorf("%s: seen as world-writable", mode)
		}
	}
}
