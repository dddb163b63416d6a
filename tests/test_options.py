"""Settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from debrief.options import GazetteerOptions, default_cache_dir


def test_user_places_come_from_debrief_places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    a, b = tmp_path / "mine.csv", tmp_path / "SY.zip"
    monkeypatch.setenv("DEBRIEF_PLACES", f"{a}{os.pathsep}{os.pathsep}{b}")
    assert GazetteerOptions().extra_places == (a, b)
    monkeypatch.delenv("DEBRIEF_PLACES")
    assert GazetteerOptions().extra_places == ()


def test_cache_dir_follows_debrief_cache_then_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEBRIEF_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("DEBRIEF_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert default_cache_dir() == tmp_path / "x" / "debrief"


def test_backends_come_from_debrief_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    from debrief.errors import ConfigError
    from debrief.options import PipelineOptions

    monkeypatch.setenv("DEBRIEF_BACKENDS", "events=model, places = gazetteer")
    assert PipelineOptions().overrides == {"events": "model", "places": "gazetteer"}
    monkeypatch.setenv("DEBRIEF_BACKENDS", "events")
    with pytest.raises(ConfigError, match="slot=backend"):
        PipelineOptions()
    monkeypatch.delenv("DEBRIEF_BACKENDS")
    assert PipelineOptions().overrides == {}
