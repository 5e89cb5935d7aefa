"""One daemon per SQLite database: an advisory lock on a file next to the database.

SQLite serialises writers, so two daemons on one file would only take turns and compete
for the same due sources; the supported way to run several is PostgreSQL (see README,
"Scaling out"). The lock is `flock` on `<database>.daemon.lock`: the kernel drops it when
the process ends, however it ends — SIGKILL and power loss included — so a stale lock
file never blocks a restart. The file holds the holder's pid, for the refusal message.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import socket
from pathlib import Path
from types import TracebackType

from tracker.errors import TrackerError


class AlreadyRunning(TrackerError):
    """Another daemon holds the database."""

    exit_code = 4


class DaemonLock:
    """Held from `acquire` until `release` (or process exit)."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".daemon.lock")
        self._fd: int | None = None

    def acquire(self) -> DaemonLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another tracker daemon (pid {holder}) is already running on {self.database}; "
                "one daemon per SQLite database — stop it first, or use PostgreSQL to run "
                "several (README: Scaling out)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DaemonLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def worker_id() -> str:
    """Who holds a lease: host, process and a random tag (a pid is reused after a restart)."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"


def is_dead_here(owner: str) -> bool:
    """Whether `owner` (a worker_id) was a process of this host that no longer runs.

    Only a process on this machine can be checked; any other owner's leases are left to
    expire. A pid that exists but is not ours (PermissionError) counts as alive.
    """
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _host() -> str:
    return socket.gethostname()[:60]
