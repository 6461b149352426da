"""Levels that extend another: only what differs is written, the rest comes from the level
extended, and every mistake is one line naming the file and the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.levels import LEVELS_DIR, LevelError, content_hash, level_to_dict, load_level, parse_level
from game.content.variants import KEYED
from game.model.game import Game
from game.persist.saves import SaveError, load_game, save_game

ROOT = Path(__file__).resolve().parents[2]
BASELINE = load_level(LEVELS_DIR / "baseline-2020.toml")


def variant(tmp_path: Path, text: str, name: str = "variant.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> tuple[str, ...]:
    """The problems of a level file, with the folder it is in left out."""
    with pytest.raises(LevelError) as e:
        load_level(path)
    return tuple(p.replace(f"{path.parent}/", "") for p in e.value.problems)


def test_a_variant_changes_only_what_it_writes(tmp_path):
    level = load_level(variant(tmp_path, """
extends = "baseline-2020"
id = "warm-beijing"
title = "Warm Beijing"
[rules]
formal_threshold = 40.0
[sides.china]
talks_base = 40.0
[[allies]]
id = "japan"
willingness = 0.6
"""))
    assert (level.id, level.title) == ("warm-beijing", "Warm Beijing")
    assert level.rules.formal_threshold == 40.0
    assert level.rules.exploratory_threshold == BASELINE.rules.exploratory_threshold
    assert level.sides["china"].talks_base == 40.0
    assert level.sides["china"].forces == BASELINE.sides["china"].forces
    japan = level.allies[0]
    assert (japan.id, japan.willingness) == ("japan", 0.6)
    assert japan.domestic_opposition == BASELINE.allies[0].domestic_opposition
    assert level.allies[1:] == BASELINE.allies[1:]
    assert (level.classes, level.sites, level.events) == (BASELINE.classes, BASELINE.sites, BASELINE.events)


def test_new_entries_are_added_removed_ones_dropped_and_lists_replaced(tmp_path):
    dropped = BASELINE.events[0].id
    level = load_level(variant(tmp_path, f"""
