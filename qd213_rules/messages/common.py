"""Messages shared by every part of the library."""

MESSAGES: dict[str, tuple[str, str]] = {
    "lang.name": ("Tiếng Việt", "English"),
}
