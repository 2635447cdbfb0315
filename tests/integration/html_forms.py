"""Read a form out of an HTML page the way a browser would submit it (action, method, hidden fields)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    element_id: str | None = None


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or '' for name, value in attrs}
        if tag == 'form':
            self.forms.append(Form(values.get('action', ''), values.get('method', 'get').lower(), {}, values.get('id')))
        elif tag == 'input' and self.forms and values.get('name'):
            self.forms[-1].fields[values['name']] = values.get('value', '')


def forms_in(html: str, page_url: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        form.action = urljoin(page_url, form.action or page_url)
    return parser.forms
