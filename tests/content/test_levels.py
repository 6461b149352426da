"""Level files: the bundled ones load and round-trip; bad ones are refused with every problem."""

from __future__ import annotations

import copy
import datetime
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.levels import (
    LEVELS_DIR,
    MAX_BYTES,
    LevelError,
    bundled_levels,
    content_hash,
    level_to_dict,
    load_level,
    parse_level,
    resolve_level,
    structure_level,
)
from game.model.level import SIDES, Level

HERE = Path(__file__).parent
BAD = HERE / "bad"
BUNDLED_IDS = ("allied-momentum", "baseline-2020", "guam-only", "tutorial")

MINIMAL = """\
schema = 1
id = "minimal"
title = "Minimal"
start_year = 2020
end_year = 2022
briefing = "A tiny level for tests."

[objectives.us]
summary = "Get a chip."
[objectives.china]
summary = "Keep the advantage."

[[classes]]
id = "df26"
name = "DF-26"
side = "china"
range_km = [500, 4000]
trade_class = "ground-ballistic"

[[classes]]
id = "glcm"
name = "Ground-launched Tomahawk"
side = "us"
range_km = [500, 1600]
trade_class = "ground-cruise"
dev_years = 1
research_cost = 300.0

[[sites]]
id = "fujian"
name = "Fujian coast"
lat = 26.0
lon = 118.0
chain = "mainland"
host = "china"

[[sites]]
id = "guam"
name = "Guam"
lat = 13.581
lon = 144.924
chain = "second"
host = "us"

[[targets]]
id = "guam"
name = "Guam"
lat = 13.581
lon = 144.924
owner = "us"
value = 5

[[allies]]
id = "japan"
name = "Japan"
willingness = 0.35
threat_perception = 0.7
economic_exposure = 0.5
domestic_opposition = 0.6

[sides.us]
budget = 3000
capital = 10
concern = { ground-ballistic = 1.0 }

[sides.china]
budget = 2500
capital = 10
forces = { df26 = { fujian = 48 } }

[[events]]
id = "summit"
title = "A summit"
text = "Talks resume."
effects = [{ kind = "talks", side = "china", delta = 5 }]
"""


def problems_of(call, *args) -> tuple[str, ...]:
    with pytest.raises(LevelError) as info:
        call(*args)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.problems, "a LevelError must carry at least one problem"
    assert str(err) == "\n".join(err.problems)
    return err.problems


# -- the bundled levels -----------------------------------------------------------------------


def test_bundled_levels_load_sorted_by_id():
    levels = bundled_levels()
    assert tuple(lv.id for lv in levels) == BUNDLED_IDS
    assert all(isinstance(lv, Level) for lv in levels)


@pytest.mark.parametrize("level_id", BUNDLED_IDS)
def test_bundled_level_is_complete(level_id):
    path = LEVELS_DIR / f"{level_id}.toml"
    level = load_level(path)
    assert level.id == path.stem
    assert level.title.strip() and len(level.briefing.split()) > 80
    assert level.sources
    for side in SIDES:
        obj = level.objectives[side]
        assert obj.summary and 2 <= len(obj.goals) <= 4
        assert level.classes_of(side)
    assert level.events


def test_baseline_matches_the_brief():
    lv = resolve_level("baseline-2020")
    assert (lv.start_year, lv.end_year) == (2020, 2032)
    assert 10 <= len(lv.events) <= 14
    us_ground = [c for c in lv.classes_of("us") if c.trade_class.startswith("ground")]
    assert us_ground and all(c.dev_years > 0 for c in us_ground)
    assert not any(c.id in lv.sides["us"].forces for c in us_ground)  # no U.S. GLMs fielded
    assert {a.id for a in lv.allies} == {"japan", "south-korea", "philippines", "australia"}
    assert lv.sides["china"].talks_base < lv.sides["us"].talks_base
    assert {c.id for c in lv.classes_of("us") if not c.ground_launched} == {"air", "sea"}
    rates = {(r.give, r.get): r for r in lv.exchange_rates}
    air = rates[("air", "ground-launched")]
    assert air.us_view / air.china_view >= 3  # the two sides disagree a lot


def test_guam_only_allies_are_unwilling():
    base, guam = resolve_level("baseline-2020"), resolve_level("guam-only")
    assert max(a.willingness for a in guam.allies) < min(
        a.willingness for a in base.allies if a.id != "australia"
    )
    assert guam.classes == base.classes and guam.sites == base.sites


