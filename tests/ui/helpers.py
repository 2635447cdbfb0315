"""Steps shared by the UI stories."""

from nicegui.elements.mixins.value_element import ValueElement
from nicegui.testing import User

from tests.factories import PASSWORD


async def log_in(user: User, login: str, password: str = PASSWORD, *, start: str = '/') -> None:
    await user.open(start)
    user.find(marker='login').type(login)
    user.find(marker='password').type(password)
    user.find(marker='login-submit').click()
    await user.should_see(marker='current-user', retries=50)


def pick(user: User, marker: str, value: object) -> None:
    """Set the value of a select, radio, number… as the person choosing it would."""
    user.find(kind=ValueElement, marker=marker).elements.pop().set_value(value)
