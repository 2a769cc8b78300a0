"""The cyclic garbage collector held back while the program starts, and while a large result is
built.

Starting means importing SQLAlchemy, PySide6 and the core and building the window: hundreds of
thousands of objects that live as long as the program, which the collector would walk again and
again for nothing (about a tenth of the time until 总览 is painted). The entry points hold it
before their imports; the desktop app releases it once the first view is painted, every other
command as soon as its arguments are read.

A large result (a ledger's 80,000 cells, a 通报's thousands of table rows, the rows of twenty
documents) is the same case on a smaller scale: every object made survives until the result is
done, and each full collection walks them all again (a fifth to a third of a 通报's time). Those
builds run with the collector paused (``collector_paused``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_held = False


def hold_collector() -> None:
    """Pause automatic collection (only if it runs: a caller that turned it off keeps it off)."""
    global _held
    if gc.isenabled() and not _held:
        gc.disable()
        _held = True


def release_collector() -> None:
    """Collect what start-up left, keep the objects that survive out of later collections
    (``gc.freeze``: they live as long as the program), and let the collector run again. Does
    nothing unless ``hold_collector`` paused it, so a program embedding the core is never affected."""
    global _held
    if not _held:
        return
    _held = False
    gc.collect()
    gc.freeze()
    gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block (a decorator too). The collector is process-wide:
    a block that finds it paused (start-up, another thread's block) leaves it as it is, and the
    first block to pause it lets it run again when it ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
