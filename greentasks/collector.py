"""The cyclic garbage collector held back while the program starts.

Starting means importing SQLAlchemy, PySide6 and the core and building the window: hundreds of
thousands of objects that live as long as the program, which the collector would walk again and
again for nothing (about a tenth of the time until 总览 is painted). The entry points hold it
before their imports; the desktop app releases it once the first view is painted, every other
command as soon as its arguments are read."""

from __future__ import annotations

import gc

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
