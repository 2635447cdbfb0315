"""Create the CAS server's database and allow one service, releasing every attribute to it.

Usage: python -m tests.integration.cas_server.bootstrap SERVICE_REGEX
"""

import sys

import django
from django.core.management import call_command


def main(service_pattern: str) -> None:
    django.setup()
    call_command('migrate', verbosity=0, interactive=False)
    from cas_server.models import ReplaceAttributName, ServicePattern

    pattern, _created = ServicePattern.objects.get_or_create(name='PStage', pattern=service_pattern)
    ReplaceAttributName.objects.get_or_create(name='*', replace='', service_pattern=pattern)


if __name__ == '__main__':
    main(sys.argv[1])
