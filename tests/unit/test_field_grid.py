"""A label/value list (every recap) is one element whose user-typed values cannot inject markup."""

from nicegui import Client, ui
from nicegui.page import page

from components.display import field_grid


def test_the_pairs_are_one_element_and_values_are_shown_as_typed() -> None:
    client = Client(page('/'), request=None)
    with client, ui.card():
        before = len(client.elements)
        grid = field_grid(
            [
                ('Raison sociale', 'Dupont & Fils <img src=x onerror=alert(1)>'),
                ('Adresse', '3 rue des Tanneurs\n21000 Dijon'),
                ('Téléphone', None),
                ('Effectif', ''),
            ]
        )
    assert len(client.elements) == before + 1
    assert grid.props['tag'] == 'dl'
    html = grid.content
    assert '<dt class="font-medium text-grey-8">Raison sociale</dt>' in html
    assert 'Dupont &amp; Fils &lt;img src=x onerror=alert(1)&gt;' in html  # shown as text, never as markup
    assert '<img' not in html
    assert '3 rue des Tanneurs\n21000 Dijon</dd>' in html  # line breaks kept (whitespace-pre-line)
    assert html.count('<dd class="m-0 whitespace-pre-line">—</dd>') == 2  # empty values read « — »
    client.delete()
