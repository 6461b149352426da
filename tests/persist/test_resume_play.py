"""A loaded or rewound game plays on exactly as the uninterrupted game would: the scripted
opponents keep no memory between moves (their misjudgements are drawn from the game's seed,
the year, the side and the offer), so stopping, saving and loading changes nothing."""

from __future__ import annotations

import pytest

from game.persist import rewind
from game.ui.saving import resume_save, save_session
from game.ui.session import GameSetup, Session


def watched(seed: int, difficulty: str = "hard", china_difficulty: str | None = None) -> Session:
    return Session.start(GameSetup.for_watching("reciprocator", "opportunist", "baseline-2020", seed, difficulty,
                                                china_difficulty))


def play_year(session: Session) -> None:
    year = session.state.year
    while not session.state.is_over and session.state.year == year:
        session.step_scripted()


@pytest.mark.parametrize("seed", [3, 8])
def test_saving_and_loading_every_year_does_not_change_the_game(tmp_path, seed):
    straight = watched(seed)
    straight.run_scripted()

    session = watched(seed)
    loads = 0
    while not session.state.is_over:
        play_year(session)
        session = resume_save(save_session(session, folder=tmp_path))
        loads += 1
    assert loads >= 3
    assert session.game.log == straight.game.log
    assert session.game.state_hash() == straight.game.state_hash()


def test_sides_at_difficulties_of_their_own_play_on_at_them_after_a_load(tmp_path):
    straight = watched(4, "easy", "hard")
    straight.run_scripted()
    session = watched(4, "easy", "hard")
    while not session.state.is_over:
        play_year(session)
        session = resume_save(save_session(session, folder=tmp_path))
        assert (session.setup.difficulty_of("us"), session.setup.difficulty_of("china")) == ("easy", "hard")
    assert session.game.state_hash() == straight.game.state_hash()
    both_easy = watched(4, "easy")
    both_easy.run_scripted()
    assert both_easy.game.log != straight.game.log  # China's difficulty was played, not only recorded


def test_a_save_naming_an_unknown_difficulty_for_one_side_is_refused():
    meta = {"side": "none", "policies": {"us": "hardliner", "china": "pragmatist"},
            "difficulty": {"us": "normal", "china": "brutal"}}
    with pytest.raises(ValueError, match="the save's difficulty 'brutal' is not one this game knows"):
        GameSetup.from_meta(meta, "baseline-2020", 1)


def test_a_rewound_game_replays_the_same_future_when_nothing_is_changed():
    straight = watched(5)
    straight.run_scripted()
    years = [r.year for r in straight.state.history]
    middle = years[len(years) // 2]

    branch = Session.resume(straight.setup, rewind(straight.game, middle))
    assert branch.state.year == middle
    branch.run_scripted()
    assert branch.game.state_hash() == straight.game.state_hash()
