"""For every test: the user's data folder (saves, autosaves, reports) is a temporary folder, so
that a game played to a year's end in a test never writes into the real
`~/.local/share/bargaining-chips`. A test that needs its own folder sets XDG_DATA_HOME itself."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _data_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "data-home"))
