"""Linux Landlock: make the current process (and its children) unable to create, change or delete any file.

Reading stays allowed everywhere (what a process may read is DuckDB's business: see factory.query); every
file-system right that writes is "handled" by a ruleset with no rules, so the kernel denies it on every path.
The restriction is irreversible, so it is only ever applied in a child process made for one query.
Landlock needs Linux >= 5.13 with the LSM enabled (Debian 12, Ubuntu 22.04 and later); elsewhere
`restrict_writes` returns False and the caller says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform

# Syscall numbers are the same on every architecture (allocated after the syscall tables were unified).
SYS_CREATE_RULESET, SYS_RESTRICT_SELF = 444, 446
CREATE_RULESET_VERSION = 1
PR_SET_NO_NEW_PRIVS = 38

WRITE_FILE = 1 << 1
REMOVE_DIR, REMOVE_FILE = 1 << 4, 1 << 5
MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = (1 << n for n in range(6, 13))
REFER = 1 << 13  # ABI 2: link or rename a file into another directory
TRUNCATE = 1 << 14  # ABI 3

WRITE_RIGHTS_ABI1 = (WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG | MAKE_SOCK | MAKE_FIFO
                     | MAKE_BLOCK | MAKE_SYM)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]  # later ABIs add fields; size tells the kernel which


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def abi_version() -> int:
    """The kernel's Landlock ABI version, 0 where Landlock is unavailable."""
    if platform.system() != "Linux":
        return 0
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    v = libc.syscall(ctypes.c_long(SYS_CREATE_RULESET), None, ctypes.c_size_t(0),
                     ctypes.c_uint32(CREATE_RULESET_VERSION))
    return max(0, int(v))


def restrict_writes() -> bool:
    """Deny every write right on the whole file system to this process from now on; False if unsupported."""
    abi = abi_version()
    if abi < 1:
        return False
    rights = WRITE_RIGHTS_ABI1 | (REFER if abi >= 2 else 0) | (TRUNCATE if abi >= 3 else 0)
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    attr = _RulesetAttr(rights)
    fd = libc.syscall(ctypes.c_long(SYS_CREATE_RULESET), ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                      ctypes.c_uint32(0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if libc.syscall(ctypes.c_long(SYS_RESTRICT_SELF), ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        import os

        os.close(fd)
    return True
