"""Service reads from pages run in a worker thread so a slow query never blocks other visitors.

The helpers live in components/busy.py (they also show « Chargement… » on long waits and carry the tab's
language into the thread); this module keeps the name the pages import.
"""

from components.busy import ServerStopping, in_thread

__all__ = ['ServerStopping', 'in_thread']
