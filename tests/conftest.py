"""Shared pytest configuration for tests/.

pyproject turns warnings into errors; hypothesis's failure reporting can import mypy_extensions,
whose deprecation warning would then hide the real failing example.
"""


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")
