"""Version of the qd213-rules package (kept import-free so `qd213 --version` stays fast)."""

__version__ = "0.1.0"
