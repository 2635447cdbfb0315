"""Integration tests use the fixtures of tests/conftest.py: `postgres_url` (this process's PostgreSQL test
database, with the test world), `any_database` (the test once on SQLite and once on PostgreSQL) and
`fresh_database` (the backend chosen by PSTAGE_TEST_BACKEND). The PostgreSQL plumbing is in tests/backends.py.
"""
