"""Renderers: the catalogue and the reports as text, JSON and Markdown."""
