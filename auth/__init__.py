"""Authentication: local accounts, SSO, the session, and the page guard."""
