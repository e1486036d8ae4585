package verify

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// statLine builds a realistic /proc/PID/stat line (52 fields).
func statLine(pid int, comm, state string, ppid int) string {
	tail := "1 1 0 -1 4194560 1044 0 0 0 2 1 0 0 20 0 1 0 1234567 1937408 249 18446744073709551615 1 1 0 0 0 0 0 0 65536 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0"
	return fmt.Sprintf("%d (%s) %s %d %s", pid, comm, state, ppid, tail)
}

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		name string
		line string
		want ProcStat
	}{
		{"plain", statLine(1, "tini", "S", 0), ProcStat{1, "tini", "S", 0}},
		{"zombie", statLine(42, "sleep", "Z", 1), ProcStat{42, "sleep", "Z", 1}},
		{"spaces", statLine(7, "Web Content", "R", 3), ProcStat{7, "Web Content", "R", 3}},
		{"parens", statLine(8, "a) Z 1 (b", "S", 5), ProcStat{8, "a) Z 1 (b", "S", 5}},
		{"empty comm", statLine(9, "", "D", 2), ProcStat{9, "", "D", 2}},
		{"trailing newline", statLine(10, "x", "S", 1) + "\n", ProcStat{10, "x", "S", 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseProcStat(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseProcStatErrors(t *testing.T) {
	for _, line := range []string{
		"",
		"garbage",
		"1 (sh S 0",                // no closing paren
		"x (sh) S 0 1 1 0",         // bad pid
		"12 (sh) S 0 1 1",          // truncated
		statLine(3, "sh", "SS", 1), // bad state
		strings.Replace(statLine(3, "sh", "S", 1), " S 1 ", " S x ", 1), // bad ppid
	} {
		if st, err := ParseProcStat(line); err == nil {
			t.Errorf("ParseProcStat(%q) = %+v, want error", line, st)
		}
	}
}

func TestParseProcStats(t *testing.T) {
	data := strings.Join([]string{
		statLine(1, "sleep", "S", 0),
		statLine(12, "sh", "S", 0),
		"",                                  // blank line between files
		statLine(20, "evil\nname", "S", 12), // comm with a newline
		statLine(26, "sleep", "Z", 1),
		"27 (half", // a process that vanished mid-read
		statLine(30, "worker", "Z", 12),
		statLine(31, "(sd-pam)", "Z", 1),
	}, "\n") + "\n"
	got := ParseProcStats(data)
	var pids []int
	for _, p := range got {
		pids = append(pids, p.PID)
	}
	if want := []int{1, 12, 20, 26, 30, 31}; !reflect.DeepEqual(pids, want) {
		t.Fatalf("pids %v, want %v", pids, want)
	}
	if got[2].Comm != "evil\nname" {
		t.Errorf("comm %q", got[2].Comm)
	}
	z := OrphanZombies(got)
	if len(z) != 2 || z[0].PID != 26 || z[1].PID != 31 || z[1].Comm != "(sd-pam)" {
		t.Errorf("OrphanZombies = %+v", z)
	}
	if OrphanZombies(ParseProcStats("")) != nil {
		t.Error("zombies in nothing")
	}
}

const netTCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0
   1: 0100007F:22B8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 23456 1 0000000000000000 100 0 0 10 0
   2: 0100007F:22B8 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 23457 1 0000000000000000 20 4 30 10 -1
`

const netTCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34567 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 45678 1 0000000000000000 100 0 0 10 0
`

func TestParseNetTCP(t *testing.T) {
	socks := ParseNetTCP(netTCP + netTCP6)
	want := []Socket{
		{"0.0.0.0", 80, 0x0A, 0, 12345},
		{"127.0.0.1", 8888, 0x0A, 1000, 23456},
		{"127.0.0.1", 8888, 0x01, 1000, 23457},
		{"::", 8080, 0x0A, 1000, 34567},
		{"::1", 22, 0x0A, 0, 45678},
	}
	if !reflect.DeepEqual(socks, want) {
		t.Fatalf("got %+v\nwant %+v", socks, want)
	}
	if got := ListeningPorts(socks, nil); !reflect.DeepEqual(got, []int{22, 80, 8080, 8888}) {
		t.Errorf("all listening = %v", got)
	}
	owned := SocketInodes(`/proc/1/fd/:
total 0
lrwx------ 1 1000 0 64 Nov 28 14:40 0 -> /dev/null
lrwx------ 1 1000 0 64 Nov 28 14:40 3 -> socket:[23456]
lrwx------ 1 1000 0 64 Nov 28 14:40 4 -> socket:[23457]
lrwx------ 1 1000 0 64 Nov 28 14:40 5 -> anon_inode:[eventpoll]
socket:[34567]`)
	if len(owned) != 3 || !owned[23456] || !owned[34567] {
		t.Errorf("SocketInodes = %v", owned)
	}
	if got := ListeningPorts(socks, owned); !reflect.DeepEqual(got, []int{8080, 8888}) {
		t.Errorf("owned listening = %v", got)
	}
	if got := ListeningPorts(socks, map[uint64]bool{}); got != nil {
		t.Errorf("none owned: %v", got)
	}
	if got := ParseNetTCP("garbage\n  0: zz:00 x x\n"); got != nil {
		t.Errorf("garbage parsed: %+v", got)
	}
}
