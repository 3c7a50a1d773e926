"""``python -m qd213_rules`` runs the ``qd213`` command."""

from .cli import run

run()
