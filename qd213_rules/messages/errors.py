"""Messages of input problems, keyed ``errors.<ErrorCode>`` (placeholders: ``{found}``,
``{expected}`` and the problem's own params)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "errors.where.fact": ("(dữ kiện {id})", "(fact {id})"),
}
