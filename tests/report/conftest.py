"""Shared material for the report tests: saves of seeded games, and a strict reading of HTML
(every element closed in order, nothing fetched from elsewhere, no script)."""

from __future__ import annotations

import csv
import functools
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.ai.match import play
from game.ai.registry import PERSONALITIES, make_factory
from game.content.levels import resolve_level
from game.model.game import Game
from game.persist import save_game

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class StrictPage(HTMLParser):
    """Reads a page and records every problem: mismatched or unclosed elements, scripts,
    anything loaded from elsewhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self._check(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def _check(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.problems.append(f"<{tag}> in a self-contained page")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if name in ("src", "href") and value and not value.startswith("#"):
                self.problems.append(f"{name}={value!r} points elsewhere")

    def finish(self) -> "StrictPage":
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {self.stack}")
        return self


def read_page(path: Path) -> StrictPage:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = StrictPage()
    page.feed(text)
    return page.finish()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@functools.lru_cache(maxsize=64)
def _played(level_id: str, seed: int, us: str, china: str) -> Game:
    return play(resolve_level(level_id), seed, make_factory(us), make_factory(china))


class Kit:
    personalities = PERSONALITIES
    read_page = staticmethod(read_page)
    read_csv = staticmethod(read_csv)

    @staticmethod
    def played(level_id: str, seed: int, us: str = "pragmatist", china: str = "hardliner") -> Game:
        return _played(level_id, seed, us, china)

    @staticmethod
    def save(game: Game, path: Path, **meta) -> Path:
        return save_game(game, path, meta=meta)

    @staticmethod
    def csv_text(text: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="session")
def kit() -> Kit:
    return Kit()