def test_tutorial_is_small():
    lv = resolve_level("tutorial")
    assert lv.rounds == 3
    assert len(lv.classes_of("us")) == len(lv.classes_of("china")) == 2
    assert len(lv.allies) == 2 and len(lv.events) == 3
    assert min(c.dev_years for c in lv.classes_of("us") if c.dev_years) == 1


@pytest.mark.parametrize("level", bundled_levels(), ids=lambda lv: lv.id)
def test_round_trip(level):
    data = level_to_dict(level)
    assert structure_level(data, "round-trip") == level
    assert structure_level(copy.deepcopy(data), "again") == level


def _only_toml_types(v) -> bool:
    if isinstance(v, dict):
        return all(isinstance(k, str) and _only_toml_types(x) for k, x in v.items())
    if isinstance(v, list):
        return all(_only_toml_types(x) for x in v)
    return isinstance(v, (str, int, float, bool))


@pytest.mark.parametrize("level", bundled_levels(), ids=lambda lv: lv.id)
def test_level_to_dict_is_toml_shaped(level):
    assert _only_toml_types(level_to_dict(level))


def test_content_hash_is_stable_and_changes_with_a_number():
    a = resolve_level("baseline-2020")
    b = load_level(LEVELS_DIR / "baseline-2020.toml")
    h = content_hash(a)
    assert len(h) == 64 and int(h, 16) >= 0
    assert content_hash(b) == h
    assert content_hash(structure_level(level_to_dict(a))) == h
    cls = attrs.evolve(a.classes[0], unit_cost=a.classes[0].unit_cost + 0.5)
    changed = attrs.evolve(a, classes=(cls, *a.classes[1:]))
    assert content_hash(changed) != h
    text = (LEVELS_DIR / "baseline-2020.toml").read_text(encoding="utf-8")
    assert content_hash(parse_level(text.replace("budget = 3000.0", "budget = 3001.0"))) != h
    # writing 3000 or 3000.0 is the same level
    assert content_hash(parse_level(text.replace("budget = 3000.0", "budget = 3000"))) == h


def test_resolve_level_by_id_and_path_and_unknown():
    assert resolve_level("tutorial").id == "tutorial"
    assert resolve_level(str(LEVELS_DIR / "guam-only.toml")).id == "guam-only"
    (problem,) = problems_of(resolve_level, "no-such-level")
    assert problem.startswith("unknown level 'no-such-level' (known: ")
    assert "baseline-2020" in problem and "tutorial" in problem
    (problem,) = problems_of(resolve_level, "missing/level.toml")
    assert problem == "missing/level.toml: no such file"


# -- the minimal level and small edits of it --------------------------------------------------


def test_minimal_level_parses():
    lv = parse_level(MINIMAL, "minimal.toml")
    assert lv.id == "minimal" and lv.rounds == 3
    assert lv.classes[0].range_km == (500.0, 4000.0)
    assert isinstance(lv.sides["us"].budget, float)


