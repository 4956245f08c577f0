"""Wording of the command line and the app's chrome."""

UI: dict[str, tuple[str, str]] = {
    "cli.error": ("错误", "Error"),
}
