"""The NIR (numéro de sécurité sociale) never reaches a log: every record is masked when it is created."""

import logging
import re
from typing import Any

# 15 digits (sex, year, month, département — 2A/2B for Corsica —, commune, order, key), spaces allowed.
NIR_PATTERN = re.compile(
    r'(?<![0-9A-Za-z])[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![0-9])'
)
MASK = '[NIR masqué]'
_installed = False


def mask_nir(text: str) -> str:
    return NIR_PATTERN.sub(MASK, text)


def install() -> None:
    """Wrap the log record factory once: message, arguments and traceback text are masked for every logger."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def masking_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: keep it as logging would show it
            return record
        masked = mask_nir(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = mask_nir(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(masking_factory)
    _installed = True