def edited(*pairs: tuple[str, str]) -> str:
    text = MINIMAL
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([("budget = 3000", "budget = true")], "sides.us.budget: expected a number, got a boolean"),
        ([("budget = 3000", "budget = nan")], "sides.us.budget: expected a finite number"),
        ([("budget = 3000", "budget = 1979-12-12")], "sides.us.budget: expected a number, got a date"),
        ([("lat = 26.0", 'lat = "26"')], "sites[0].lat: expected a number, got a string"),
        ([("range_km = [500, 4000]", "range_km = 4000")], "classes[0].range_km: expected an array of 2"),
        ([("range_km = [500, 4000]", 'range_km = [500, "far"]')], "classes[0].range_km[1]: expected a number"),
        ([('side = "china"', 'side = "russia"')], "classes[0].side: expected one of 'us', 'china'"),
        ([("[objectives.china]", "[objectives.russia]")], "objectives: missing 'china'"),
        ([("[objectives.china]", "[objectives.russia]")], "objectives.russia: unknown key"),
        ([("[sides.china]", "[sides.taiwan]")], "sides.taiwan: unknown key"),
        ([("effects = [{", 'effects = "x"\nfoo = [{')], "events[0].effects: expected an array"),
        ([("forces = { df26 = { fujian = 48 } }", "forces = { df26 = 48 }")],
         "sides.china.forces.df26: expected a table"),
        ([("forces = { df26 = { fujian = 48 } }", "forces = { df26 = { fujian = 4800 } }")],
         "exceed its capacity"),
        ([("forces = { df26 = { fujian = 48 } }", "reserve = { glcm = 4 }")],
         "sides.china.reserve.glcm: class 'glcm' belongs to us, not china"),
        ([("forces = { df26 = { fujian = 48 } }", "programs = { nope = 1.0 }")],
         "sides.china.programs.nope: no class 'nope'"),
        ([("concern = { ground-ballistic = 1.0 }", "programs = { glcm = 2.0 }")],
         "sides.us.programs.glcm: 2 is outside 0..1"),
        ([("[sides.us]", "[rules]\nstart_tension = 130\n\n[sides.us]")],
         "rules.start_tension: 130 is outside 0..100"),
        ([("concern = { ground-ballistic = 1.0 }", "concern = { ground-cruise = 1.0 }")],
         "sides.us.concern.ground-cruise: no trade class 'ground-cruise' among china's classes"),
        ([('domestic_opposition = 0.6', 'domestic_opposition = 0.6\npledge = "maybe"')],
         "allies[0].pledge: expected one of 'none', 'considering', 'pledged', 'hosting'"),
        ([('domestic_opposition = 0.6', 'domestic_opposition = 0.6\nelection_years = [2030]')],
         "allies[0].election_years[0]: year 2030 is outside the level's span 2020..2022"),
        ([('id = "japan"', 'id = "us"')], "allies[0].id: an ally cannot be called 'us'"),
        ([('id = "japan"', 'id = "japan"\nin_sentence = "   "')], "allies[0].in_sentence: must be the name as"),
        ([('id = "df26"', 'id = "df26"\nplural = " DF-26s"')], "classes[0].plural: must be the name of more"),
        ([('id = "japan"', 'id = "japan"\nin_sentence = "the\\nJapan"')], "allies[0].in_sentence: must be the name"),
        ([('id = "df26"', 'id = "DF 26"')], "classes[0].id: id 'DF 26' must be lowercase"),
        ([("end_year = 2022", "end_year = 2022\nyears_per_round = 0")],
         "years_per_round: 0 is below the minimum 1"),
        ([('text = "Talks resume."', 'text = "Talks resume."\nmin_year = 2022\nmax_year = 2021')],
         "events[0].max_year: max_year 2021 is before min_year 2022"),
        ([("delta = 5 }", 'delta = 5, ally = "japan" }')], "events[0].effects[0].ally: not used by kind 'talks'"),
        ([('kind = "talks", side = "china", delta = 5', 'kind = "pledge", ally = "korea", delta = 0.5')],
         "events[0].effects[0].ally: no ally 'korea'"),
        ([('kind = "talks", side = "china", delta = 5', 'kind = "pledge", ally = "japan", delta = 0.5')],
         "events[0].effects[0].delta: 0.5 rungs"),
        ([("[objectives.us]\n", "[objectives.us.weights]\ndeterrence = 0\nthreat = 0\nleverage = 0\n"
           "standing = 0\nrisk = 0\ncost = 0\n[objectives.us]\n")],
         "objectives.us.weights: all weights are zero"),
        ([("[sides.us]", '[[exchange_rates]]\ngive = "air"\nget = "ground-cruise"\nus_view = 6\n'
           "china_view = 1.5\n\n[sides.us]")],
         "exchange_rates[0].give: no trade class 'air'"),
        ([("[sides.us]", "[model]\nchain_weight = { first = 1.0, moon = 2.0 }\n\n[sides.us]")],
         "model.chain_weight.moon: unknown key"),
        ([("[sides.us]", "[model]\nchain_weight = { first = 1.0, moon = 2.0 }\n\n[sides.us]")],
         "model.chain_weight: missing 'second'"),
        ([("[sides.us]", "[model]\nleverage_scale = { us = 60.0, russia = 60.0 }\n\n[sides.us]")],
         "model.leverage_scale.russia: unknown key"),
        ([("[sides.us]", "[rules]\ndetection = { none = 0.1, data = 0.4, onsite = 1.8 }\n\n[sides.us]")],
         "rules.detection.onsite: 1.8 is outside 0..1"),
        ([("[sides.us]", "[rules]\nverification_cost = { none = 0.0, data = 0.5, satellite = 1 }\n\n[sides.us]")],
         "rules.verification_cost.satellite: unknown key"),
        ([("[sides.us]", "[rules]\nmax_ordres = 4\n\n[sides.us]")],
         "rules.max_ordres: unknown key (did you mean 'max_orders'?)"),
        ([("budget = 3000", "budget = 3000000000000000000")],
         "sides.us.budget: expected a number, got an integer (3000000000000000000), too large"),
        ([("end_year = 2022", "end_year = 2022.0")],
         "end_year: expected a whole number, got a number (2022.0); write it without '.0'"),
    ],
)
def test_single_problem_is_named_with_its_path(pairs, expected):
    problems = problems_of(parse_level, edited(*pairs), "levels/x.toml")
    assert all(p.startswith("levels/x.toml: ") for p in problems), problems
    assert any(expected in p for p in problems), problems


