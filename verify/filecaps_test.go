package verify

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"
)

// vfsCap builds a security.capability value as setcap writes it.
func vfsCap(magic uint32, perm0, inh0, perm1, inh1 uint32, words int) []byte {
	b := binary.LittleEndian.AppendUint32(nil, magic)
	b = binary.LittleEndian.AppendUint32(b, perm0)
	b = binary.LittleEndian.AppendUint32(b, inh0)
	if words == 2 {
		b = binary.LittleEndian.AppendUint32(b, perm1)
		b = binary.LittleEndian.AppendUint32(b, inh1)
	}
	return b
}

func TestParseFileCaps(t *testing.T) {
	// setcap cap_net_bind_service=+ep: revision 2, effective, bit 10.
	c, err := ParseFileCaps(vfsCap(vfsCapRevision2|vfsCapEffective, 1<<10, 0, 0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if c.String() != "cap_net_bind_service=ep" {
		t.Errorf("got %q", c.String())
	}
	// Revision 3 (namespaced root UID appended), two capabilities, one in
	// the second word (cap_bpf is 39), not effective, one inheritable.
	v3 := append(vfsCap(vfsCapRevision3, 1<<0, 1<<13, 1<<(39-32), 0, 2), 0, 0, 0, 0)
	c, err = ParseFileCaps(v3)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Permitted, []string{"cap_chown", "cap_bpf"}) || c.Effective || c.String() != "cap_chown,cap_bpf=p cap_net_raw+i" {
		t.Errorf("v3: %+v %q", c, c.String())
	}
	if c, err := ParseFileCaps(vfsCap(vfsCapRevision1, 1<<7, 0, 0, 0, 1)); err != nil || c.String() != "cap_setuid=p" {
		t.Errorf("v1: %+v %v", c, err)
	}
	for _, bad := range [][]byte{nil, {1, 2}, vfsCap(0x05000000, 0, 0, 0, 0, 2), vfsCap(vfsCapRevision2, 1, 0, 0, 0, 1)} {
		if _, err := ParseFileCaps(bad); err == nil {
			t.Errorf("%x parsed", bad)
		}
	}
}

func TestReadArchivedFile(t *testing.T) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	body := []byte("#!/bin/sh\n")
	capValue := string(vfsCap(vfsCapRevision2|vfsCapEffective, 1<<10, 0, 0, 0, 2))
	if err := tw.WriteHeader(&tar.Header{Name: "srv", Typeflag: tar.TypeReg, Mode: 0o4755, Size: int64(len(body)),
		PAXRecords: map[string]string{"SCHILY.xattr." + capXattr: capValue}}); err != nil {
		t.Fatal(err)
	}
	tw.Write(body)
	tw.Close()
	f, err := readArchivedFile(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Setuid || f.Setgid || f.Caps == nil || f.Caps.String() != "cap_net_bind_service=ep" {
		t.Errorf("got %+v", f)
	}
	// No attribute, no special bits.
	buf.Reset()
	tw = tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "d", Typeflag: tar.TypeDir, Mode: 0o755})
	tw.WriteHeader(&tar.Header{Name: "d/plain", Typeflag: tar.TypeReg, Mode: 0o755})
	tw.Close()
	if f, err := readArchivedFile(&buf); err != nil || f.Setuid || f.Caps != nil {
		t.Errorf("plain file: %+v %v", f, err)
	}
}

func TestCommandWords(t *testing.T) {
	got := commandWords([]string{"tini", "-g", "--", "/usr/local/bin/unroot-entrypoint", "sh", "-c", "sudo -u app srv --port=80 && exec srv; FOO=1 x"})
	want := []string{"tini", "/usr/local/bin/unroot-entrypoint", "sh", "sudo", "app", "srv", "exec", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	many := make([]string, 30)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + "x" + string(rune('a'+i/26))
	}
	if len(commandWords(many)) != maxCommandWords {
		t.Errorf("not bounded: %d", len(commandWords(many)))
	}
}
