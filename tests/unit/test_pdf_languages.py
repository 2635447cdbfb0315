"""A stage abroad prints in English, German or Spanish: headings, clauses, dates and amounts translated."""

import json

import pytest

from pdf.render import CATALOGUES_DIR
from services.clauses import DEFAULTS_DIR
from services.documents import Document, print_convention
from tests.factories import World
from tests.unit.pdf_support import (
    HOST_NAME,
    STUDENT_FIRST,
    STUDENT_LAST,
    actor,
    create_rich_convention,
    flat,
    page_texts,
)

CONVENTION_HEADINGS = {
    'en': [
        'Internship agreement',
        'Agreement no. 2026-000777',
        'To be printed in 3 copies',
        'Article 6 – Social protection',
        'Article 11 – Validation of an interrupted internship',
        'Annex – Country information sheet',
        'Host country: Germany',
        'The professional supervisor (tutor)',
        'The internship takes place from February 1, 2027 to June 30, 2027.',
        'The intern receives a stipend of €1,234.56 per month (gross).',
        'European Health Insurance Card (EHIC)',
    ],
    'de': [
        'Praktikumsvertrag',
        'Vertrag Nr. 2026-000777',
        'In 3 Exemplaren auszudrucken',
        'Artikel 6 – Sozialversicherung',
        'Artikel 11 – Anerkennung bei Unterbrechung des Praktikums',
        'Anlage – Länderinformationsblatt',
        'Gastland: Deutschland',
        'Der Betreuer in der Gastorganisation (Tutor)',
        'Das Praktikum findet vom 1. Februar 2027 bis zum 30. Juni 2027 statt.',
        'Der Praktikant erhält eine Vergütung von 1.234,56 € pro Monat (brutto).',
        'Europäische Krankenversicherungskarte (EHIC)',
    ],
    'es': [
        'Convenio de prácticas',
        'Convenio n.º 2026-000777',
        'Imprimir en 3 ejemplares',
        'Artículo 6 – Protección social',
        'Artículo 11 – Validación de las prácticas interrumpidas',
        'Anexo – Ficha informativa del país',
        'País de acogida: Alemania',
        'El tutor profesional',
        'Las prácticas se desarrollan del 1 de febrero de 2027 al 30 de junio de 2027.',
        'El estudiante percibe una gratificación de 1.234,56 € al mes (bruto).',
        'Tarjeta Sanitaria Europea (TSE)',
    ],
}

ATTESTATION_HEADINGS = {
    'en': [
        'Internship certificate',
        'Total actual duration of the internship: 665 hours, i.e. 95 days.',
        'Pension rights',
    ],
    'de': [
        'Praktikumsbescheinigung',
        'Tatsächliche Gesamtdauer des Praktikums: 665 Stunden',
        'Anrechnung für die Rente',
    ],
    'es': [
        'Certificado de prácticas',
        'Duración total efectiva de las prácticas: 665 horas',
        'Cómputo para la jubilación',
    ],
}

PAGE_WORDS = {'en': ('Page', 'of'), 'de': ('Seite', 'von'), 'es': ('Página', 'de')}


@pytest.mark.parametrize('language', ['en', 'de', 'es'])
def test_convention_abroad_prints_translated(world: World, language: str) -> None:
    convention_id = create_rich_convention(world, country='DE', print_language=language)
    pages = page_texts(print_convention(actor(world, 'gestion'), convention_id, language=language))
    text = flat('\n'.join(pages))
    assert [heading for heading in CONVENTION_HEADINGS[language] if heading not in text] == []
    assert f'{STUDENT_FIRST} {STUDENT_LAST}' in text  # names as typed, in every language
    assert HOST_NAME in text
    assert 'Traçabilité des œufs bio' in text  # what the parties typed is not translated
    assert 'Convention de stage' not in text
    word, of = PAGE_WORDS[language]
    assert f'{word} 1 {of} {len(pages)}' in flat(pages[0])


@pytest.mark.parametrize('language', ['en', 'de', 'es'])
def test_attestation_prints_translated(world: World, language: str) -> None:
    convention_id = create_rich_convention(world, country='DE', print_language=language)
    text = flat(
        '\n'.join(page_texts(print_convention(actor(world, 'gestion'), convention_id, Document.ATTESTATION, language)))
    )
    assert [heading for heading in ATTESTATION_HEADINGS[language] if heading not in text] == []
    assert 'Attestation de stage' not in text


@pytest.mark.parametrize('folder', [CATALOGUES_DIR, DEFAULTS_DIR])
def test_every_language_has_every_text(folder: object) -> None:
    french = json.loads((folder / 'fr.json').read_text(encoding='utf-8'))  # type: ignore[operator]
    for language in ('en', 'de', 'es'):
        other = json.loads((folder / f'{language}.json').read_text(encoding='utf-8'))  # type: ignore[operator]
        assert set(other) == set(french), language
        assert all(value.strip() for value in other.values())
