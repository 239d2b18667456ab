"""Reading inputs and writing outputs for the command line, without losing data.

Inputs are read as bytes and decoded here, so Python's universal newlines
never turn ``\\r\\n`` or ``\\r`` into ``\\n``: the cleaned text keeps the input's
line terminators. Outputs go to a temporary file in the target's directory and
are renamed over the target only when complete, so an interrupted run leaves
either the old file or the new one, never half of one. A target that is not a
regular file (a FIFO, a device such as ``/dev/null``) is written directly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from typing import Any, BinaryIO

BINARY_PROBE = 1024  # a NUL byte in this many leading bytes marks the input as binary
HTML_PROBE = 512  # leading bytes searched for an HTML start tag
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BOM = b"\xef\xbb\xbf"
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (_BOM, "utf-8"),
)
_HTML_STARTS = (b"<!doctype html", b"<html")


IS_A_DIRECTORY = "is a directory (use -r to clean the files in it)"


class InputError(Exception):
    """An input that cannot be cleaned; the message is one line, without the file name."""


def read_bytes(path: str) -> bytes:
    """Return the bytes of *path*, or raise :class:`InputError` saying why not."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError(IS_A_DIRECTORY) from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def bom_encoding(data: bytes) -> str | None:
    """The encoding a leading byte-order mark names, or ``None``."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def check_not_binary(data: bytes) -> None:
    offset = data.find(b"\x00", 0, BINARY_PROBE)
    if offset >= 0:
        raise InputError(f"binary input (NUL byte at byte offset {offset}); not cleaned")


def check_not_binary_text(text: str) -> None:
    offset = text.find("\x00", 0, BINARY_PROBE)
    if offset >= 0:
        raise InputError(f"binary input (NUL character at character offset {offset}); not cleaned")


def decode(data: bytes, encoding: str, errors: str) -> str:
    """Decode *data*, dropping a leading byte-order mark; errors name the byte offset."""
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as error:
        hint = "" if errors == "replace" else " (try --encoding or --errors replace)"
        raise InputError(f"not valid {error.encoding} at byte offset {error.start}{hint}") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    return text.removeprefix("\ufeff")


def looks_like_html(path: str | None, data: bytes) -> bool:
    """True for a ``.html``/``.htm`` file or one that starts with ``<!doctype html`` or ``<html``."""
    if path is not None and path.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:HTML_PROBE].removeprefix(_BOM).lstrip().lower()
    return head.startswith(_HTML_STARTS)


def same_file(a: str, b: str) -> bool:
    """True if *a* and *b* name the same file (same path, or the same inode)."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


_temporaries: set[str] = set()  # temporary outputs not yet renamed or removed

# The signals that stop a run like Ctrl-C: finished outputs stay, temporaries go, workers stop quietly.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C's KeyboardInterrupt so that every cleanup path is the same."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_held = 0  # depth of sections during which a stop signal waits
_pending_signal: int | None = None


def _stop(signum: int) -> KeyboardInterrupt:
    return KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signum)


def _on_stop_signal(signum: int, frame: object) -> None:
    global _pending_signal
    if _held:
        if _pending_signal is None:
            _pending_signal = signum
    else:
        raise _stop(signum)


def install_interrupt_handler() -> dict[int, Any]:
    """Let :func:`atomic_writer` hold stop signals back during its bookkeeping (main thread only).

    SIGINT, SIGTERM and SIGHUP all raise (``KeyboardInterrupt`` or its subclass
    :class:`Stopped`), so an interrupted or terminated run removes its temporary
    files and stops its workers the same way. Signals the caller ignores (``nohup``
    sets SIGHUP to be ignored) stay ignored. A Python-level handler rather than a
    signal mask: with a process pool the parent has helper threads, and the kernel
    may hand the signal to any of them. Returns the previous handlers, for
    :func:`restore_interrupt_handler`.
    """
    previous: dict[int, Any] = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is signal.default_int_handler or handler is signal.SIG_DFL:
            signal.signal(signum, _on_stop_signal)
    return previous


def restore_interrupt_handler(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        if signal.getsignal(signum) is _on_stop_signal:
            signal.signal(signum, handler)


def reset_signals_in_worker() -> None:
    """In a worker process: Ctrl-C is the parent's to handle; SIGTERM and SIGHUP end the worker at once.

    A forked worker inherits the parent's Python handlers; with them, the parent's
    own ``terminate()`` of the pool would raise inside the worker and print tracebacks.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS[1:]:
        if signal.getsignal(signum) is _on_stop_signal:
            signal.signal(signum, signal.SIG_DFL)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold stop signals back (the first is raised on leaving) so bookkeeping is never half done."""
    global _held, _pending_signal
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _pending_signal is not None:
            signum, _pending_signal = _pending_signal, None
            raise _stop(signum)


def remove_temporaries() -> None:
    """Remove every temporary output still pending (after an interrupt)."""
    while _temporaries:
        with contextlib.suppress(OSError):
            os.unlink(_temporaries.pop())


def check_in_place(path: str) -> None:
    """Refuse (:class:`InputError`) a file that ``--in-place`` cannot rewrite without harm.

    A file with several hard links would be split by the rename (the other names
    keep the old text), and rewriting it where it stands could leave it half
    written: it is left as it is.
    """
    try:
        links = os.stat(path).st_nlink
    except OSError:
        return  # reading it reports the problem
    if links > 1:
        raise InputError(
            f"has {links} hard links; not rewritten in place (that would split them): write it with -o instead"
        )


@contextlib.contextmanager
def atomic_writer(target: str, mode_from: str | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces *target* only when the block ends without error.

    The temporary file lives in *target*'s directory (``os.replace`` must not
    cross file systems); it is removed on any error. An interrupt can land
    anywhere, so every temporary is registered the moment it exists, and
    :func:`remove_temporaries` removes what is left. With *mode_from*, the
    permission bits, owner and group of that file are copied onto the result
    (owner and group where allowed: as root, or a group the user is in).

    A *target* that exists and is not a regular file (a FIFO, ``/dev/null``, a
    terminal) is opened and written directly: renaming a file over it would
    replace the device or pipe itself.
    """
    if _is_special(target):
        with open(target, "wb") as handle:
            yield handle
        return
    directory = os.path.dirname(os.path.abspath(target))
    with _signals_held():
        try:
            fd, temporary = tempfile.mkstemp(
                prefix=f".{os.path.basename(target)}.", suffix=".newsclean-tmp", dir=directory
            )
        except OSError as error:
            raise OSError(error.errno, error.strerror, target) from None  # name the output, not the temporary
        _temporaries.add(temporary)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
        if mode_from is not None:
            _copy_owner_and_mode(mode_from, temporary)
        else:
            # mkstemp creates 0600 files; give outputs the usual umask-based mode.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        with _signals_held():
            os.replace(temporary, target)
            _temporaries.discard(temporary)
    finally:
        with _signals_held():
            if temporary in _temporaries:
                _temporaries.discard(temporary)
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _is_special(target: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False  # no such file yet (or unreadable): the temporary-and-rename path reports it


def _copy_owner_and_mode(source: str, temporary: str) -> None:
    try:
        info = os.stat(source)
    except OSError:
        return
    # Owner first: chown clears the set-user-ID and set-group-ID bits, which chmod then restores.
    if hasattr(os, "chown"):  # not on Windows
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except OSError:
            with contextlib.suppress(OSError):
                os.chown(temporary, -1, info.st_gid)  # one who may not give a file away may still keep its group
    with contextlib.suppress(OSError):
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
