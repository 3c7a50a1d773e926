"""Tests of the command line, the report formats and the user documentation (issue 6)."""
