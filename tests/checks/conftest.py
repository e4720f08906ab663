"""The `docs` fixture of the content-check tests (tests/checks/helpers.py)."""

from tests.checks.helpers import docs  # noqa: F401  (a fixture: pytest finds it here)
