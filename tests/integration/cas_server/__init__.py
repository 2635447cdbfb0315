"""A real CAS 3 server (django-cas-server) for PStage's integration tests."""
