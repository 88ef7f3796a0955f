"""A cache of parsed articles, so a large corpus loads fast the second time.

One pickle per corpus folder in the user cache folder of the platform (``platformdirs``:
``~/.cache/parallax`` or ``$XDG_CACHE_HOME/parallax`` on Linux, ``~/Library/Caches/parallax``
on macOS, ``%LOCALAPPDATA%\\parallax\\Cache`` on Windows; ``PARALLAX_CACHE_DIR`` overrides
it), never inside the corpus. An entry is used only when
the file's path, size, modification time and a hash of its bytes all match, and when the
engine's code is unchanged (the source files of ``tui/core`` are part of the key), so a
changed file or a new version of Parallax is parsed afresh. ``PARALLAX_NO_CACHE=1`` turns the
cache off.

With each article the cache keeps its related-articles signature terms
(``terms.signature_parts``, made when the file is parsed), so ranking a corpus loaded from the
cache does not read every article's text again.

Every failure to read or write the cache is silent: the corpus is then parsed as if there
were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..model import Article
from .terms import remember, signature_parts

FORMAT = 2
HASH_LIMIT = 8 * 1024 * 1024
"""Larger files are not cached (nor read here): the loader refuses them anyway."""
_CODE_KEY: str | None = None


def cache_dir() -> Path | None:
    """Where caches live, or None when caching is turned off."""
    if os.environ.get("PARALLAX_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("PARALLAX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("parallax", appauthor=False))


def _code_key() -> str:
    """A hash of the engine's source files: parsed articles depend on the code that made them."""
    global _CODE_KEY
    if _CODE_KEY is None:
        h = hashlib.blake2b(f"{FORMAT} {sys.version_info[:2]}".encode(), digest_size=16)
        core = Path(__file__).resolve().parent.parent  # (tui/core and its stage folders)
        for source in sorted(core.rglob("*.py")):
            name = source.relative_to(core).as_posix().encode()
            try:
                h.update(name + b"\0" + source.read_bytes())
            except OSError:
                h.update(name + b"\0?")
        _CODE_KEY = h.hexdigest()
    return _CODE_KEY


class CorpusCache:
    """Parsed articles of one corpus folder; ``article()`` returns a cached or fresh one."""

    def __init__(self, file: Path | None, entries: dict | None = None, root: str = ""):
        self.file = file
        self.root = root
        self.entries: dict[str, tuple] = entries or {}
        self.seen: set[str] = set()
        self.changed = False

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> CorpusCache:
        folder = cache_dir()
        if folder is None:
            return cls(None)
        try:
            resolved = str(Path(root).resolve())
            name = hashlib.blake2b(resolved.encode(), digest_size=10).hexdigest()
            file = folder / f"corpus-{name}.pickle"
        except (OSError, RuntimeError, ValueError):
            return cls(None)
        try:
            with open(file, "rb") as fh:
                data = pickle.load(fh)
            if not isinstance(data, dict) or data.get("code") != _code_key() \
                    or data.get("root") != resolved or not isinstance(data.get("entries"), dict):
                raise ValueError("stale or foreign cache")
            return cls(file, data["entries"], resolved)
        except Exception:  # missing, unreadable, corrupt or stale: start empty
            return cls(file, root=resolved)

    def article(self, file: Path, id: str, load: Callable[..., Article]) -> Article:
        """The article in ``file`` with ``id``: from the cache when the file is unchanged,
        else ``load(file, id=id)`` (whose ``LoadError`` passes through, uncached)."""
        if self.file is None:
            return load(file, id=id)
        key = str(file)
        self.seen.add(key)
        try:
            st = file.stat()
            if st.st_size > HASH_LIMIT:
                return load(file, id=id)
            with open(file, "rb") as fh:
                digest = hashlib.blake2b(fh.read(), digest_size=16).digest()
            stamp = (st.st_size, st.st_mtime_ns, digest)
        except OSError:
            return load(file, id=id)
        hit = self.entries.get(key)
        if (isinstance(hit, tuple) and len(hit) == 3 and hit[0] == stamp
                and isinstance(hit[1], Article)):
            article = hit[1]
            remember(article, hit[2])
            return article if article.id == id else replace(article, id=id)
        article = load(file, id=id)
        parts = signature_parts(article.body)  # (a fraction of what parsing the file costs)
        self.entries[key] = (stamp, article, parts)
        self.changed = True
        remember(article, parts)
        return article

    def save(self) -> None:
        """Write the cache if anything changed (entries of files no longer seen are dropped)."""
        if self.file is None:
            return
        gone = set(self.entries) - self.seen
        if not self.changed and not gone:
            return
        for key in gone:
            del self.entries[key]
        data = {"code": _code_key(), "root": self.root, "entries": self.entries}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".corpus-", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except Exception:  # read-only home, full disk, unpicklable value: no cache this time
            return
