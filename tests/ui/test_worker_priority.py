"""PDF renderings give way to the pages: their worker processes run below the server's priority, so a click's
answer does not wait for a core behind a rendering (the pages' preview and the staff's ZIP export alike)."""

import os

from nicegui.testing import User

from components import busy
from services.pdf_export import process_pool
from services.worker_priority import NICENESS_INCREMENT


def below_the_server() -> int:
    return min(os.getpriority(os.PRIO_PROCESS, 0) + NICENESS_INCREMENT, 19)


async def test_a_rendering_for_a_page_runs_below_the_server(user: User) -> None:
    server = os.getpriority(os.PRIO_PROCESS, 0)
    first = await busy.cpu_bound(os.getpriority, os.PRIO_PROCESS, 0)
    again = await busy.cpu_bound(os.getpriority, os.PRIO_PROCESS, 0)
    assert (first, again) == (below_the_server(), below_the_server())  # lowered once, not at every job
    assert os.getpriority(os.PRIO_PROCESS, 0) == server  # the server's own process keeps its priority


def test_the_export_pool_renders_below_the_server() -> None:
    with process_pool(1) as pool:
        niceness = [pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result() for _job in range(2)]
    assert niceness == [below_the_server()] * 2
