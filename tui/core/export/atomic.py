"""Write a file so that readers only ever see the old content or the whole new one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def _new_file_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give a new file (0o666 less the umask)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no portable way to read it without setting it
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(
    path: str | os.PathLike[str], text: str, *, overwrite: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same directory.

    The temporary file is flushed to disk, then renamed over ``path`` (``os.replace``), so an
    interrupted write (an exception, Ctrl-C) leaves ``path`` as it was and no temporary file
    behind.  Raises ``FileExistsError`` when ``path`` exists and ``overwrite`` is False (checked
    again at the rename where the file system allows, so a file that appears meanwhile is not
    clobbered), and ``IsADirectoryError`` when it is a folder.  Text is written as given: no
    newline translation.  Returns the path written.
    """
    target = Path(path)
    if target.is_dir():  # (else "exists; overwrite?", then "Is a directory" once agreed)
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} already exists")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                               dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, target)
        else:
            _publish_new(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _publish_new(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (no race where possible)."""
    try:
        os.link(tmp, target)  # fails with FileExistsError if the target appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): check, then rename
        if target.exists():
            raise FileExistsError(f"{target} already exists") from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)