extends = "baseline-2020"
id = "changed-deck"
remove = {{ events = ["{dropped}"] }}
[objectives.us]
goals = ["Only this goal."]
[[events]]
id = "new-card"
title = "A new card"
text = "Something happens."
effects = [{{ kind = "tension", delta = 5.0 }}]
[[exchange_rates]]
give = "air"
get = "ground-launched"
china_view = 6.0
"""))
    assert [e.id for e in level.events] == [e.id for e in BASELINE.events[1:]] + ["new-card"]
    assert level.objectives["us"].goals == ("Only this goal.",)
    assert level.objectives["us"].summary == BASELINE.objectives["us"].summary
    air = next(r for r in level.exchange_rates if (r.give, r.get) == ("air", "ground-launched"))
    before = next(r for r in BASELINE.exchange_rates if (r.give, r.get) == ("air", "ground-launched"))
    assert (air.us_view, air.china_view) == (before.us_view, 6.0)
    assert len(level.exchange_rates) == len(BASELINE.exchange_rates)


def test_guam_only_is_the_baseline_with_its_allies_unwilling():
    path = LEVELS_DIR / "guam-only.toml"
    guam = load_level(path)
    assert len(path.read_text(encoding="utf-8").splitlines()) < 150  # not a copy of the baseline
    assert (guam.classes, guam.sites, guam.targets, guam.sides) == (
        BASELINE.classes, BASELINE.sites, BASELINE.targets, BASELINE.sides)
    assert all(g.willingness < b.willingness for g, b in zip(guam.allies, BASELINE.allies))
    assert {e.id for e in BASELINE.events} - {e.id for e in guam.events} == {"edca-expansion", "japan-counterstrike"}


def test_a_variant_follows_the_level_it_extends_and_its_fingerprint_too(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text((LEVELS_DIR / "tutorial.toml").read_text(encoding="utf-8"), encoding="utf-8")
    path = variant(tmp_path, 'extends = "base.toml"\nid = "mine"\n')
    first = load_level(path)
    base.write_text(base.read_text(encoding="utf-8").replace("start_tension = 25.0", "start_tension = 35.0"), encoding="utf-8")
    second = load_level(path)
    assert second.rules.start_tension != first.rules.start_tension
    assert content_hash(second) != content_hash(first)


def test_a_variant_may_extend_a_variant(tmp_path):
    variant(tmp_path, 'extends = "guam-only"\nid = "middle"\n[rules]\nmax_orders = 4\n', "middle.toml")
    level = load_level(variant(tmp_path, 'extends = "middle.toml"\nid = "last"\n[sides.us]\ncapital = 12.0\n'))
    guam = load_level(LEVELS_DIR / "guam-only.toml")
    assert (level.rules.max_orders, level.sides["us"].capital) == (4, 12.0)
    assert level.allies == guam.allies


@pytest.mark.parametrize("text, expected", [
    ('extends = "no-such-level"\nid = "x"\n', "variant.toml: extends: no bundled level 'no-such-level' (known: "),
    ('extends = "missing.toml"\nid = "x"\n', "variant.toml: extends: missing.toml: no such file"),
    ('extends = "sub/"\nid = "x"\n', "variant.toml: extends: sub/: no such file"),
    ("extends = 3\nid = \"x\"\n", "variant.toml: extends: expected a bundled level's id or a .toml file, got an integer (3)"),
    ('extends = "baseline-2020"\n', "variant.toml: id: a level that extends another needs an id of its own"),
    ('extends = "baseline-2020"\nid = "baseline-2020"\n',
     "variant.toml: id: 'baseline-2020' is the id of the level it extends; give this one its own"),
    ('extends = "baseline-2020"\nid = "x"\nremove = { events = ["nope"] }\n',
     "variant.toml: remove.events[0]: no event 'nope' in the level this one extends"),
    ('extends = "baseline-2020"\nid = "x"\nremove = { exchange_rates = ["air"] }\n',
     "variant.toml: remove.exchange_rates: only entries of classes, sites, targets, allies, events can be removed"),
    ('extends = "baseline-2020"\nid = "x"\nremove = ["nope"]\n', "variant.toml: remove: expected a table of lists of ids"),
    ('extends = "baseline-2020"\nid = "x"\n[[allies]]\nwillingness = 0.5\n',
     "variant.toml: allies[0]: needs its id (a string) to say which entry of the level it extends it changes"),
    ('extends = "baseline-2020"\nid = "x"\n[[allies]]\nid = "japan"\nwillingness = 1.4\n',
     "variant.toml: allies[japan].willingness: 1.4 is outside 0..1"),
    ('extends = "baseline-2020"\nid = "x"\n[[allies]]\nid = "japan"\nwillingnes = 0.4\n',
     "variant.toml: allies[japan].willingnes: unknown key"),
    ('extends = "baseline-2020"\nid = "x"\n[[allies]]\nid = "atlantis"\nwillingness = 0.4\n',
     "variant.toml: allies[atlantis].name: missing (this key is required)"),
    ('id = "x"\nremove = { events = ["strait-crisis"] }\n', "variant.toml: remove: only a level that extends another"),
])
def test_mistakes_in_a_variant_are_one_line_each_naming_the_field(tmp_path, text, expected):
    found = problems(variant(tmp_path, text))
    assert any(p.startswith(expected) for p in found), found


def test_a_loop_of_levels_extending_each_other_is_refused(tmp_path):
    variant(tmp_path, 'extends = "b.toml"\nid = "a"\n', "a.toml")
    variant(tmp_path, 'extends = "a.toml"\nid = "b"\n', "b.toml")
    found = problems(tmp_path / "a.toml")
    assert len(found) == 1 and "leads to a loop" in found[0], found


def test_a_problem_in_the_level_extended_names_that_file(tmp_path):
    variant(tmp_path, (LEVELS_DIR / "tutorial.toml").read_text(encoding="utf-8").replace(
        "end_year = 2022", "end_year = 2010"), "base.toml")
    found = problems(variant(tmp_path, 'extends = "base.toml"\nid = "mine"\n'))
    assert found and all(p.startswith("base.toml: ") for p in found), found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(sorted(KEYED) + ["rules", "sides", "objectives", "remove", "model", "id"]),
       value=st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                          max_leaves=8))
def test_any_change_gives_a_level_or_readable_problems(key, value):
    text = _toml({"extends": "tutorial", "id": "fuzz", key: value})
    if text is None:
        return
    try:
        parse_level(text, "fuzz.toml", LEVELS_DIR)
    except LevelError as e:
        assert e.problems
        assert all("\n" not in p and p.split(": ")[0] in ("fuzz.toml", "levels/tutorial.toml") for p in e.problems)


def _toml(data) -> str | None:
    """`data` written as TOML (inline values), or None where TOML cannot say it."""
    def value(v):
        if v is None:
            raise ValueError
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v) if not isinstance(v, float) or v == v and abs(v) != float("inf") else None
        if isinstance(v, str):
            return '"' + v.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{ " + ", ".join(f'"{k}" = {value(x)}' for k, x in v.items()) + " }"
    try:
        lines = [f'"{k}" = {value(v)}' for k, v in data.items()]
    except (ValueError, TypeError):
        return None
    if any(line.endswith("None") for line in lines):
        return None
    return "\n".join(lines) + "\n"


def test_validate_checks_a_variant_and_names_its_problems(tmp_path):
    good = variant(tmp_path, 'extends = "baseline-2020"\nid = "good"\n[rules]\nmax_orders = 5\n', "good.toml")
    bad = variant(tmp_path, 'extends = "baseline-2020"\nid = "bad"\n[rules]\nmax_orders = "five"\n', "bad.toml")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(good), str(bad)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert f"ok: {good}" in run.stdout
    assert f"{bad}: rules.max_orders: expected a whole number, got a string ('five')" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_game_on_a_variant_saves_and_loads(tmp_path):
    path = variant(tmp_path, 'extends = "tutorial"\nid = "short-tutorial"\n[rules]\nmax_orders = 3\n')
    level = load_level(path)
    game = Game.new(level, 5)
    for _ in range(12):
        side = game.to_move()[0]
        game.apply(side, game.legal_actions(side)[0])
    saved = save_game(game, tmp_path / "game.json", source=str(path))
    assert load_game(saved).state_hash() == game.state_hash()
    assert level_to_dict(load_game(saved).level) == level_to_dict(level)


def test_a_save_of_a_variant_is_refused_once_the_level_it_extends_has_changed(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text((LEVELS_DIR / "tutorial.toml").read_text(encoding="utf-8"), encoding="utf-8")
    path = variant(tmp_path, 'extends = "base.toml"\nid = "mine"\n')
    game = Game.new(load_level(path), 5)
    saved = save_game(game, tmp_path / "game.json", source=str(path))
    assert load_game(saved).state_hash() == game.state_hash()  # and the level is remembered
    base.write_text(base.read_text(encoding="utf-8").replace("start_tension = 25.0", "start_tension = 26.0"),
                    encoding="utf-8")
    with pytest.raises(SaveError) as refused:
        load_game(saved)
    assert "has changed since this game was saved" in str(refused.value)


def test_the_example_in_the_guide_to_levels_loads(tmp_path):
    guide = (ROOT / "docs" / "LEVELS.md").read_text(encoding="utf-8")
    section = guide.split("## A level that extends another", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    level = load_level(variant(tmp_path, example))
    assert level.sides["china"].talks_base == 40.0 and "strait-crisis" not in {e.id for e in level.events}