def test_schema_version_is_checked_first():
    problems = problems_of(parse_level, edited(("schema = 1", "schema = 7"), ("[sides.us]", "[sidez.us]")), "s.toml")
    assert problems == ("s.toml: schema: unsupported schema version 7 (this game reads 1)",)


def test_top_level_must_be_a_table():
    (problem,) = problems_of(structure_level, [1, 2, 3], "list.json")
    assert problem == "list.json: the top level is not a table (got an array)"


def test_comments_only():
    (problem,) = problems_of(parse_level, "# nothing here\n\n", "c.toml")
    assert "c.toml: " in problem and "no settings" in problem


# -- bad fixtures on disk ---------------------------------------------------------------------

EXPECTED = {
    "unknown-key.toml": [
        "classes[0].rnage_km: unknown key (did you mean 'range_km'?)",
        "classes[0].range_km: missing",
        "author: unknown key",
    ],
    "missing-key.toml": ["sites[1].lat: missing", "title: missing"],
    "wrong-type.toml": [
        "sides.us.budget: expected a number, got a string ('lots')",
        "sites[1].name: expected a string, got an integer (7)",
        "classes[1].dev_years: expected a whole number, got a number (1.5)",
        "sites[0].chain: expected one of 'first', 'second', 'mainland', 'rear'",
        "sources: expected an array, got a string",
    ],
    "out-of-range.toml": [
        "allies[0].willingness: 1.4 is outside 0..1",
        "classes[0].range_km: minimum 3000 is above maximum 500",
        "sites[0].lat: 126 is outside -90..90",
        "sides.us.capital: -5 is below the minimum 0",
        "end_year: end year 2019 is not after start year 2020",
    ],
    "dangling-site.toml": [
        "sides.us.forces.glcm.okinawa: no site 'okinawa' (sites are: fujian, guam)",
        "sites[1].host: 'taiwan' is not 'us', 'china' or an ally",
    ],
    "dangling-pledge.toml": ["events[0].requires_pledge: no ally 'taiwan' (allies are: japan)"],
    "wrong-side.toml": [
        "sides.china.forces.df26.guam: site 'guam' is hosted by us; china cannot base there",
        "sides.china.forces.glcm: class 'glcm' belongs to us, not china",
        "sides.us.concern.sea: no trade class 'sea' among china's classes",
    ],
    "duplicate-id.toml": ["sites[1].id: duplicate id 'fujian' (also sites[0])"],
    "schema-version.toml": ["schema: unsupported schema version 2 (this game reads 1)"],
    "bad-effect.toml": [
        "events[0].effects[0].kind: unknown kind 'weather'",
        "events[0].effects[1].field: 'mood' is not an ally field",
        "events[0].effects[2].cls: class 'glcm' belongs to us, not china",
        "events[0].effects[3]: missing 'side'",
    ],
    "many-problems.toml": [
        "classes[1].range_km: minimum 1600 is above maximum 500",
        "allies[0].willingness: -0.2 is outside 0..1",
        "sides.china.forces.df26.beijing: no site 'beijing'",
        "events[0].min_year: year 2030 is outside the level's span 2020..2022",
    ],
    "empty.toml": ["file is empty"],
    "not-toml.toml": ["not valid TOML: ", "(at line 3"],
    "binary.toml": ["binary file"],
}


def test_every_bad_fixture_has_expectations():
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture(name):
    path = BAD / name
    problems = problems_of(load_level, path)
    prefix = f"{path}: "
    assert all(p.startswith(prefix) for p in problems), problems
    for fragment in EXPECTED[name]:
        assert any(fragment in p for p in problems), (fragment, problems)
    if len(EXPECTED[name]) > 1 and name not in ("not-toml.toml",):
        assert len(problems) >= len(EXPECTED[name])  # all reported, not just the first


def test_bundled_names_files_relative_to_the_repo(tmp_path, monkeypatch):
    import game.content.levels as levels_module

    (tmp_path / "broken.toml").write_text(edited(("budget = 3000", 'budget = "x"')))
    monkeypatch.setattr(levels_module, "LEVELS_DIR", tmp_path)
    problems = problems_of(levels_module.bundled_levels)
    assert problems[0].startswith(f"{tmp_path.name}/broken.toml: sides.us.budget: ")


