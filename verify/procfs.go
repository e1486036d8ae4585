package verify

import (
	"encoding/hex"
	"fmt"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ProcStat holds the fields of /proc/PID/stat that the checks use.
type ProcStat struct {
	PID   int
	Comm  string
	State string // one letter: R, S, D, Z, T, ...
	PPID  int
}

// minStatFields is how many fields at least follow "(comm)" in a real
// /proc/PID/stat line (the kernel has written 44 or more since 2.6).
const minStatFields = 20

// ParseProcStat parses one /proc/PID/stat record. The command name is
// enclosed in parentheses and may itself contain spaces, parentheses and
// even newlines, so it runs from the first '(' to the last ')'.
func ParseProcStat(s string) (ProcStat, error) {
	s = strings.TrimRight(s, "\n")
	open := strings.IndexByte(s, '(')
	close := strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return ProcStat{}, fmt.Errorf("proc stat: no (comm) in %q", s)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(s[:open]))
	if err != nil || pid <= 0 {
		return ProcStat{}, fmt.Errorf("proc stat: bad pid in %q", s)
	}
	rest := strings.Fields(s[close+1:])
	if len(rest) < minStatFields {
		return ProcStat{}, fmt.Errorf("proc stat: %d fields after comm in %q, want at least %d", len(rest), s, minStatFields)
	}
	if len(rest[0]) != 1 || rest[0][0] < 'A' || rest[0][0] > 'z' {
		return ProcStat{}, fmt.Errorf("proc stat: bad state %q", rest[0])
	}
	ppid, err := strconv.Atoi(rest[1])
	if err != nil {
		return ProcStat{}, fmt.Errorf("proc stat: bad ppid %q", rest[1])
	}
	return ProcStat{PID: pid, Comm: s[open+1 : close], State: rest[0], PPID: ppid}, nil
}

// ParseProcStats parses the concatenation of several /proc/PID/stat files
// (one record per line). A record whose command name contains a newline
// spans several lines: lines are joined until they parse. Records that
// never parse (a process that exited mid-read, say) are skipped.
func ParseProcStats(data string) []ProcStat {
	var out []ProcStat
	lines := strings.Split(data, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		rec := lines[i]
		// A record is at most a few lines long (the comm is 15 bytes at
		// most). A line that parses on its own starts a new record.
		for j := i; j < len(lines) && j < i+16; j++ {
			if j > i {
				if _, err := ParseProcStat(lines[j]); err == nil {
					break
				}
				rec += "\n" + lines[j]
			}
			if st, err := ParseProcStat(rec); err == nil {
				out = append(out, st)
				i = j
				break
			}
		}
	}
	return out
}

// OrphanZombies returns the zombies whose parent is PID 1: children that
// PID 1 inherited and did not reap.
func OrphanZombies(procs []ProcStat) []ProcStat {
	var z []ProcStat
	for _, p := range procs {
		if p.State == "Z" && p.PPID == 1 {
			z = append(z, p)
		}
	}
	return z
}

// Socket is one line of /proc/net/tcp or /proc/net/tcp6.
type Socket struct {
	LocalIP string
	Port    int
	State   int // 0x0A is LISTEN
	UID     int
	Inode   uint64
}

const tcpListen = 0x0A

// Listening reports whether the socket is in state LISTEN.
func (s Socket) Listening() bool { return s.State == tcpListen }

// ParseNetTCP parses the contents of /proc/net/tcp and/or /proc/net/tcp6
// (header lines are skipped, so both files may be concatenated).
func ParseNetTCP(data string) []Socket {
	var out []Socket
	for _, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) < 10 || !strings.HasSuffix(f[0], ":") {
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSuffix(f[0], ":")); err != nil {
			continue // header
		}
		ip, port, ok := parseHexAddr(f[1])
		if !ok {
			continue
		}
		st, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(f[7])
		inode, err := strconv.ParseUint(f[9], 10, 64)
		if err != nil {
			continue
		}
		out = append(out, Socket{LocalIP: ip, Port: port, State: int(st), UID: uid, Inode: inode})
	}
	return out
}

// parseHexAddr decodes "0100007F:1F90" (IPv4) or a 32-hex-digit IPv6
// address and port. The address is printed by the kernel as 32-bit words
// in host byte order; this assumes a little-endian host (amd64, arm64).
func parseHexAddr(s string) (ip string, port int, ok bool) {
	host, p, found := strings.Cut(s, ":")
	if !found {
		return "", 0, false
	}
	pn, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return "", 0, false
	}
	raw, err := hex.DecodeString(host)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return "", 0, false
	}
	for w := 0; w+4 <= len(raw); w += 4 {
		raw[w], raw[w+1], raw[w+2], raw[w+3] = raw[w+3], raw[w+2], raw[w+1], raw[w]
	}
	return net.IP(raw).String(), int(pn), true
}

var socketRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`socket:\[(\d+)\]`) })

// SocketInodes extracts the inode numbers of "socket:[N]" links from a
// listing of /proc/PID/fd (ls -l or readlink output).
func SocketInodes(listing string) map[uint64]bool {
	m := map[uint64]bool{}
	for _, sm := range socketRE().FindAllStringSubmatch(listing, -1) {
		if n, err := strconv.ParseUint(sm[1], 10, 64); err == nil {
			m[n] = true
		}
	}
	return m
}

// ListeningPorts returns the sorted, distinct ports of the sockets in
// state LISTEN whose inode is in owned (all of them when owned is nil).
func ListeningPorts(socks []Socket, owned map[uint64]bool) []int {
	return ContainerListeningPorts(socks, owned, -1)
}

// ContainerListeningPorts is ListeningPorts that also keeps the listening
// sockets whose owner is uid (none when uid < 0). Reading a process's
// /proc/PID/fd needs ptrace access, which a non-dumpable process (one
// that gained a file capability, such as a server given
// cap_net_bind_service to bind port 80) denies even to its own UID: its
// sockets were missed. The socket's UID column needs no such access, and
// the random UID verify runs as is the container's alone.
func ContainerListeningPorts(socks []Socket, owned map[uint64]bool, uid int) []int {
	seen := map[int]bool{}
	var ports []int
	for _, s := range socks {
		mine := owned == nil || owned[s.Inode] || (uid >= 0 && s.UID == uid)
		if !s.Listening() || !mine || seen[s.Port] {
			continue
		}
		seen[s.Port] = true
		ports = append(ports, s.Port)
	}
	sort.Ints(ports)
	return ports
}
