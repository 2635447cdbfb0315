"""A French date field (JJ/MM/AAAA, calendar picker) and the reading of what it holds."""

from datetime import date, datetime

from nicegui import ui


def fr_date_input(label: str, value: date | None = None) -> ui.date_input:
    field = ui.date_input(label, value=value.strftime('%d/%m/%Y') if value else None).classes('w-48')
    field.picker.props['mask'] = 'DD/MM/YYYY'
    field.props('placeholder=JJ/MM/AAAA clearable')
    return field


def read_fr_date(value: object) -> date | str | None:
    """The date typed or picked; the text itself when unreadable (the service then says what to fix)."""
    text = str(value or '').strip()
    if not text:
        return None
    for pattern in ('%d/%m/%Y', '%Y-%m-%d'):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text
