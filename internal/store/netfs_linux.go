package store

import "syscall"

// Magic numbers of network file systems in statfs(2)'s f_type (linux/magic.h).
var networkMagic = map[int64]string{
	0x6969:     "NFS",
	0x517b:     "SMB",
	0xff534d42: "CIFS",
	0xfe534d42: "SMB2",
}

// networkFS names the network file system dir is on, or "".
func networkFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	return networkMagic[int64(st.Type)&0xffffffff]
}
