"""`pstage`: the command line — serve, migrate, demo data, accounts."""

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence

from services import database, schema
from settings import reload_settings


def _connect() -> None:
    settings = reload_settings()
    database.configure(settings.database_url, pool_size=settings.db_pool_size)


def cmd_serve(_args: argparse.Namespace) -> int:
    import app

    app.serve()
    return 0


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    _connect()
    schema.prepare()
    print(f'Base de données à jour (révision {schema.head_revision()}).')
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from services import demo

    _connect()
    schema.prepare()
    if args.if_empty and not demo.database_is_empty():
        print('Données de démonstration déjà présentes : rien à faire.')
        return 0
    try:
        summary = demo.seed_demo(seed=args.seed)
    except ValueError as refused:  # the database already holds data
        print(refused, file=sys.stderr)
        return 1
    print(f'Données de démonstration créées : {summary}')
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from services import accounts

    _connect()
    schema.prepare()
    password = args.password or getpass.getpass('Mot de passe : ')
    try:
        accounts.create_admin(args.login, password, display_name=args.name or args.login)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f'Compte administrateur « {args.login} » créé.')
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from services import privacy

    _connect()
    schema.prepare()
    report = privacy.purge_older_than(privacy.system_actor(), args.older_than)
    print(f'Conventions anonymisées : {report.conventions} ; étudiants anonymisés : {report.students}.')
    return 0


def cmd_export_personal_data(args: argparse.Namespace) -> int:
    import json

    from services import privacy

    _connect()
    schema.prepare()
    try:
        data = privacy.export_personal_data(privacy.system_actor(), args.login)
    except LookupError:
        print(f'Aucun compte « {args.login} ».', file=sys.stderr)
        return 1
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, 'w', encoding='utf-8') as output:
            output.write(text + '\n')
        print(f'Données de « {args.login} » écrites dans {args.output}.')
    else:
        print(text)
    return 0


def cmd_render_pdf(args: argparse.Namespace) -> int:
    from pathlib import Path

    from services import documents

    _connect()
    schema.prepare()
    try:
        job = documents.operator_print_job(args.number, documents.Document(args.document), args.lang)
    except documents.DocumentUnavailable as missing:
        print(missing, file=sys.stderr)
        return 1
    output = Path(args.output or job.filename)
    output.write_bytes(documents.render_job(job))
    print(f'{output} écrit ({output.stat().st_size} octets).')
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from services import backup

    _connect()
    target = Path(args.file)
    try:
        backup.backup(target)
    except backup.BackupError as error:
        print(error, file=sys.stderr)
        return 1
    rows = sum(backup.row_counts().values())
    print(f'Sauvegarde écrite dans {target} ({target.stat().st_size} octets, {rows} lignes).')
    print('Gardez aussi la clé de chiffrement des NIR (PSTAGE_ENCRYPTION_KEY) et le dossier des fichiers.')
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from services import backup

    _connect()
    if not args.yes:
        if not sys.stdin.isatty():
            print('La restauration remplace toutes les données : ajoutez --yes pour confirmer.', file=sys.stderr)
            return 1
        answer = input('La restauration remplace toutes les données actuelles. Continuer ? [o/N] ')
        if answer.strip().lower() not in ('o', 'oui', 'y', 'yes'):
            print('Restauration annulée.')
            return 1
    try:
        backup.restore(Path(args.file))
    except backup.BackupError as error:
        print(error, file=sys.stderr)
        return 1
    rows = sum(backup.row_counts().values())
    print(f'Base restaurée depuis {args.file} ({rows} lignes). Migrations appliquées au prochain démarrage.')
    return 0


def cmd_import_organisations(args: argparse.Namespace) -> int:
    from pathlib import Path

    from services.imports import organisations
    from services.privacy import system_actor

    source = Path(args.file)
    if not source.is_file():
        print(f'Fichier introuvable : {source}', file=sys.stderr)
        return 1
    _connect()
    schema.prepare()

    def progress(done: int, total: int) -> None:
        print(f'\r{done}/{total} lignes', end='', file=sys.stderr, flush=True)

    try:
        report = organisations.import_file(system_actor(), source, progress=progress)
    except organisations.ImportRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    print(file=sys.stderr)
    for error in report.errors:
        print(f'ligne {error.line} ({error.siret or "sans SIRET"}) : {error.reason}', file=sys.stderr)
    if args.errors and report.errors:
        Path(args.errors).write_text(report.errors_csv(), encoding='utf-8')
    print(' ; '.join(f'{label} : {count}' for label, count in organisations.describe(report).items()))
    return 0


