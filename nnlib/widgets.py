"""The book's interactive panels under the name the chapters use: ``nnlib.widgets.X``
is :mod:`nnlib.panels`'s ``X`` (one module per panel there)."""

from .panels import *  # noqa: F401,F403
from .panels import __all__  # noqa: F401
