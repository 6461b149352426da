"""`simulate --save-dir DIR`: one save per simulated game, written by the worker that played it."""

from __future__ import annotations

from pathlib import Path

from game.cli.commands import UsageError
from game.model.game import Game
from game.persist import save_game


def prepare(folder: str) -> str:
    """The save folder, created if need be (a usage error if it cannot be)."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UsageError(f"--save-dir: '{folder}' is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"--save-dir: cannot make '{folder}': {e.strerror or e}") from None
    return str(path)


def path_for(folder: str, seed: int, us: str, china: str, tournament: bool) -> str:
    """`game-SEED.json`; in a tournament, where seeds repeat, `game-US-CHINA-SEED.json`."""
    name = f"game-{us}-{china}-{seed}.json" if tournament else f"game-{seed}.json"
    return str(Path(folder) / name)


def write(game: Game, path: str, level_ref: str, us: str, china: str, us_difficulty: str,
          china_difficulty: str) -> None:
    """A save of a simulated game; its meta's difficulty is one name, or each side's when they differ."""
    difficulty: str | dict[str, str] = (us_difficulty if us_difficulty == china_difficulty
                                        else {"us": us_difficulty, "china": china_difficulty})
    meta = {"mode": "simulate", "side": "none", "policies": {"us": us, "china": china}, "difficulty": difficulty}
    save_game(game, path, meta=meta, source=level_ref)  # SaveError reaches `simulate.run`
