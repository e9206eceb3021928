"""The errors a user can act on. The CLI turns each into one message and exit code 2, never a traceback.

- ConfigError: bad options or parameters (the message names the option and the fix).
- DataError: a dataset's content is broken or hostile (the message names the file and, where there is
  one, the sample key). Readers that skip-and-count (the trainer's loader) count it instead of stopping.
"""

from __future__ import annotations


class FactoryError(Exception):
    """An expected failure whose message tells the user what is wrong and what to do."""


class ConfigError(FactoryError, ValueError):
    """Bad user input: the message names the problem and the fix."""


class DataError(FactoryError, ValueError):
    """A dataset file is malformed or unsafe to use: the message names the file (and key)."""
