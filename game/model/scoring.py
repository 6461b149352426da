"""The scoring model: every index of every side, with the terms that add up to it.

All the arithmetic is on arrays with a leading batch axis (N worlds), so one call scores one
state or a thousand hypothetical ones (the scripted opponents value deals that way).
`docs/MODEL.md` explains each formula for teachers.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from game.model.level import CHAINS, SIDES, Level
from game.model.tables import Tables, tables_for

COST_KINDS: tuple[str, ...] = ("research", "production", "upkeep", "diplomacy")
RISK_TERMS: tuple[str, ...] = ("Tension", "Arms race", "Vulnerable forward forces", "Dual-capable ambiguity", "Treaty in force")
TALKS_TERMS: tuple[str, ...] = ("Starting attitude", "Chips the other side holds", "Cost of an arms race", "Tension", "Signals and events")
SCORE_TERMS: tuple[str, ...] = ("deterrence", "threat", "leverage", "standing", "risk", "cost")
STANDING_NAMES = {"us": "Alliance cohesion", "china": "Regional influence"}

# Weights inside the shared risk index (points before saturation; see docs/MODEL.md).
RISK_TENSION = 0.5
RISK_RACE = 40.0
RISK_VULNERABLE = 20.0
RISK_DUAL = 15.0
RISK_TREATY = 20.0
VULNERABLE_SCALE = 30.0
DUAL_SCALE = 300.0
PAPER_LOTS = 2.0


@frozen(eq=False)
class World:
    """The parts of a state the model reads, as arrays with a leading batch axis N."""

    deployed: np.ndarray  # (N, C, K)
    reserve: np.ndarray  # (N, C)
    progress: np.ndarray  # (N, C) fraction of development done, 1 when fielded
    funded: np.ndarray  # (N, C) 1 where a program is being paid for
    pledge: np.ndarray  # (N, A) rung 0..3
    ally_will: np.ndarray  # (N, A) effective willingness 0..1
    ally_exposure: np.ndarray  # (N, A)
    tension: np.ndarray  # (N,)
    produced: np.ndarray  # (N, C)
    spent: np.ndarray  # (N, 2, 4) by COST_KINDS
    budget: np.ndarray  # (N, 2)
    treaty: np.ndarray  # (N,) 0 none, else the strength of a treaty in force (0..1)
    talks_bonus: np.ndarray  # (N, 2)

    @property
    def n(self) -> int:
        return self.deployed.shape[0]


def stack(worlds: list[World]) -> World:
    """Join single worlds into one batch."""
    return World(*[np.concatenate([getattr(w, a.name) for w in worlds]) for a in World.__attrs_attrs__])


@frozen(eq=False)
class Scores:
    """Raw model output for a batch: values and their terms as arrays."""

    deterrence: np.ndarray  # (N, 2)
    deterrence_terms: np.ndarray  # (N, 2, 2 + C): base, each class, exposure
    leverage: np.ndarray  # (N, 2)
    leverage_terms: np.ndarray  # (N, 2, 6 + A): chains, reserve, paper, each ally's pledge
    standing: np.ndarray  # (N, 2)
    standing_terms: np.ndarray  # (N, 2, A)
    cost: np.ndarray  # (N, 2)
    cost_terms: np.ndarray  # (N, 2, 5): COST_KINDS and an over-budget correction
    risk: np.ndarray  # (N,)
    risk_terms: np.ndarray  # (N, 5)
    talks: np.ndarray  # (N, 2)
    talks_terms: np.ndarray  # (N, 2, 6): TALKS_TERMS and a 0..100 limit correction
    race: np.ndarray  # (N,) arms-race intensity 0..1
    score: np.ndarray  # (N, 2)
    score_terms: np.ndarray  # (N, 2, 6) SCORE_TERMS


def _saturate(raw: np.ndarray, scale) -> np.ndarray:
    return 100.0 * (1.0 - np.exp(-raw / scale))


def _share(part: np.ndarray, total: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Split `value` over parts in proportion to part/total (zero where total is zero)."""
    safe = np.where(total > 0, total, 1.0)
    return np.where(total[..., None] > 0, part * (value / safe)[..., None], 0.0)


