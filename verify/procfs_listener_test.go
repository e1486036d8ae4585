package verify

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readProcNet reads what portsScript reads in a container, here for this
// test process: /proc/net/tcp{,6} and the links of its open files.
func readProcNet(t *testing.T) (tcp string, fds string) {
	t.Helper()
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		tcp += string(data)
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	var b strings.Builder
	for _, e := range entries {
		link, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err == nil {
			b.WriteString(e.Name() + " -> " + link + "\n")
		}
	}
	return tcp, b.String()
}

// TestListeningPortsRealListener parses the kernel's own view of listeners
// this test opens: on 0.0.0.0 (tcp4), on the IPv6 wildcard and on loopback.
func TestListeningPortsRealListener(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp (not Linux)")
	}
	var want []int
	for _, nw := range []struct{ network, addr string }{
		{"tcp4", "0.0.0.0:0"},
		{"tcp", ":0"},
		{"tcp4", "127.0.0.1:0"},
	} {
		l, err := net.Listen(nw.network, nw.addr)
		if err != nil {
			t.Logf("listen %s %s: %v", nw.network, nw.addr, err)
			continue
		}
		defer l.Close()
		want = append(want, l.Addr().(*net.TCPAddr).Port)
	}
	if len(want) == 0 {
		t.Skip("cannot listen")
	}
	tcp, fds := readProcNet(t)
	got := ListeningPorts(ParseNetTCP(tcp), SocketInodes(fds))
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("port %d not found among the listening ports of this process %v", p, got)
		}
	}
	// A non-dumpable process's fd links cannot be read: no inode is known,
	// and the sockets are found by their owner alone.
	got = ContainerListeningPorts(ParseNetTCP(tcp), map[uint64]bool{}, os.Getuid())
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("port %d not found by owner uid %d: %v", p, os.Getuid(), got)
		}
	}
	if got := ContainerListeningPorts(ParseNetTCP(tcp), map[uint64]bool{}, -1); len(got) != 0 {
		t.Errorf("no inode and no uid, yet listening ports %v", got)
	}
}
