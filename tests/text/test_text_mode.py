"""The terminal game: whole games from piped input, wrong commands, end of input, --result, help."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from attrs import evolve

from game.ai.registry import make_factory
from game.content.levels import resolve_level
from game.model import engine
from game.model.actions import AcceptDeal, Campaign, Coerce, Consult, EndOrders, Induce, Offer, ProposeDeal, Term
from game.model.allies import after_lever, backfire_chance, effective_willingness, expected_after
from game.model.assessment import assess
from game.model.engine import OUTCOMES
from game.model.game import Game
from game.model.level import PLEDGES
from game.model.negotiation import value_of
from game.text import app, view
from game.numbers import a_chance, hundredths_down, signed
from game.text.commands import NAMES, command_for, parse, parse_offer
from game.text.view import WIDTH, talks_lines, talks_turn

LEVELS = Path(__file__).resolve().parents[2] / "levels"
RECORD_KEYS = {"seed", "outcome", "start_year", "final_year", "agreement_year", "treaty", "score",
               "indices", "state_hash"}
ENDS = ["end", "reject"] * 200
"""End each phase. China may propose a rung of the talks even to a United States that does
nothing, and `end` is refused while a proposal waits: `reject` answers it (and is refused
otherwise)."""


def args(**kw) -> argparse.Namespace:
    base = dict(side="us", opponent="random", difficulty="normal", level="tutorial", seed=3, result=None,
                hotseat=False, time_limit=None, no_events=False, inject=None, hide_opponent=False,
                class_seed=None)
    base.update(kw)
    return argparse.Namespace(**base)


def play(lines, **kw) -> tuple[int, str]:
    out = io.StringIO()
    code = app.run(args(**kw), lines=lines, out=out)
    return code, out.getvalue()


def run_process(*extra: str, stdin: str, cwd: Path | None = None):
    cmd = [sys.executable, "-m", "game.text", "--opponent", "random", "--level", "tutorial",
           "--seed", "3", *extra]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=300, env=env, cwd=cwd)


def outcome_shown(out: str) -> bool:
    ends = [line for line in out.splitlines() if "The game is over in " in line]
    return len(ends) == 1 and any(name in ends[0] for name in OUTCOMES)


# -- whole games ---------------------------------------------------------------------------------


def test_a_whole_tutorial_game_of_end_commands():
    code, out = play(ENDS, side="us")
    assert code == 0
    assert outcome_shown(out), out[-2000:]
    assert "Final scores:" in out
    assert "Traceback" not in out
    assert "2020 in review" in out and "2022 in review" in out


def test_a_whole_tutorial_game_as_china():
    """A proposal put to you must be answered: `end` alone would be refused, so reject it."""
    code, out = play(["end", "reject"] * 200, side="china")
    assert code == 0
    assert outcome_shown(out), out[-2000:]
    assert "Traceback" not in out


def test_a_whole_game_through_a_pipe(tmp_path):
    done = run_process("--side", "us", "--result", str(tmp_path / "r.json"), stdin="\n".join(ENDS) + "\n")
    assert done.returncode == 0, done.stderr
    assert outcome_shown(done.stdout)
    assert "Traceback" not in done.stdout + done.stderr
    assert "2020 orders U.S.> end" in done.stdout  # piped commands are echoed after the prompt


def test_lines_fit_in_100_columns():
    _, out = play(["help", "legal", "menu", "index leverage", "status"] + ENDS)
    too_long = [line for line in out.splitlines() if len(line) > WIDTH]
    assert not too_long, too_long[:3]


def test_the_same_seed_gives_the_same_game():
    first = play(ENDS, seed=5)[1]
    assert play(ENDS, seed=5)[1] == first


# -- wrong commands ---------------------------------------------------------------------------


WRONG = [
    "flurb",
    "research",
    "research glcm",
    "research glcm sideways",
    "research nothing full",
    "produce",
    "produce glcm many",
    "produce glcm 0",
    "produce df26 1",
    "deploy glcm",
    "deploy glcm guam",
    "deploy glcm guam lots",
    "deploy glcm nowhere 8",
    "deploy glcm guam 8",
    "deploy glcm kadena all",
    "withdraw air guam 999",
    "withdraw air",
    "consult",
    "consult atlantis",
    "pledge",
    "pledge atlantis",
    "codevelop japan",
    "codevelop atlantis glcm",
    "codevelop japan df26",
    "coerce japan",
    "induce japan",
    "campaign japan",
    "signal",
    "signal loudly",
    "undo",
    "undo now",
    "orders please",
    "propose-talks",
    "accept",
    "reject",
    "walkout",
    "offer us:glcm:reduce:16",
    "offer us:zz:reduce:16",
    "offer us:glcm:explode:16",
    "offer us:glcm:reduce",
    "offer glcm",
    "offer years:abc",
    "offer 999",
    "menu now",
    "status now",
    "index",
    "index nothing",
    "index leverage mars",
    "legal now",
    "help nothing",
    "end now",
    "quit now",
]


def test_every_wrong_command_gives_one_line_and_the_game_goes_on():
    code, out = play(WRONG + ["status"], side="us")
    assert code == 0
    assert "Traceback" not in out
    lines = out.splitlines()
    prompts = [i for i, line in enumerate(lines) if line.startswith("2020 orders U.S.> ")]
    assert len(prompts) == len(WRONG) + 2  # every wrong line, status, and the prompt at end of input
    for n, (i, j) in enumerate(zip(prompts, prompts[1:])):
        if n < len(WRONG):
            answer = lines[i + 1:j]
            assert len(answer) == 1, (WRONG[n], answer)
            assert answer[0].strip(), WRONG[n]
            assert len(answer[0]) <= WIDTH, answer[0]
    assert "unknown command 'flurb' — type help" in out
    assert "End of input" in out


def test_wrong_commands_in_the_talks_phase_for_china():
    """In closed talks, with nothing to answer and China too cold to propose a rung."""
    wrong = ["research glcm full", "deploy df26 guam 8", "consult japan", "accept", "offer 1",
             "offer df26:reduce:10", "propose-talks", "end now"]
    code, out = talks_session(wrong, "china", stage="closed", willingness=(90.0, 20.0))
    assert code == 0
    assert "Traceback" not in out
    talks = [i for i, line in enumerate(out.splitlines()) if line.startswith("2020 talks China> ")]
    assert len(talks) == len(wrong) + 1  # each refused, then the prompt the input ends at


# -- leaving ------------------------------------------------------------------------------------


def test_end_of_input_in_the_middle_leaves_cleanly():
    done = run_process("--side", "china", stdin="status\nlegal\nend\n")
    assert done.returncode == 0
    assert "End of input" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def talks_session(lines: list[str], side: str, **talks) -> tuple[int, str]:
    """A tutorial game moved straight to 2020's talks with `side` to speak (`talks` sets the
    stage and the willingness), played from `lines`."""
    level = resolve_level("tutorial")
    game = Game.new(level, 1)
    state = game.state
    game.state = evolve(state, phase="talks", talks=evolve(state.talks, turn=side, exchanges_left=8, **talks))
    out = io.StringIO()
    session = app.Session(game, side, make_factory("random")(7), app._reader(lines, out), out, "random")
    return session.play(), out.getvalue()


def formal_talks(lines: list[str]) -> tuple[int, str]:
    """Formal talks with the U.S. to speak."""
    return talks_session(lines, "us", stage="formal", willingness=(90.0, 60.0))


def test_the_offer_builder_proposes_line_by_line():
    code, out = formal_talks(["offer", "glcm:reduce:8 cj10:reduce:8", "zone:mars", "verify:onsite", ""])
    assert code == 0
    assert "There is no zone 'mars' (try first)." in out
    assert ("The United States offers: U.S. eliminates 8 Ground-launched Tomahawks; China eliminates 8"
            in out)


def test_end_of_input_inside_the_offer_builder():
    code, out = formal_talks(["offer", "us:glcm:reduce:8"])
    assert code == 0
    assert out.rstrip().endswith("End of input: you leave the game in 2020; it is not finished.")


def test_quit_leaves_cleanly_and_writes_no_result(tmp_path):
    path = tmp_path / "r.json"
    code, out = play(["status", "quit"], result=str(path))
    assert code == 0
    assert "You leave the game in 2020" in out
    assert not path.exists()


def test_bad_arguments_are_one_error_line():
    for extra in (["--opponent", "nobody"], ["--level", "no-such-level"], ["--difficulty", "impossible"],
                  ["--seed", "-1"], ["--result", "/no/such/folder/r.json"]):
        done = run_process(*extra, stdin="")
        assert done.returncode == 2, extra
        assert done.stderr.startswith("error: "), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr


# -- the result record --------------------------------------------------------------------------


def test_result_is_the_game_record_as_json(tmp_path):
    path = tmp_path / "sub" / "result.json"
    path.parent.mkdir()
    code, out = play(ENDS, result=str(path))
    assert code == 0
    record = json.loads(path.read_text())
    assert RECORD_KEYS <= set(record)
    assert record["seed"] == 3 and record["outcome"] in OUTCOMES
    assert record["start_year"] == 2020 and record["final_year"] == 2022
    assert [p.name for p in path.parent.iterdir()] == ["result.json"]  # no temporary file left


def test_result_matches_simulate_for_the_same_moves(tmp_path):
    """Same seed and same moves as `simulate`'s players: the same game (same state hash)."""
    from game.ai.match import play as match_play

    class Ends:
        name = "ends"

        def act(self, level, state, side):
            legal = Game(level, state).legal_actions(side)
            typed = {command_for(a): a for a in legal}
            return typed["end"] if "end" in typed else typed["reject"]  # what ENDS does

    level = resolve_level("tutorial")
    game = match_play(level, 3, lambda seed: Ends(), make_factory("random"))
    path = tmp_path / "r.json"
    play(ENDS, result=str(path))
    assert json.loads(path.read_text())["state_hash"] == game.state_hash()