def _limited(terms: np.ndarray, low: float, high: float) -> np.ndarray:
    """Append a correction term so the terms add up to their sum clipped to [low, high]."""
    total = terms.sum(axis=-1)
    correction = np.clip(total, low, high) - total
    return np.concatenate([terms, correction[..., None]], axis=-1)


def score(level: Level, world: World) -> Scores:
    t = tables_for(level)
    tuning = level.model
    side_mask = np.stack([t.class_side == 0, t.class_side == 1]).astype(float)  # (2, C)
    base_det = np.array([level.sides[s].base_deterrence for s in SIDES])
    F = world.deployed

    # Deterrence: survivable forces holding the other side's targets at risk.
    site_cover = np.einsum("nck,ckj->nj", F, t.site_coverage)
    exposure = 1.0 - np.exp(-site_cover / tuning.exposure_saturation)  # (N, K)
    eff0 = F * t.surv[None, :, None]
    eff = eff0 * (1.0 - tuning.exposure_penalty * exposure[:, None, :])
    held0 = np.einsum("nck,ckt->nct", eff0, t.coverage)
    held = np.einsum("nck,ckt->nct", eff, t.coverage)
    side_held0 = np.einsum("nct,sc->nst", held0, side_mask)
    side_held = np.einsum("nct,sc->nst", held, side_mask)
    total_value = t.target_value.sum(axis=1)  # (2,)
    weight = t.target_value / np.where(total_value > 0, total_value, 1.0)[:, None]  # (2, T)
    cov0 = 1.0 - np.exp(-side_held0 / tuning.saturation)
    cov = 1.0 - np.exp(-side_held / tuning.saturation)
    room = 100.0 - base_det  # (2,)
    det0 = base_det + room * np.einsum("nst,st->ns", cov0, weight)
    det = base_det + room * np.einsum("nst,st->ns", cov, weight)
    # Each class's share of the (exposure-free) coverage it provides.
    own_side = t.class_side
    safe_held = np.where(side_held0 > 0, side_held0, 1.0)
    frac = held0 / safe_held[:, own_side, :]  # (N, C, T)
    class_det = room[own_side] * np.einsum("nct,nct,ct->nc", frac, cov0[:, own_side, :], weight[own_side])
    class_terms = class_det[:, None, :] * side_mask[None]  # (N, 2, C)
    n = world.n
    det_terms = np.concatenate(
        [np.broadcast_to(base_det, (n, 2))[..., None], class_terms, (det - det0)[..., None]], axis=-1
    )

    # Leverage: chips the other side would pay to see gone, matched by trade class.
    chain_onehot = np.eye(len(CHAINS))[t.chain_of_site] * t.chain_weight[:, None]  # (K, 4)
    chips_chain = np.einsum("nck,kh->nch", F, chain_onehot)
    chips_reserve = world.reserve * tuning.reserve_weight
    unfielded = world.progress < 1.0
    chips_paper = np.where(
        unfielded, t.lot * PAPER_LOTS * tuning.paper_weight * world.progress * world.funded, 0.0
    )
    credibility = np.where(unfielded, world.progress * world.funded, 1.0) * side_mask[0]  # (N, C) U.S. only
    other_concern = t.concern[1 - t.class_side, t.trade]  # (C,)
    pull = credibility * other_concern
    pull_total = pull.sum(axis=1, keepdims=True)
    share = np.where(pull_total > 0, pull / np.where(pull_total > 0, pull_total, 1.0), 0.0)
    max_cred = credibility.max(axis=1)  # (N,)
    pledge_value = (
        tuning.pledge_chip * t.pledge_weight[world.pledge] * t.ally_weight[None] * max_cred[:, None]
    )  # (N, A)
    chips_pledge = share[:, :, None] * pledge_value[:, None, :]  # (N, C, A)
    chips = np.concatenate(
        [chips_chain, chips_reserve[..., None], chips_paper[..., None], chips_pledge], axis=-1
    )  # (N, C, S)
    chips_total = chips.sum(axis=-1)
    mine = np.einsum("nc,cg,sc->nsg", chips_total, t.trade_onehot, side_mask)
    inventory = F.sum(axis=2) + world.reserve
    held_by = np.einsum("nc,cg,sc->nsg", inventory, t.trade_onehot, side_mask)
    theirs = held_by[:, ::-1, :]
    matched = np.minimum(mine, theirs)
    tradeable = matched + tuning.cross_discount * (mine - matched)
    factor = np.where(mine > 0, tradeable / np.where(mine > 0, mine, 1.0), 0.0)  # (N, 2, G)
    class_factor = factor[:, t.class_side, t.trade] * other_concern  # (N, C)
    raw_src = np.einsum("ncx,nc,sc->nsx", chips, class_factor, side_mask)
    raw = raw_src.sum(axis=-1)
    scale = np.array([tuning.leverage_scale.get(s, 60.0) for s in SIDES])
    lev = _saturate(raw, scale)
    lev_terms = _share(raw_src, raw, lev)

    # Standing: alliance cohesion (U.S.) and regional influence (China), ally by ally.
    w_norm = t.ally_weight / max(t.ally_weight.sum(), 1e-9)
    rung = world.pledge / 3.0
    cohesion = 100.0 * w_norm * (0.6 * rung + 0.4 * world.ally_will)
    influence = 100.0 * w_norm * (0.5 * (1 - rung) + 0.3 * (1 - world.ally_will) + 0.2 * world.ally_exposure)
    standing_terms = np.stack([cohesion, influence], axis=1)
    standing = standing_terms.sum(axis=-1)

    # Cost: this year's spending against the year's budget.
    budget = np.where(world.budget > 0, world.budget, 1.0)
    cost_terms = _limited(100.0 * world.spent / budget[..., None], 0.0, 100.0)
    cost = cost_terms.sum(axis=-1)

    # Shared risk of escalation.
    race = 1.0 - np.exp(-(world.produced * t.unit_cost).sum(axis=1) / tuning.race_scale)
    vulnerable = (F * (1.0 - t.surv)[None, :, None] * exposure[:, None, :]).sum(axis=(1, 2))
    dual_forward = (F * t.dual[None, :, None] * t.forward[None, None, :]).sum(axis=(1, 2))
    risk_parts = np.stack(
        [
            RISK_TENSION * world.tension,
            RISK_RACE * race,
            RISK_VULNERABLE * (1.0 - np.exp(-vulnerable / VULNERABLE_SCALE)),
            RISK_DUAL * (1.0 - np.exp(-dual_forward / DUAL_SCALE)),
            -RISK_TREATY * world.treaty,
        ],
        axis=-1,
    )
    risk_raw = np.maximum(risk_parts.sum(axis=-1), 0.0)
    risk = _saturate(risk_raw, tuning.risk_scale)
    risk_terms = np.where(
        risk_raw[:, None] > 0, risk_parts * (risk / np.where(risk_raw > 0, risk_parts.sum(-1), 1.0))[:, None], 0.0
    )

    # Willingness to talk: rises with the chips the other side holds, an arms race, tension.
    talks_base = np.array([level.sides[s].talks_base for s in SIDES])
    talks_parts = np.stack(
        [
            np.broadcast_to(talks_base, (n, 2)),
            tuning.talks_chip_weight * lev[:, ::-1],
            np.broadcast_to((tuning.talks_race_weight * race)[:, None], (n, 2)),
            np.broadcast_to((tuning.talks_tension_weight * world.tension)[:, None], (n, 2)),
            world.talks_bonus,
        ],
        axis=-1,
    )
    talks_terms = _limited(talks_parts, 0.0, 100.0)
    talks = talks_terms.sum(axis=-1)

    # Each side's score: weighted mean of what it wants high and what it wants low.
    weights = np.array(
        [[getattr(level.objectives[s].weights, k) for k in SCORE_TERMS] for s in SIDES]
    )  # (2, 6)
    goodness = np.stack(
        [det, 100.0 - det[:, ::-1], lev, standing, np.broadcast_to(100.0 - risk[:, None], (n, 2)), 100.0 - cost],
        axis=-1,
    )
    score_terms = goodness * (weights / weights.sum(axis=1, keepdims=True))[None]
    return Scores(
        deterrence=det,
        deterrence_terms=det_terms,
        leverage=lev,
        leverage_terms=lev_terms,
        standing=standing,
        standing_terms=standing_terms,
        cost=cost,
        cost_terms=cost_terms,
        risk=risk,
        risk_terms=risk_terms,
        talks=talks,
        talks_terms=talks_terms,
        race=race,
        score=score_terms.sum(axis=-1),
        score_terms=score_terms,
    )