def _import_people(args: argparse.Namespace, what: str) -> int:
    """pstage import-students / import-teachers: good lines in, refused lines listed (exit code 1 if any)."""
    from pathlib import Path

    from services.imports import students, teachers
    from services.imports.common import describe
    from services.privacy import system_actor
    from services.rules.fields import FieldError

    source = Path(args.file)
    if not source.is_file():
        print(f'Fichier introuvable : {source}', file=sys.stderr)
        return 1
    _connect()
    schema.prepare()

    def progress(done: int, total: int) -> None:
        print(f'\r{done}/{total} lignes', end='', file=sys.stderr, flush=True)

    run = students.import_students if what == 'students' else teachers.import_teachers
    try:
        report = run(system_actor(), source.read_bytes(), progress=progress)
    except FieldError as refused:  # the file itself (its header) is wrong
        print(refused, file=sys.stderr)
        return 1
    print(file=sys.stderr)
    for error in report.errors:
        print(f'ligne {error.line} ({error.key or "?"}) : {error.reason}', file=sys.stderr)
    if args.errors and report.errors:
        key = 'numero_etudiant' if what == 'students' else 'email'
        Path(args.errors).write_bytes(report.errors_csv(key))
    print(describe(report))
    return 1 if report.errors else 0


def cmd_import_students(args: argparse.Namespace) -> int:
    return _import_people(args, 'students')


def cmd_import_teachers(args: argparse.Namespace) -> int:
    return _import_people(args, 'teachers')


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='pstage', description='PStage — conventions et offres de stage')
    commands = parser.add_subparsers(dest='command', required=True)

    commands.add_parser('serve', help="démarre l'application web").set_defaults(handler=cmd_serve)

    db = commands.add_parser('db', help='base de données').add_subparsers(dest='db_command', required=True)
    db.add_parser('upgrade', help='applique les migrations').set_defaults(handler=cmd_db_upgrade)

    seed = commands.add_parser('seed-demo', help='crée les données de démonstration')
    seed.add_argument('--if-empty', action='store_true', help='seulement si la base est vide')
    seed.add_argument('--seed', type=int, default=2026, help='graine du générateur (reproductible)')
    seed.set_defaults(handler=cmd_seed_demo)

    admin = commands.add_parser('create-admin', help='crée un compte administrateur local')
    admin.add_argument('login')
    admin.add_argument('--name')
    admin.add_argument('--password', help='sinon demandé de façon interactive')
    admin.set_defaults(handler=cmd_create_admin)

    purge = commands.add_parser('purge', help='RGPD : anonymise les conventions terminées depuis longtemps')
    purge.add_argument('--older-than', type=int, required=True, metavar='ANNÉES', help='durée de conservation')
    purge.set_defaults(handler=cmd_purge)

    export = commands.add_parser('export-personal-data', help="RGPD : toutes les données d'une personne (JSON)")
    export.add_argument('login')
    export.add_argument('--output', help='fichier de sortie (sinon la sortie standard)')
    export.set_defaults(handler=cmd_export_personal_data)

    render = commands.add_parser('render-pdf', help='imprime une convention, son attestation ou un avenant en PDF')
    render.add_argument('number', help='numéro de la convention (ou de l’avenant : 2026-000123-A1)')
    render.add_argument('--document', choices=['convention', 'attestation', 'avenant'], default='convention')
    render.add_argument('--lang', choices=['fr', 'en', 'de', 'es'], default='fr', help="langue d'impression")
    render.add_argument('-o', '--output', help='fichier PDF à écrire (par défaut : nom du document)')
    render.set_defaults(handler=cmd_render_pdf)

    save = commands.add_parser(
        'backup', help='sauvegarde toute la base (SQLite : copie à chaud ; PostgreSQL : pg_dump)'
    )
    save.add_argument('file', help='fichier de sauvegarde à écrire')
    save.set_defaults(handler=cmd_backup)

    restore = commands.add_parser('restore', help='remplace toute la base par une sauvegarde (arrêtez le serveur)')
    restore.add_argument('file', help='fichier écrit par pstage backup')
    restore.add_argument('--yes', action='store_true', help='sans demander de confirmation')
    restore.set_defaults(handler=cmd_restore)

    imports = commands.add_parser(
        'import-organisations', help="importe des établissements d'accueil (CSV, dont un extrait SIRENE)"
    )
    imports.add_argument('file', help='fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252)')
    imports.add_argument('--errors', metavar='CSV', help='écrit les lignes refusées dans ce fichier')
    imports.set_defaults(handler=cmd_import_organisations)

    for name, handler, what in (
        ('import-students', cmd_import_students, 'des étudiants (clé : numéro étudiant)'),
        ('import-teachers', cmd_import_teachers, 'des enseignants (clé : e-mail)'),
    ):
        people = commands.add_parser(name, help=f'importe {what} depuis un fichier CSV ; relancer ne change rien')
        people.add_argument('file', help='fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252)')
        people.add_argument('--errors', metavar='CSV', help='écrit les lignes refusées et leur motif dans ce fichier')
        people.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == '__main__':
    sys.exit(main())