# -- help and parsing ---------------------------------------------------------------------------


def test_help_lists_every_command():
    _, out = play(["help"])
    listed = out.split("2020 orders U.S.> help", 1)[1]
    for name in NAMES:
        assert f"  {name}" in listed, name
    _, out = play(["help offer", "help dep"])
    assert "e.g. offer us:glcm:reduce:16" in out
    assert "e.g. deploy glcm guam 8" in out


def test_ids_match_by_case_and_unique_prefix():
    level = resolve_level("tutorial")
    state = Game.new(level, 1).state
    assert command_for(parse(level, state, "us", "DEP GL GU 8")) == "deploy glcm guam 8"
    assert command_for(parse(level, state, "us", "res Glcm SL")) == "research glcm slow"
    assert command_for(parse(level, state, "us", "seek ph")) == "pledge philippines"


def test_offers_read_back_what_they_write():
    level = resolve_level("baseline-2020")
    line = "us:glcm:reduce:16 china:cj10:cap:40 china:df26:freeze zone:first verify:onsite years:5"
    offer = parse_offer(level, line.split())
    assert parse_offer(level, command_for(ProposeDeal(offer))[len("offer "):].split()) == offer
    short = parse_offer(level, "glcm:r:16 cj10:reduce:16".split())
    assert [t.side for t in short.terms] == ["us", "china"]
    assert short.verification == "data" and short.years == 3