# -- files that are not levels at all ---------------------------------------------------------


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.toml"
    filler = "# " + "x" * 98 + "\n"
    path.write_text(MINIMAL + filler * (MAX_BYTES // len(filler) + 10))
    (problem,) = problems_of(load_level, path)
    assert problem.startswith(f"{path}: ") and "larger than" in problem
    (problem,) = problems_of(parse_level, path.read_text(), "huge")
    assert problem.startswith("huge: ") and "larger than" in problem


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 5000 + "]" * 5000,
        "x = " + "{ a = " * 3000 + "1" + " }" * 3000,
        "sources = " + "[" * 5000 + "]" * 5000,
    ],
    ids=["arrays", "inline-tables", "in-a-known-field"],
)
def test_deeply_nested_toml(tmp_path, text):
    path = tmp_path / "deep.toml"
    path.write_text(text)
    problems = problems_of(load_level, path)
    assert all(p.startswith(f"{path}: ") for p in problems)


def test_deep_dotted_keys(tmp_path):
    path = tmp_path / "dotted.toml"
    path.write_text(MINIMAL + "\n[extra]\n" + "a." * 3000 + "b = 1\n")
    problems = problems_of(load_level, path)
    assert any("extra: unknown key" in p for p in problems)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace('"Minimal"', '"Minimal \xe9t\xe9"').encode("latin-1"))
    (problem,) = problems_of(load_level, path)
    assert problem.startswith(f"{path}: not UTF-8 text (byte 0xe9 at line 3)")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_level(path).id == "minimal"


def test_folder_is_refused(tmp_path):
    (problem,) = problems_of(load_level, tmp_path)
    assert problem == f"{tmp_path}: is a folder, not a level file"


# -- anything goes in, only a Level or a LevelError comes out ---------------------------------

BASE_DICT = level_to_dict(resolve_level("baseline-2020"))

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=6),
    st.lists(st.one_of(st.integers(), st.text(max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.datetimes(),
    st.dates(),
)


def _mutate(root, data) -> None:
    node = root
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        inner = [k for k in keys if isinstance(node[k], (dict, list)) and node[k]]
        if not inner or data.draw(st.booleans(), label="stop here"):
            break
        node = node[data.draw(st.sampled_from(inner), label="descend")]
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    op = data.draw(st.sampled_from(["drop", "retype", "insert"] if keys else ["insert"]))
    if op == "drop":
        k = data.draw(st.sampled_from(keys))
        del node[k]
    elif op == "retype":
        node[data.draw(st.sampled_from(keys))] = data.draw(JUNK, label="junk")
    elif isinstance(node, dict):
        node[data.draw(st.text(max_size=8), label="key")] = data.draw(JUNK, label="junk")
    else:
        node.append(data.draw(JUNK, label="junk"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_level_is_loaded_or_refused(data):
    mutant = copy.deepcopy(BASE_DICT)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        _mutate(mutant, data)
    try:
        level = structure_level(mutant, "mutant.toml")
    except LevelError as e:
        assert e.problems and all(p.startswith("mutant.toml: ") for p in e.problems)
    else:
        assert structure_level(level_to_dict(level), "again") == level
        assert len(content_hash(level)) == 64


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_loaded_or_refused(text):
    try:
        parse_level(text, "any.toml")
    except LevelError as e:
        assert all(p.startswith("any.toml: ") for p in e.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_loaded_or_refused(raw):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "any.toml"
        path.write_bytes(raw)
        try:
            load_level(path)
        except LevelError as e:
            assert all(p.startswith(f"{path}: ") for p in e.problems)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(BASE_DICT)), JUNK)
def test_top_level_value_of_any_type(key, junk):
    mutant = copy.deepcopy(BASE_DICT)
    mutant[key] = junk
    try:
        structure_level(mutant, "top.toml")
    except LevelError as e:
        assert all(p.startswith("top.toml: ") for p in e.problems)


def test_dates_are_not_numbers():
    mutant = copy.deepcopy(BASE_DICT)
    mutant["start_year"] = datetime.date(2020, 1, 1)
    problems = problems_of(structure_level, mutant, "d.toml")
    assert problems == ("d.toml: start_year: expected a whole number, got a date/time",)


def test_the_annotated_example_in_the_docs_is_a_valid_level():
    import re

    docs = (LEVELS_DIR.parent / "docs" / "LEVELS.md").read_text(encoding="utf-8")
    example = max(re.findall(r"```toml\n(.*?)```", docs, re.S), key=len)
    assert parse_level(example, "docs/LEVELS.md").id == "two-bases"
