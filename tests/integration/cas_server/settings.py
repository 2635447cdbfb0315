"""Minimal Django settings for django-cas-server under test: SQLite, one test user, attributes released.

Configured by environment: CAS_DB (SQLite path), CAS_TEST_ATTRIBUTES (JSON).
"""

import json
import os

SECRET_KEY = 'pstage-tests-only-cas-secret-key'
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'cas_server',
]
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.locale.LocaleMiddleware',
]
ROOT_URLCONF = 'tests.integration.cas_server.urls'
TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ]
        },
    }
]
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.environ.get('CAS_DB', 'cas.sqlite3')}}
STATIC_URL = '/static/'
USE_TZ = True
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'

CAS_AUTH_CLASS = 'cas_server.auth.TestAuthUser'
CAS_TEST_USER = 'jnouvel'
CAS_TEST_PASSWORD = 'cas-test-password'
CAS_TEST_ATTRIBUTES = json.loads(os.environ.get('CAS_TEST_ATTRIBUTES', '{}'))
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_SHOW_POWERED = False