def test_a_deal_can_be_proposed_from_the_menu_and_by_hand():
    """Formal talks from a scripted start: the menu's offer N and a typed offer both go out."""
    level = resolve_level("tutorial")
    game = Game.new(level, 1)
    state = game.state
    formal = evolve(state, phase="talks", talks=evolve(state.talks, stage="formal", turn="us",
                                                          exchanges_left=8, willingness=(90.0, 60.0)))
    action = parse(level, formal, "us", "offer 1")
    assert isinstance(action, ProposeDeal)
    typed = parse(level, formal, "us", "offer glcm:reduce:8 cj10:reduce:8 verify:onsite")
    game.state = formal
    game.apply("us", typed)
    assert game.state.talks.offer == typed.offer


def test_an_offer_put_to_the_player_comes_with_what_it_is_worth_to_them():
    """As the opponents judge offers: score points against no deal, through the model."""
    moves = ["pledge japan", "consult japan", "deploy prsm laoag 16", "signal talks", "end", "propose-talks",
             "end", "produce lrhw 2", "end", "accept", "status", "menu", "quit"]
    _, out = play(moves, opponent="pragmatist", level="allied-momentum", seed=5)
    lines = out.splitlines()
    answer = next(i for i, line in enumerate(lines) if "Your answer: accept, reject, walkout" in line)
    assert "China offers:" in "\n".join(lines[answer - 4:answer])
    assert "Worth to you " in lines[answer - 1] and "score points against no deal" in lines[answer - 1]
    status = next(i for i, line in enumerate(lines) if line.startswith("On the table from China"))
    assert lines[answer - 1].strip() == next(line for line in lines[status:] if "Worth to you" in line)
    after = lines[lines.index("(propose one with: offer N):") + 1:]
    menu = after[:next(i for i, line in enumerate(after) if not line.startswith(" "))]
    numbered = [line for line in menu if line[:5].strip().rstrip(".").isdigit()]
    worths = [line for line in menu if re.search(r" \[[+-]\d+\.\d\]$", line)]
    assert len(numbered) > 10 and len(worths) == len(numbered)  # each offer ends with its worth


