"""« Recherche responsable pédagogique »: fuzzy search of the teachers' directory by nom and prénom.

Accent- and case-insensitive, typo-tolerant ("benard" finds "Bénard"). A university has a few
thousand teachers: their normalised names are kept in memory. Each query word selects the distinct
name words it begins (live typing) or resembles (Indel ratio, cheap on short words; WRatio there
would cost 15× more), and the teachers owning them are ranked by WRatio over « nom prénom » and
« prénom nom ». The copy is rebuilt when a Teacher row is written
by this process, or when the table's row count/highest id changed (checked every `RECHECK_SECONDS`).
"""

import bisect
import threading
import time
from dataclasses import dataclass, replace

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import col, select

from models import Composante, Teacher
from services.actor import Actor
from services.database import engine, session_scope
from services.i18n import _
from services.permissions import Action, PermissionDenied, can
from services.text import normalise

SCORE_CUTOFF = 75  # WRatio of the whole query against a full name
WORD_CUTOFF = 70  # Indel ratio of one query word against one name word: 'benard' ~ 'bernard' (92)
RECHECK_SECONDS = 30.0


@dataclass(frozen=True)
class TeacherHit:
    id: int
    last_name: str
    first_name: str
    email: str
    discipline: str | None
    composante: str | None
    score: float = 0.0

    @property
    def full_name(self) -> str:
        return f'{self.last_name.upper()} {self.first_name}'


@dataclass(frozen=True)
class _Directory:
    key: tuple[str, int, int]
    checked_at: float
    hits: list[TeacherHit]
    spellings: list[tuple[str, str]]  # per teacher: ("nom prénom", "prénom nom"), normalised
    words: list[str]  # distinct normalised words of every name, sorted
    owners: list[list[int]]  # for words[i], the indexes of the teachers whose name holds it


_lock = threading.Lock()
_directory: _Directory | None = None
_stale = True


def _mark_stale(*_args: object) -> None:
    global _stale
    _stale = True


for _event in ('after_insert', 'after_update', 'after_delete'):
    sa.event.listen(Teacher, _event, _mark_stale)


def _table_key() -> tuple[str, int, int]:
    with session_scope() as session:
        count, highest = session.exec(
            select(sa.func.count(), sa.func.coalesce(sa.func.max(Teacher.id), 0)).where(col(Teacher.active))
        ).one()
    return str(engine().url), int(count), int(highest or 0)


def _load(key: tuple[str, int, int]) -> _Directory:
    with session_scope() as session:
        rows = session.exec(
            select(Teacher, Composante.name)
            .join(Composante, col(Composante.id) == Teacher.composante_id, isouter=True)
            .where(col(Teacher.active))
            .order_by(col(Teacher.last_name), col(Teacher.first_name))
        ).all()
    hits: list[TeacherHit] = []
    spellings: list[tuple[str, str]] = []
    owners_of: dict[str, list[int]] = {}
    for index, (teacher, composante) in enumerate(rows):
        assert teacher.id is not None
        hits.append(
            TeacherHit(teacher.id, teacher.last_name, teacher.first_name, teacher.email, teacher.discipline, composante)
        )
        last, first = normalise(teacher.last_name), normalise(teacher.first_name)
        spellings.append((f'{last} {first}', f'{first} {last}'))
        for word in {*last.split(), *first.split()}:
            owners_of.setdefault(word, []).append(index)
    words = sorted(owners_of)
    return _Directory(key, time.monotonic(), hits, spellings, words, [owners_of[word] for word in words])


def _current_directory() -> _Directory:
    global _directory, _stale
    with _lock:
        cached = _directory
        url = str(engine().url)
        fresh = cached is not None and not _stale and cached.key[0] == url
        if fresh and cached is not None and time.monotonic() - cached.checked_at < RECHECK_SECONDS:
            return cached
        key = _table_key()
        if fresh and cached is not None and cached.key == key:
            _directory = _Directory(key, time.monotonic(), cached.hits, cached.spellings, cached.words, cached.owners)
        else:
            _stale = False
            _directory = _load(key)
        return _directory


def search_teachers(actor: Actor, text: str, limit: int = 10) -> list[TeacherHit]:
    """Active teachers whose « nom prénom » or « prénom nom » looks like `text`, best first."""
    if not any(can(actor, action) for action in (Action.CONVENTION_CREATE, Action.CONVENTION_UPDATE)):
        raise PermissionDenied(_('Seuls les étudiants et les gestionnaires recherchent un responsable pédagogique.'))
    wanted = normalise(text)
    if len(wanted) < 2:
        return []
    directory = _current_directory()
    candidates: set[int] = set()
    for word in wanted.split():
        close = process.extract(word, directory.words, scorer=fuzz.ratio, limit=None, score_cutoff=WORD_CUTOFF)
        positions = {position for _word, _score, position in close}
        position = bisect.bisect_left(directory.words, word)
        while position < len(directory.words) and directory.words[position].startswith(word):
            positions.add(position)
            position += 1
        for position in positions:
            candidates.update(directory.owners[position])
    scored = []
    for index in candidates:
        direct, reverse = directory.spellings[index]
        score = max(fuzz.WRatio(wanted, direct), fuzz.WRatio(wanted, reverse))
        if score >= SCORE_CUTOFF:
            scored.append((score, index))
    # Ties (WRatio gives many) go to the closest « nom prénom »: typing a surname ranks that surname first.
    scored.sort(key=lambda pair: (-pair[0], -fuzz.ratio(wanted, directory.spellings[pair[1]][0]), pair[1]))
    return [replace(directory.hits[index], score=round(score, 1)) for score, index in scored[:limit]]
