"""One module per screen or screen group; importing this package declares them all."""

from pages import (  # noqa: F401
    administration,
    amendments,
    convention_recap,
    convention_search,
    conventions,
    evaluations,
    exports,
    help,
    home,
    login,
    mail_admin,
    offers,
    organisations,
    statistics,
    validation,
    wizard,
)
