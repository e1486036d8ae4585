package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"
)

var testFiles = []archiveFile{
	{name: "unroot_v1_linux_amd64/unroot", data: []byte("\x7fELF binary"), mode: 0o755},
	{name: "unroot_v1_linux_amd64/README.md", data: []byte("# unroot\n"), mode: 0o644},
}

// TestTarGzFixedMetadata: the archive holds the files in order with the
// given time and no owner taken from the machine, and packing twice (a
// second apart) gives the same bytes.
func TestTarGzFixedMetadata(t *testing.T) {
	mtime := time.Unix(1764806400, 0).UTC()
	first, err := tarGzArchive(testFiles, mtime)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	second, err := tarGzArchive(testFiles, mtime)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two packings differ")
	}
	gz, err := gzip.NewReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header records time %v, name %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	for i, want := range testFiles {
		hdr, err := tr.Next()
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if hdr.Name != want.name || hdr.Mode != int64(want.mode) || !hdr.ModTime.Equal(mtime) ||
			hdr.Uid != 0 || hdr.Gid != 0 || hdr.Uname != "" || hdr.Gname != "" {
			t.Errorf("entry %d: %s mode %o mtime %v owner %d:%d (%q:%q)", i, hdr.Name, hdr.Mode, hdr.ModTime, hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname)
		}
		data, _ := io.ReadAll(tr)
		if !bytes.Equal(data, want.data) {
			t.Errorf("entry %d: content %q", i, data)
		}
	}
	if _, err := tr.Next(); err != io.EOF {
		t.Errorf("more entries than packed: %v", err)
	}
}

func TestZipFixedMetadata(t *testing.T) {
	mtime := time.Unix(1764806400, 0).UTC()
	first, err := zipArchive(testFiles, mtime)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	second, err := zipArchive(testFiles, mtime)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two packings differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(testFiles) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(testFiles))
	}
	for i, f := range zr.File {
		want := testFiles[i]
		if f.Name != want.name || f.Mode() != want.mode || !f.Modified.Equal(mtime) {
			t.Errorf("entry %d: %s mode %v mtime %v", i, f.Name, f.Mode(), f.Modified)
		}
	}
}
