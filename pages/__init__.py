"""One module per screen or screen group; importing this package declares them all."""

from pages import home, login  # noqa: F401
