"""The scoring model: every index of every side, with the terms that add up to it.

All the arithmetic is on arrays with a leading batch axis (N worlds), so one call scores one
state or a thousand hypothetical ones (the scripted opponents value deals that way).
`docs/MODEL.md` explains each formula for teachers.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from game.model.level import Level
from game.model.tables import SCORE_TERMS, tables_for

COST_KINDS: tuple[str, ...] = ("research", "production", "upkeep", "diplomacy")
RISK_TERMS: tuple[str, ...] = ("Tension", "Arms race", "Vulnerable forward forces", "Dual-capable ambiguity", "Treaty in force")
TALKS_TERMS: tuple[str, ...] = ("Starting attitude", "Chips the other side holds", "Cost of an arms race", "Tension", "Signals and events")
STANDING_NAMES = {"us": "Alliance cohesion", "china": "Regional influence"}

# Weights inside the shared risk index (points before saturation; see docs/MODEL.md).
RISK_TENSION = 0.7
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
    n = world.n
    F = world.deployed  # (N, C, K)
    mask = t.side_mask  # (2, C)
    n_c, n_k = F.shape[1], F.shape[2]

    # Deterrence: survivable forces holding the other side's targets at risk.
    site_cover = F.reshape(n, n_c * n_k) @ t.site_coverage.reshape(n_c * n_k, n_k)  # (N, K)
    exposure = 1.0 - np.exp(-site_cover / tuning.exposure_saturation)
    eff0 = F * t.surv[:, None]
    eff = eff0 * (1.0 - tuning.exposure_penalty * exposure)[:, None, :]
    held0 = np.matmul(eff0.transpose(1, 0, 2), t.coverage).transpose(1, 0, 2)  # (N, C, T)
    held = np.matmul(eff.transpose(1, 0, 2), t.coverage).transpose(1, 0, 2)
    side_held0 = mask @ held0  # (N, 2, T)
    side_held = mask @ held
    cov0 = 1.0 - np.exp(-side_held0 / t.saturation)
    cov = 1.0 - np.exp(-side_held / t.saturation)
    room = 100.0 - t.base_det
    det0 = t.base_det + room * (cov0 * t.target_weight).sum(axis=-1)
    det = t.base_det + room * (cov * t.target_weight).sum(axis=-1)
    # Each class's share of the (exposure-free) coverage its side provides.
    own = t.class_side
    frac = held0 / np.where(side_held0 > 0, side_held0, 1.0)[:, own, :]
    class_det = room[own] * (frac * (cov0 * t.target_weight)[:, own, :]).sum(axis=-1)  # (N, C)
    det_terms = np.concatenate(
        [np.broadcast_to(t.base_det, (n, 2))[..., None], class_det[:, None, :] * mask, (det - det0)[..., None]],
        axis=-1,
    )

    # Leverage: chips the other side would pay to see gone, matched by trade class.
    chips_chain = F @ t.chain_matrix  # (N, C, 4)
    chips_reserve = world.reserve * tuning.reserve_weight
    unfielded = world.progress < 1.0
    chips_paper = np.where(unfielded, t.lot * (PAPER_LOTS * tuning.paper_weight) * world.progress * world.funded, 0.0)
    # How real each U.S. missile class is (fielded 1; a funded program by its progress).
    credibility = np.where(unfielded, world.progress * world.funded, 1.0) * mask[0] * t.ground
    pull = credibility * t.other_concern
    pull_total = pull.sum(axis=1, keepdims=True)
    share = pull / np.where(pull_total > 0, pull_total, 1.0)
    pledge_value = tuning.pledge_chip * t.pledge_weight[world.pledge] * t.ally_weight * credibility.max(axis=1)[:, None]
    chips_pledge = share[:, :, None] * pledge_value[:, None, :]  # (N, C, A)
    chips = np.concatenate([chips_chain, chips_reserve[..., None], chips_paper[..., None], chips_pledge], axis=-1)
    by_trade = t.trade_onehot * 1.0  # (C, G)
    mine = (chips.sum(axis=-1)[:, None, :] * mask) @ by_trade  # (N, 2, G)
    held_by = ((F.sum(axis=2) + world.reserve)[:, None, :] * mask) @ by_trade
    matched = np.minimum(mine, held_by[:, ::-1, :])
    tradeable = matched + tuning.cross_discount * (mine - matched)
    factor = np.where(mine > 0, tradeable / np.where(mine > 0, mine, 1.0), 0.0)  # (N, 2, G)
    class_factor = factor[:, own, t.trade] * t.other_concern  # (N, C)
    raw_src = mask @ (chips * class_factor[..., None])  # (N, 2, S)
    raw = raw_src.sum(axis=-1)
    lev = _saturate(raw, t.lev_scale)
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
    race = 1.0 - np.exp(-(world.produced @ t.unit_cost) / tuning.race_scale)
    vulnerable = ((F * (1.0 - t.surv)[:, None]).sum(axis=1) * exposure).sum(axis=1)
    dual_forward = (F @ t.forward) @ t.dual
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
    risk_sum = risk_parts.sum(axis=-1)
    risk = _saturate(np.maximum(risk_sum, 0.0), tuning.risk_scale)
    risk_terms = _share(risk_parts, np.where(risk_sum > 0, risk_sum, 0.0), risk)

    # Willingness to talk: rises with the chips the other side holds, an arms race, tension.
    talks_parts = np.empty((n, 2, len(TALKS_TERMS)))
    talks_parts[..., 0] = t.talks_base
    talks_parts[..., 1] = tuning.talks_chip_weight * lev[:, ::-1]
    talks_parts[..., 2] = (tuning.talks_race_weight * race)[:, None]
    talks_parts[..., 3] = (tuning.talks_tension_weight * world.tension)[:, None]
    talks_parts[..., 4] = world.talks_bonus
    talks_terms = _limited(talks_parts, 0.0, 100.0)
    talks = talks_terms.sum(axis=-1)

    # Each side's score: weighted mean of what it wants high and what it wants low.
    goodness = np.empty((n, 2, len(SCORE_TERMS)))
    goodness[..., 0] = det
    goodness[..., 1] = 100.0 - det[:, ::-1]
    goodness[..., 2] = 50.0 + 0.5 * (lev - lev[:, ::-1])
    goodness[..., 3] = standing
    goodness[..., 4] = (100.0 - risk)[:, None]
    goodness[..., 5] = 100.0 - cost
    score_terms = goodness * t.score_weights
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
