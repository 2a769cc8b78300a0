"""greentasks: the headless core of the green-development task tracker.

Nothing in this package imports Qt; the desktop app in ``ui/`` is a thin layer over it.
"""

__version__ = "0.1.0"