def numbered_offers(lines: list[str], heading: str) -> dict[int, tuple[str, float]]:
    """The offers a `menu` listing shows after the line that starts with `heading`:
    number -> (its words, its worth)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    start = lines.index("(propose one with: offer N):", start)
    found: dict[int, tuple[str, float]] = {}
    words = ""
    for line in lines[start + 1:]:
        number = re.match(r"\s*(\d+)\. (.*)", line)
        if number:
            current, words = int(number.group(1)), number.group(2)
        elif line.startswith("      "):
            words += " " + line.strip()
        else:
            break
        worth = re.search(r" \[([+-]\d+\.\d)\]$", words)
        if worth:
            found[current] = (words, float(worth.group(1)))
    return found


def test_menu_views_pick_the_best_the_like_for_like_and_the_cross_class_offers_keeping_their_numbers():
    moves = ["end", "accept", "menu", "menu best", "menu same", "menu cross", "quit"]
    _, out = play(moves, side="china", opponent="opportunist", level="allied-momentum", seed=11)
    lines = out.splitlines()
    whole = numbered_offers(lines, "Suggested offers")
    best = numbered_offers(lines, "The 10 suggested offers worth the most to you")
    same = numbered_offers(lines, next(line.split(",")[0] for line in lines if "like-for-like suggested" in line))
    cross = numbered_offers(lines, next(line.split(",")[0] for line in lines if "cross-class suggested" in line))
    assert len(whole) > 20
    assert len(best) == 10 and all(whole[n] == offer for n, offer in best.items())  # the menu's numbers
    worths = [worth for _, worth in best.values()]
    assert worths == sorted(worths, reverse=True)
    assert min(worths) >= max(worth for n, (_, worth) in whole.items() if n not in best)
    assert same and cross and not set(same) & set(cross) and set(same) | set(cross) == set(whole)
    # In this level the U.S. classes that are not missiles are its aircraft and sea-launched Tomahawks.
    not_missiles = ("aircraft", "Sea-launched")
    assert all(any(w in words for w in not_missiles) for words, _ in cross.values())
    assert not any(any(w in words for w in not_missiles) for words, _ in same.values())


def test_missiles_queued_for_an_ally_too_unwilling_to_keep_them_come_with_a_warning(tmp_path):
    """A teacher's variant of the tutorial: Tomahawks fielded and in reserve, Japan pledged but cool."""
    text = (LEVELS / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace("dev_years = 1                 # one year", "dev_years = 0                 # one year", 1)
    text = text.replace('willingness = 0.35            # Okinawa', 'pledge = "pledged"\nwillingness = 0.1  # Okinawa', 1)
    text = text.replace("forces = { air = { kadena = 48, guam = 28 } }",
                        "forces = { air = { kadena = 48, guam = 28 } }\nreserve = { glcm = 16 }", 1)
    level = tmp_path / "cool-japan.toml"
    level.write_text(text, encoding="utf-8")
    _, out = play(["deploy glcm kadena 8", "deploy glcm guam 8", "quit"], level=str(level))
    flat = " ".join(out.split())
    kadena = flat[flat.index("Queued: deploy 8 Ground-launched Tomahawks to Kadena AB"):]
    assert kadena.split(" left). ", 1)[1].startswith(
        "Japan is willing 0.18, below the 0.40 a host needs: unless that rises this year, it will send these "
        "missiles home and withdraw its pledge.")
    assert flat.count("below the 0.40 a host needs") == 1  # Guam is U.S. territory: no warning


def test_co_developing_a_program_this_years_research_fields_comes_with_a_warning(tmp_path):
    """The tutorial's Tomahawk needs one year at full pace: funded so, co-developing it this year
    gains nothing (unfunded, as the tutorial starts it, co-development is its only progress)."""
    text = (LEVELS / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace('willingness = 0.35            # Okinawa', 'pledge = "considering"\nwillingness = 0.35  # Okinawa', 1)
    level = tmp_path / "considering-japan.toml"
    level.write_text(text, encoding="utf-8")
    _, out = play(["codevelop japan glcm", "undo", "research glcm full", "codevelop japan glcm", "quit"],
                  level=str(level))
    flat = " ".join(out.split())
    assert flat.count("it brings it no nearer, though Japan still warms to hosting.") == 1  # funded, not before
    assert "This year's research completes the Ground-launched Tomahawk (at pace 'full') before co-development" in flat


def test_worth_is_the_model_s_value_of_the_offer():
    level = resolve_level("tutorial")
    state = Game.new(level, 1).state
    formal = evolve(state, phase="talks", talks=evolve(state.talks, stage="formal", turn="china",
                                                          exchanges_left=8, willingness=(90.0, 60.0)))
    offer = parse(level, formal, "china", "offer glcm:reduce:8 cj10:reduce:8 verify:onsite").offer
    game = Game(level, formal)
    game.apply("china", ProposeDeal(offer))
    shown = " ".join(talks_turn(level, game.state, "us"))
    assert f"Worth to you {signed(value_of(level, game.state, 'us', offer).total)} score points" in shown


def test_a_proposal_the_player_cannot_accept_asks_only_for_the_answer_left():
    """Beijing starts short of exploratory talks: the terminal says so, and `reject` is the way on."""
    _, out = play(["end", "end", "reject", "quit"], side="china", opponent="pragmatist", level="baseline-2020",
                  seed=11)
    assert "Your answer: reject (your willingness, 28, is short of the 30 they need)." in out
    assert "Reject the proposal first: your willingness (28) is short of the 30 exploratory" in out  # `end`
    assert "China declines to climb the ladder." in out


def test_a_signed_treaty_is_shown_once_with_when_it_was_signed_not_again_as_a_last_offer():
    level = resolve_level("baseline-2020")
    game = Game.new(level, 3)
    state = game.state
    ci = level.class_index("glcm")
    state = evolve(state, progress=tuple(level.classes[ci].dev_years if i == ci else p
                                         for i, p in enumerate(state.progress)),
                   reserve=tuple(48 if i == ci else r for i, r in enumerate(state.reserve)))
    for side in ("us", "china"):
        state = engine.apply(level, state, side, EndOrders())
    state = evolve(state, talks=evolve(state.talks, stage="formal", stage_year=state.year - 1))
    offer = Offer((Term("us", "glcm", "reduce", 24), Term("china", "df26", "reduce", 48)), years=3)
    proposer = state.talks.turn
    state = engine.apply(level, state, proposer, ProposeDeal(offer))
    state = engine.apply(level, state, state.talks.turn, AcceptDeal())
    assert state.talks.stage == "agreement"
    answerer = "china" if proposer == "us" else "us"
    shown = "\n".join(talks_lines(level, state, answerer, assess(level, state)))
    assert f"Treaty (same-class, signed in {state.talks.signed_year}, not yet ratified): U.S. eliminates 24" in " ".join(
        shown.split()), shown
    assert "last offer" not in shown, shown  # the treaty is that offer: said once
    assert shown.startswith("Talks: treaty signed. Willingness to talk:"), shown


def test_walking_out_on_a_treaty_says_what_it_costs_and_takes_walkout_renounce():
    treaty = Offer((Term("us", "glcm", "reduce", 8), Term("china", "cj10", "reduce", 8)))
    signed = dict(stage="in-force", treaty=treaty, signed_year=2019, in_force_year=2020, willingness=(90.0, 60.0))
    code, out = talks_session(["walkout", "walkout now", "walkout renounce"], "us", **signed)
    assert code == 0
    said = " ".join(out.split())
    assert ("Walking out renounces the treaty (signed in 2019, in force since 2020): its limits end, the talks "
            "break down to closed and tension rises by 20. To do it anyway, type: walkout renounce") in said
    assert "Type 'walkout renounce' or nothing." in said
    assert "The United States walks out and renounces the treaty" in said
    _, plain = formal_talks(["walkout"])  # no treaty: the word alone walks out
    assert "The United States walks out" in " ".join(plain.split())


def test_ally_gives_the_terms_of_an_allys_willingness_and_what_each_lever_would_do():
    level = resolve_level("tutorial")
    japan = Game.new(level, 3).state.allies[level.ally_index("japan")]
    _, out = play(["ally jap", "ally", "ally mars", "ally japan korea"])
    shown = out.split("2020 orders U.S.> ally jap", 1)[1].split("2020 orders U.S.> ally", 1)[0]
    lines = shown.strip().splitlines()
    will = effective_willingness(japan)
    assert lines[0] == f"Japan ({PLEDGES[japan.pledge]}): willing to host {hundredths_down(will)}"
    terms = [float(line.split()[0]) for line in lines[1:5]]
    assert abs(sum(terms) - will) <= 0.02  # the terms, each to two decimals, add up to it
    said = " ".join(shown.split())
    consulted = hundredths_down(effective_willingness(after_lever(japan, Consult)))
    assert f"U.S. consult {consulted}," in said and a_chance(backfire_chance(japan)) in said
    year_on = hundredths_down(effective_willingness(evolve(after_lever(japan, Coerce), pressure=0.5)))
    assert f"({year_on} a year on, as the pressure fades;" in said
    assert "There is no ally 'mars'" in out and "Usage: ally [ALLY] (e.g. ally japan)." in out
    assert out.count("): willing to host ") == 1 + len(level.allies)


def test_ally_says_how_far_a_pledged_ally_is_from_stepping_back():
    level = resolve_level("baseline-2020")
    state = Game.new(level, 3).state
    ai = level.ally_index("japan")

    def detail(**fields) -> str:
        allies = list(state.allies)
        allies[ai] = evolve(allies[ai], **fields)
        return " ".join(" ".join(view.ally_detail(level, evolve(state, allies=tuple(allies)), ai)).split())

    spare = detail(pledge=3, willingness=0.45)  # effective 0.52
    assert "It keeps 'hosting' while willing at least 0.40: 0.12 to spare." in spare
    assert "A pledge sought now" not in spare
    slipping = detail(pledge=2, willingness=0.30)  # effective 0.37, after a year's event
    assert ("It keeps 'pledged' while willing at least 0.40: unless that rises this year, it steps back at the "
            "year's pledge decision.") in slipping
    # What China's three levers together would do: Japan (threat 0.7) rallies 42% of the time.
    japan = evolve(state.allies[ai], pledge=3, willingness=0.45)
    levers = (Coerce, Induce, Campaign)
    bites = effective_willingness(after_lever(after_lever(after_lever(japan, Coerce), Induce), Campaign))
    rallies = effective_willingness(after_lever(after_lever(after_lever(japan, Coerce, True), Induce), Campaign))
    chance = backfire_chance(japan)
    assert expected_after(japan, levers) == pytest.approx((1 - chance) * bites + chance * rallies)
    assert (f"China's three levers on it in one year (coerce, induce, campaign) are expected to leave it willing "
            f"{hundredths_down(expected_after(japan, levers))}, or "
            f"{hundredths_down(expected_after(japan, levers, consulted=True))} if the United States consults it "
            f"that year.") in spare
    assert expected_after(japan, levers, consulted=True) > expected_after(japan, levers) > bites
    assert "China's three levers" not in detail(pledge=1)  # only where there is a pledge to break


def test_without_opponent_the_terminal_game_is_against_a_pragmatist():
    _, out = play(["quit"], opponent=None, difficulty=None)
    assert "China plays pragmatist, normal" in out


def test_claims_weighs_the_four_claims_from_the_years_played():
    _, out = play(["claims", "end", "end", "end", "claims", "claims now"])
    before = out.split("2020 orders U.S.> claims", 1)[1].split("2020 orders U.S.>", 1)[0]
    assert "ask again once the first year has ended" in before
    after = out.split("U.S.> claims\n")[2]
    assert after.startswith("The four claims of the premise in this game:")
    assert all(f"  {n}. " in after for n in range(1, 5))
    assert "'claims' takes no arguments." in out
