"""One writer per output directory: an exclusive advisory lock (flock) on DIR/.factory.lock, held for the run.

While held, the lock file names its holder (pid, host, start time, command) so that a second writer can say who
it is waiting for; at the end of the run it is emptied, so the dataset's bytes stay a function of the
parameters. The file is never unlinked while in use: a process that opened it just before an unlink would lock
a file nobody else sees. As a dataset directory may still be renamed (--scratch moves it), a lock counts only
if the path names the locked file after flock succeeded.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path

from factory.core.errors import ConfigError
from factory.ownership import LOCK_NAME, shown


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"null")
        return (f"pid {info['pid']} on {info['host']}, started {info['started_utc']}: "
                f"{info['command']}")
    except (OSError, ValueError, TypeError, KeyError):
        return "a process that has not recorded itself yet"


class WriterLock:
    """`with WriterLock(dir, '--out'):` holds DIR's lock or raises ConfigError naming the current holder."""

    def __init__(self, directory: Path, flag: str = "--out"):
        self.path, self.flag = Path(directory) / LOCK_NAME, flag
        self.fd: int | None = None

    def acquire(self) -> "WriterLock":
        for _ in range(10):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                raise ConfigError(f"{self.flag} {shown(self.path.parent)} is being written by another render "
                                  f"({holder}); wait for it to finish or stop it, or choose another directory") \
                    from None
            if self._names(fd):
                self.fd = fd
                self._record()
                return self
            os.close(fd)  # the file was renamed or replaced between open and flock: lock the current one
        raise ConfigError(f"could not lock {shown(self.path)}: it keeps being replaced; is another tool moving it?")

    def _open(self) -> int:
        try:  # never truncate on open: the current holder's record is what a refused writer reports
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as e:
            raise ConfigError(f"cannot open the lock file {shown(self.path)}: {e.strerror}; it must be a regular "
                              f"file the factory can write") from None

    def _names(self, fd: int) -> bool:
        try:
            now = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)

    def _record(self) -> None:
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "command": " ".join(["factory", *sys.argv[1:]])[:1000]}
        data = json.dumps(info).encode("utf-8", "backslashreplace")
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)

    def clear(self) -> None:
        """Empty the lock file while still holding it (the dataset's bytes must not carry who wrote them)."""
        if self.fd is not None:
            os.ftruncate(self.fd, 0)

    def release(self) -> None:
        if self.fd is not None:
            try:
                self.clear()
            finally:
                os.close(self.fd)  # closing the last descriptor releases the flock
                self.fd = None

    def __enter__(self) -> "WriterLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
