package verify

import (
	"archive/tar"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// capabilityNames are the Linux capabilities by number
// (include/uapi/linux/capability.h), as getcap prints them.
var capabilityNames = []string{
	"cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid",
	"cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable",
	"cap_net_bind_service", "cap_net_broadcast", "cap_net_admin", "cap_net_raw", "cap_ipc_lock",
	"cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
	"cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource",
	"cap_sys_time", "cap_sys_tty_config", "cap_mknod", "cap_lease", "cap_audit_write",
	"cap_audit_control", "cap_setfcap", "cap_mac_override", "cap_mac_admin", "cap_syslog",
	"cap_wake_alarm", "cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf",
	"cap_checkpoint_restore",
}

func capabilityName(bit int) string {
	if bit < len(capabilityNames) {
		return capabilityNames[bit]
	}
	return fmt.Sprintf("cap_%d", bit)
}

// The security.capability extended attribute (struct vfs_cap_data).
const (
	capXattr           = "security.capability"
	vfsCapRevisionMask = 0xFF000000
	vfsCapRevision1    = 0x01000000 // one 32-bit word per set
	vfsCapRevision2    = 0x02000000 // two words per set
	vfsCapRevision3    = 0x03000000 // two words per set and a root UID
	vfsCapEffective    = 0x000001
)

// FileCaps is a decoded security.capability attribute.
type FileCaps struct {
	Permitted, Inheritable []string
	Effective              bool
}

// String renders the capabilities like getcap, e.g.
// "cap_net_bind_service=ep".
func (c FileCaps) String() string {
	var parts []string
	if len(c.Permitted) > 0 {
		flags := "p"
		if c.Effective {
			flags = "ep"
		}
		parts = append(parts, strings.Join(c.Permitted, ",")+"="+flags)
	}
	if len(c.Inheritable) > 0 {
		parts = append(parts, strings.Join(c.Inheritable, ",")+"+i")
	}
	return strings.Join(parts, " ")
}

// ParseFileCaps decodes the value of a security.capability attribute.
func ParseFileCaps(b []byte) (FileCaps, error) {
	if len(b) < 4 {
		return FileCaps{}, errors.New("file capabilities: too short")
	}
	magic := binary.LittleEndian.Uint32(b)
	words := 0
	switch magic & vfsCapRevisionMask {
	case vfsCapRevision1:
		words = 1
	case vfsCapRevision2, vfsCapRevision3:
		words = 2
	default:
		return FileCaps{}, fmt.Errorf("file capabilities: unknown revision %#x", magic&vfsCapRevisionMask)
	}
	if len(b) < 4+8*words {
		return FileCaps{}, fmt.Errorf("file capabilities: %d bytes, want %d", len(b), 4+8*words)
	}
	c := FileCaps{Effective: magic&vfsCapEffective != 0}
	for w := 0; w < words; w++ {
		perm := binary.LittleEndian.Uint32(b[4+8*w:])
		inh := binary.LittleEndian.Uint32(b[8+8*w:])
		for bit := 0; bit < 32; bit++ {
			if perm&(1<<bit) != 0 {
				c.Permitted = append(c.Permitted, capabilityName(32*w+bit))
			}
			if inh&(1<<bit) != 0 {
				c.Inheritable = append(c.Inheritable, capabilityName(32*w+bit))
			}
		}
	}
	return c, nil
}

// fileInArchive is what the first regular file of a tar stream (as
// `docker cp CONTAINER:PATH -` writes it) tells about privileges.
type fileInArchive struct {
	Setuid, Setgid bool
	Caps           *FileCaps // nil when the file has none
}

// readArchivedFile reads the first regular file's header of a tar stream.
// Docker stores a file's security.capability attribute in the tar header
// (PAX record SCHILY.xattr.security.capability), as it does in layers.
func readArchivedFile(r io.Reader) (fileInArchive, error) {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err != nil {
			return fileInArchive{}, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		f := fileInArchive{Setuid: h.Mode&0o4000 != 0, Setgid: h.Mode&0o2000 != 0}
		raw, ok := h.PAXRecords["SCHILY.xattr."+capXattr]
		if !ok {
			raw, ok = h.Xattrs[capXattr] //nolint:staticcheck // older writers fill only Xattrs
		}
		if ok {
			c, err := ParseFileCaps([]byte(raw))
			if err != nil {
				return f, err
			}
			f.Caps = &c
		}
		return f, nil
	}
}
