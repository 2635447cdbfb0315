"""How long a page lives on the server once its browser has let go of it.

NiceGUI keeps a disconnected page for `reconnect_timeout` (20 s here) in case its browser comes back: a phone
changing network, a server busy for a moment. A page whose browser tab has loaded another page meanwhile will
not come back: nicegui.js keeps a tab's id across its navigations and reloads (a duplicated tab gets a new
one), and a page the browser restores from its history reloads itself when the server no longer knows it.
Such a page is deleted as soon as its tab's new page is connected and it is not: kept, it only filled the heap
that every full garbage collection walks with the event loop stopped — about half of the pages an instance held
under load (bench/load.py's heap census: 195–234 pages per instance before, 94–111 after). Its delete handlers run
first: the wizard saves what was typed just before leaving (pages/wizard/state.Autosave).
"""

import asyncio

from nicegui import Client, app


def delete_pages_left(tab_id: str | None) -> None:
    """Delete the disconnected pages of a tab that shows another, connected page."""
    if tab_id is None:
        return
    pages = [page for page in Client.instances.values() if page._pinned_tab_id == tab_id]
    if not any(page.has_socket_connection for page in pages):
        return  # the tab may yet come back to its page
    for page in pages:
        if not page.has_socket_connection and page._delete_tasks and not page.is_deleted:
            for waiting in page._delete_tasks.values():
                waiting.cancel()
            page._delete_tasks.clear()
            page._num_connections.clear()
            page.delete()


def _after_nicegui(client: Client) -> None:
    # NiceGUI sets up a page's deletion after running its disconnect handlers: look once it has.
    asyncio.get_running_loop().call_soon(delete_pages_left, client._pinned_tab_id)


def install() -> None:
    """Both orders happen: the old page's socket closes before the new page connects, or just after."""
    app.on_connect(_after_nicegui)
    app.on_disconnect(_after_nicegui)
