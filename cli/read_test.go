package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// readLimited reads whole files up to the limit and one byte past it, so
// that a file too large is told apart from one just at the limit.
func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		size, max int
		want      int
	}{
		{0, 10, 0}, {1, 10, 1}, {10, 10, 10}, {11, 10, 11}, {5000, 10, 11}, {5000, 1 << 20, 5000},
	} {
		data := bytes.Repeat([]byte("x"), tc.size)
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readLimited(f, int64(tc.max))
		f.Close()
		if err != nil || len(got) != tc.want || !bytes.Equal(got, data[:tc.want]) {
			t.Errorf("size %d, max %d: read %d bytes (err %v), want %d", tc.size, tc.max, len(got), err, tc.want)
		}
	}
}

// A file that grows after its size was taken is still read to the limit.
func TestReadLimitedPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write(bytes.Repeat([]byte("y"), 3000))
		w.Close()
	}()
	got, err := readLimited(r, 1<<20)
	if err != nil || len(got) != 3000 {
		t.Fatalf("read %d bytes, err %v", len(got), err)
	}
}
