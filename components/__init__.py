"""Reusable UI pieces. They receive plain data and callbacks; none touches the database."""
