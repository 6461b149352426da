"""Personalities and difficulties of the scripted opponents, read from personalities.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import cattrs
from attrs import frozen

DATA = Path(__file__).with_name("personalities.toml")


@frozen
class Personality:
    title: str
    description: str
    reservation_start: float
    reservation_end: float
    concession: float
    reciprocity: float
    opportunism: float
    build: float
    diplomacy: float
    coercion: float
    eagerness: float


@frozen(cache_hash=True)  # a key of the opponents' remembered diplomacy, hashed at every order
class Difficulty:
    description: str
    offers: int
    lookahead: int
    noise: float
    reads_opponent: bool
    diplomacy_orders: int
    weighs_levers: bool
    keeps_allies: bool


@frozen
class Profiles:
    personalities: dict[str, Personality]
    difficulties: dict[str, Difficulty]


@cache
def profiles() -> Profiles:
    converter = cattrs.Converter(forbid_extra_keys=True)
    return converter.structure(tomllib.loads(DATA.read_text(encoding="utf-8")), Profiles)


def personality(name: str) -> Personality:
    return profiles().personalities[name]


def difficulty(name: str) -> Difficulty:
    return profiles().difficulties[name]
