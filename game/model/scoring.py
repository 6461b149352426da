"""The scoring model: every index of every side, with the terms that add up to it.

All the arithmetic is on arrays with a leading batch axis (N worlds), so one call scores one
state or a thousand hypothetical ones (the scripted opponents value deals that way).
`docs/MODEL.md` explains each formula for teachers; `score_reference` states them plainly.

`score` gives the same numbers as `score_reference` (one world to the last bit; a batch to within
its last bits, as the BLAS of some CPUs rounds a row of a matrix product by its place in the
block it computes), faster: a batch goes
through `_score_many` (the same operations, laid out class by class, with reused work arrays);
one world through `_score_row` (few numpy calls, the small indices in plain floats, with the
same roundings in the same order); and a world straight from `world.world_of` is read from its
state without making arrays. Precomputed per-level constants are in `tables.ScoringPlan`.
"""

from __future__ import annotations

import threading

import numpy as np
from attrs import frozen

from game.model.level import Level
from game.model.tables import SCORE_TERMS, ScoringPlan, plan_for, tables_for

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
    if len(worlds) > 1 and all(w is worlds[0] for w in worlds):  # one world again and again
        return World(*[np.repeat(getattr(worlds[0], a.name), len(worlds), axis=0) for a in World.__attrs_attrs__])
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
    """Every index of every side for a batch of worlds (see the module docstring)."""
    if world.__class__ is not World:
        fast = getattr(world, "score_fast", None)  # world.world_of's worlds: straight from the state
        if fast is not None:
            found = fast(plan_for(level))
            if found is not None:
                return found
    if world.deployed.shape[0] == 1:
        return _score_one(plan_for(level), world)
    return _score_many(plan_for(level), world)


_SCRATCH = threading.local()
_SCRATCH_LIMIT = 512  # work arrays kept per thread


def _scratch(name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A work array of this thread, reused from call to call (large fresh arrays cost a page
    fault per 4 KiB): never part of a result. One per name and shape (a game's batches come
    in a few dozen sizes)."""
    buffers = getattr(_SCRATCH, "buffers", None)
    if buffers is None:
        buffers = _SCRATCH.buffers = {}
    key = (name, shape)
    found = buffers.get(key)
    if found is None:
        if len(buffers) >= _SCRATCH_LIMIT:
            buffers.clear()
        found = buffers[key] = np.empty(shape)
    return found


def score_reference(level: Level, world: World) -> Scores:
    """The model as docs/MODEL.md writes it, one formula at a time: `score` computes the same
    numbers, only faster (for one world to the last bit: its matrix products are vector-matrix
    products, as here; its batch path does these operations class by class).
    Kept as the readable statement of the model and to check `score` against."""
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
    # A vector-matrix product per world and class (N, C, 1, K) @ (C, K, T): how one world is scored,
    # whatever the batch (the BLAS of some CPUs rounds a row of a matrix product by its place).
    held0 = np.matmul(eff0[:, :, None, :], t.coverage)[:, :, 0]  # (N, C, T)
    held = np.matmul(eff[:, :, None, :], t.coverage)[:, :, 0]
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


def _clip(total: np.ndarray) -> np.ndarray:
    """np.clip(total, 0, 100) for the `clipped - total` corrections: the same numbers (a zero's
    sign aside, which `x - x` drops), without np.clip's Python layers."""
    out = np.maximum(total, 0.0)
    return np.minimum(out, 100.0, out=out)


def score_totals(level: Level, world: World) -> np.ndarray:
    """`score(level, world).score` for a batch of two worlds or more (N, 2): the same numbers,
    without the other indices' terms (for callers that compare scores only)."""
    return _score_many(plan_for(level), world, terms=False)


def _score_many(p: ScoringPlan, world: World, terms: bool = True) -> Scores | np.ndarray:
    """The model for a batch: the arithmetic of the formulas above, element by element in the
    same order, laid out class by class so that each matrix product is one BLAS call. Each row's
    numbers are the same whatever the batch's size and the row's place in it. Without `terms`,
    only the scores (N, 2): the exposure-free variant of deterrence and the terms of the
    indices are left out (every number that is made is made as with them)."""
    n = world.deployed.shape[0]
    C, K, T, A, G, S = p.C, p.K, p.T, p.A, p.G, p.S
    add, multiply = np.add.reduce, np.multiply
    F = world.deployed  # (N, C, K)
    Fc = F.transpose(1, 0, 2)  # (C, N, K)
    mask = p.mask

    # Deterrence: survivable forces holding the other side's targets at risk.
    site_cover = F.reshape(n, C * K) @ p.site_coverage_flat  # (N, K), integer sums
    exposure = site_cover / p.neg_exposure_saturation
    np.exp(exposure, out=exposure)
    np.subtract(1.0, exposure, out=exposure)
    keep = p.exposure_penalty * exposure
    np.subtract(1.0, keep, out=keep)
    eff = _scratch("eff", (C, 3 * n, K))  # by class: eff0 of each world, eff, and forces * (1 - surv)
    multiply(Fc, p.surv_col3, out=eff[:, :n])
    multiply(eff[:, :n], keep, out=eff[:, n:2 * n])
    multiply(Fc, p.unsurv_col3, out=eff[:, 2 * n:])
    vulnerable = add(eff[:, 2 * n:], axis=0)  # (N, K), class by class
    v = 2 if terms else 1  # variants of deterrence: without exposure (for the terms), with
    held = np.matmul(eff[:, (2 - v) * n:2 * n], p.coverage, out=_scratch("held", (C, v * n, T)))
    side_held = _scratch("side_held", (2, v * n, T))
    np.matmul(mask, held.reshape(C, v * n * T), out=side_held.reshape(2, v * n * T))
    # By side: the coverage weight without exposure, safe side_held0 (with the terms), with exposure.
    z = _scratch("z", (2, 2 * v - 1, n, T))
    if terms:
        safe = side_held[:, :n]  # side_held0, and 1 where it is 0 (x + (x == 0): exact, and no subnormals)
        np.add(safe, safe == 0.0, out=z[:, 1])
    # The exponentials of 1 - exp(-x / scale) of the rest of the model, in one call: coverage
    # (2 sides x vN x T), leverage (2 x N), then race, vulnerable forces, dual-capable forces.
    n_cov = 2 * v * n * T
    ex = _scratch("ex", (n_cov + 5 * n,))
    cov = ex[:n_cov].reshape(2, v * n, T)
    np.divide(side_held, p.neg_saturation3, out=cov)
    # Leverage: chips the other side would pay to see gone, matched by trade class.
    nch = p.n_chains
    chips = _scratch("chips", (C, n, S))  # by class
    np.matmul(Fc, p.chain_matrix, out=chips[:, :, :nch])
    multiply(world.reserve.T, p.reserve_weight, out=chips[:, :, nch])
    progress = world.progress
    unfielded = progress < 1.0
    paper = multiply(p.paper_lots, progress)
    paper *= world.funded
    multiply(paper, unfielded, out=chips[:, :, nch + 1].T)  # zero once fielded
    credibility = np.where(unfielded, multiply(progress, world.funded), 1.0)
    credibility *= p.us_ground
    pull = credibility * p.other_concern
    pull_total = add(pull, axis=1, keepdims=True)
    pull /= np.where(pull_total > 0, pull_total, 1.0)
    pledge_value = p.pledge_table[p.ally_range, world.pledge]  # (N, A)
    pledge_value *= np.maximum.reduce(credibility, axis=1)[:, None]
    multiply(pull.T[:, :, None], pledge_value, out=chips[:, :, nch + 2:])
    by_class = np.empty((2, n, C))  # chips, forces
    add(chips, axis=-1, out=by_class[0].T)
    forces = F.reshape(n * C, K) @ p.ones_forward  # (N*C, 2): forces per class, forward forces (integer sums)
    np.add(forces[:, 0].reshape(n, C), world.reserve, out=by_class[1])
    mine_held = (by_class.reshape(2 * n, C) @ p.side_trade).reshape(2, n, 2, G)
    mine, held_by = mine_held[0], mine_held[1]
    matched = np.minimum(mine, held_by[:, ::-1, :])
    tradeable = mine - matched
    tradeable *= p.cross_discount
    tradeable += matched
    positive = mine > 0
    factor = np.where(positive, tradeable / np.where(positive, mine, 1.0), 0.0)  # (N, 2, G)
    class_factor = factor.reshape(n, 2 * G)[:, p.own_trade]
    class_factor *= p.other_concern
    chips *= class_factor.T[:, :, None]
    raw_src = (mask @ chips.reshape(C, n * S)).reshape(2, n, S)
    raw = add(raw_src, axis=-1)  # (2, N)
    lev_t = ex[n_cov:n_cov + 2 * n].reshape(2, n)
    np.divide(raw, p.neg_lev_scale_col, out=lev_t)
    race = ex[n_cov + 2 * n:n_cov + 3 * n]
    np.matmul(world.produced, p.unit_cost, out=race)
    race /= p.neg_race_scale
    vulnerable *= exposure
    np.divide(add(vulnerable, axis=1), -VULNERABLE_SCALE, out=ex[n_cov + 3 * n:n_cov + 4 * n])
    dual_forward = np.ascontiguousarray(forces[:, 1].reshape(n, C)) @ p.dual
    np.divide(dual_forward, -DUAL_SCALE, out=ex[n_cov + 4 * n:])
    np.exp(ex, out=ex)
    np.subtract(1.0, ex, out=ex)
    multiply(cov.reshape(2, v, n, T), p.target_weight4, out=z[:, ::2])
    det_both = add(z[:, ::2], axis=-1)  # (2 sides, v variants, N)
    det_both *= p.room3
    det_both += p.base3
    det = np.empty((n, 2))
    det.T[...] = det_both[:, -1]
    lev_t *= 100.0
    lev = np.empty((n, 2))
    lev.T[...] = lev_t
    if terms:
        det_terms, lev_terms = _det_lev_terms(p, n, held, z, det_both, raw, raw_src, lev_t)

    shared = (world.pledge, world.ally_will, world.ally_exposure, world.spent, world.budget)
    if not terms and all(a.strides[0] == 0 for a in shared):
        # Every row has one row's allies and spending (broadcast): standing and cost worked out
        # once, in plain floats as for one world (the same numbers).
        _, _, *standing, _, _, cost_us, cost_china = _standing_cost(p, *(a[0].tolist() for a in shared))
        cost = (cost_us, cost_china)
    else:
        # Standing: alliance cohesion (U.S.) and regional influence (China), ally by ally.
        rung = world.pledge / 3.0
        will = world.ally_will
        standing_terms = np.empty((n, 2, A))
        cohesion = multiply(0.6, rung)
        cohesion += multiply(0.4, will)
        multiply(p.w100, cohesion, out=standing_terms[:, 0])
        influence = multiply(0.5, np.subtract(1, rung))
        influence += multiply(0.3, np.subtract(1, will))
        influence += multiply(0.2, world.ally_exposure)
        multiply(p.w100, influence, out=standing_terms[:, 1])
        standing = add(standing_terms, axis=-1)

        # Cost: this year's spending against the year's budget.
        budget = np.where(world.budget > 0, world.budget, 1.0)
        cost_terms = np.empty((n, 2, 5))
        np.divide(multiply(100.0, world.spent), budget[..., None], out=cost_terms[..., :4])
        total = add(cost_terms[..., :4], axis=-1)
        np.subtract(_clip(total), total, out=cost_terms[..., 4])
        cost = add(cost_terms, axis=-1)

    # Shared risk of escalation.
    if terms:
        race = race.copy()  # a result: its own array
    risk_parts = np.empty((n, 5))
    multiply(RISK_TENSION, world.tension, out=risk_parts[:, 0])
    multiply(RISK_RACE, race, out=risk_parts[:, 1])
    multiply(RISK_VULNERABLE, ex[n_cov + 3 * n:n_cov + 4 * n], out=risk_parts[:, 2])
    multiply(RISK_DUAL, ex[n_cov + 4 * n:], out=risk_parts[:, 3])
    multiply(-RISK_TREATY, world.treaty, out=risk_parts[:, 4])
    risk_sum = add(risk_parts, axis=-1)
    risk = np.maximum(risk_sum, 0.0)
    risk /= p.neg_risk_scale
    np.exp(risk, out=risk)
    np.subtract(1.0, risk, out=risk)
    risk *= 100.0

    # Each side's score: weighted mean of what it wants high and what it wants low.
    score_terms = np.empty((n, 2, len(SCORE_TERMS)))
    score_terms[..., 0] = det
    np.subtract(100.0, det[:, ::-1], out=score_terms[..., 1])
    x = lev - lev[:, ::-1]
    x *= 0.5
    np.add(50.0, x, out=score_terms[..., 2])
    score_terms[..., 3] = standing
    score_terms[..., 4] = np.subtract(100.0, risk)[:, None]
    np.subtract(100.0, cost, out=score_terms[..., 5])
    score_terms *= p.score_weights
    if not terms:
        return add(score_terms, axis=-1)

    risky = risk_sum > 0
    risk_terms = multiply(risk_parts, (risk / np.where(risky, risk_sum, 1.0))[:, None])
    risk_terms[~risky] = 0.0

    # Willingness to talk: rises with the chips the other side holds, an arms race, tension.
    talks_terms = np.empty((n, 2, len(TALKS_TERMS) + 1))
    talks_terms[..., 0] = p.talks_base
    multiply(p.talks_chip_weight, lev[:, ::-1], out=talks_terms[..., 1])
    talks_terms[..., 2] = multiply(p.talks_race_weight, race)[:, None]
    talks_terms[..., 3] = multiply(p.talks_tension_weight, world.tension)[:, None]
    talks_terms[..., 4] = world.talks_bonus
    total = add(talks_terms[..., :5], axis=-1)
    np.subtract(_clip(total), total, out=talks_terms[..., 5])
    talks = add(talks_terms, axis=-1)
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
        score=add(score_terms, axis=-1),
        score_terms=score_terms,
    )


def _det_lev_terms(p: ScoringPlan, n: int, held, z, det_both, raw, raw_src, lev_t):
    """The terms of deterrence (base, each class's share of its side's exposure-free coverage,
    exposure) and of leverage (by source), for `_score_many`."""
    C, S = p.C, p.S
    add, multiply = np.add.reduce, np.multiply
    frac = held[:, :n]  # held0 / safe side_held0 * coverage weight, in place
    if n <= 64:  # each class's side's rows side by side (small copies, fewer calls)
        own = z[:, :2].take(p.own, axis=0)  # (C, 2, N, T)
        np.divide(frac, own[:, 1], out=frac)
        frac *= own[:, 0]
    else:  # run by run of classes of one side (no copies)
        for s, a, b in p.side_runs:
            np.divide(frac[a:b], z[s, 1], out=frac[a:b])
            frac[a:b] *= z[s, 0]
    class_det = add(frac, axis=-1)  # (C, N)
    class_det *= p.room_own_col
    det_terms = np.empty((n, 2, C + 2))
    det_terms[:, :, 0] = p.base_det
    multiply(class_det.T[:, None, :], p.mask, out=det_terms[:, :, 1:C + 1])
    np.subtract(det_both[:, 1].T, det_both[:, 0].T, out=det_terms[:, :, C + 1])

    positive = raw > 0
    ratio = np.where(positive, lev_t / np.where(positive, raw, 1.0), 0.0)
    lev_terms = np.empty((n, 2, S))
    multiply(raw_src, ratio[:, :, None], out=lev_terms.transpose(1, 0, 2))
    return det_terms, lev_terms


# ---- one world -----------------------------------------------------------------------------
#
# The same model for a batch of one, with far fewer numpy calls: the level's constants come
# precomputed (tables.ScoringPlan), the two exposure variants share one matrix product, the
# exponentials of a stage share one call, and the indices built from a handful of numbers
# (standing, cost, risk, talks, score) are plain float arithmetic. Every number is computed
# with the same operations in the same order as `_score_many` computes it for one row (numpy's
# elementwise arithmetic is IEEE, like Python's floats; sums of fewer than 8 terms run from
# 0.0 left to right; matrix products keep their BLAS call per row), so the results are
# identical to the last bit. tests: see tests/model (the model claims and seeded game hashes).



def _score_one(p: ScoringPlan, world: World) -> Scores:
    return _score_row(
        p, world.deployed[0], world.reserve[0], world.progress[0], world.funded[0], world.produced[0],
        world.pledge.tolist()[0], world.ally_will.tolist()[0], world.ally_exposure.tolist()[0],
        world.spent.tolist()[0], world.budget.tolist()[0], world.tension.tolist()[0], world.treaty.tolist()[0],
        world.talks_bonus.tolist()[0],
    )


def _score_row(p: ScoringPlan, F, reserve, progress, funded, produced, pledge: list, ally_will: list,
               ally_exposure: list, spent: list, budget: list, tension, treaty, talks_bonus: list) -> Scores:
    """One world: the arrays of its deployed (C, K), reserve, progress, funded and produced (C,)
    forces, and the rest as Python numbers (read only)."""
    return _row_scores(p, _row_forces(p, F, reserve, progress, funded, produced, pledge), pledge, ally_will,
                       ally_exposure, spent, budget, tension, treaty, talks_bonus)


def _row_forces(p: ScoringPlan, F, reserve, progress, funded, produced, pledge: list) -> tuple:
    """The part of one world's model that reads its forces, programs, production and pledges
    (deterrence, leverage and the inputs of risk), for `_row_scores` to finish: worlds that
    differ only in tension, a treaty in force, spending, the allies' willingness and exposure or
    the talks bonus share it."""
    C, K, T, G = p.C, p.K, p.T, p.G
    add, multiply, subtract = np.add.reduce, np.multiply, np.subtract

    # Integer sums (exact in any order): forces covering each site, per class, forward.
    sums = F.reshape(C * K) @ p.integer_sums
    # exposure = 1 - exp(-site_cover / exposure_saturation)
    exposure = sums[:K] / p.neg_exposure_saturation
    np.exp(exposure, exposure)
    subtract(p.one, exposure, exposure)
    keep = p.exposure_penalty * exposure
    subtract(p.one, keep, keep)
    # eff0 = F * surv, and F * (1 - surv) for the vulnerable forces, then eff = eff0 * keep.
    eff = np.empty((3, C, K))
    multiply(F, p.surv_pair, eff[:2])
    multiply(eff[0], keep, eff[2])
    # held0 and held: one vector-matrix product per class and variant (as for one row).
    held = np.matmul(eff[::2, :, None, :], p.coverage).reshape(2, C, T)
    side_held = p.mask @ held  # (2 variants, 2 sides, T)
    cov = side_held / p.neg_saturation
    np.exp(cov, cov)
    subtract(p.one, cov, cov)
    cw = multiply(cov, p.target_weight)  # (2 variants, 2 sides, T)
    (s00, s10), (s01, s11) = add(cw, -1).tolist()  # [variant][side]
    base0, base1 = p.base_list
    room0, room1 = p.room_list
    det_us, det_china = base0 + room0 * s01, base1 + room1 * s11
    own = p.own
    frac = side_held[0]  # side_held0 where positive, else 1, by class
    frac = np.add(frac, frac == 0.0).take(own, 0)
    np.divide(held[0], frac, frac)
    frac *= cw[0].take(own, 0)
    class_det = add(frac, -1)
    class_det *= p.room_own

    # Leverage: chips by source for each class.
    paper_cred = multiply(progress, p.paper_lots_one)  # (lot * paper weight * progress, progress)
    paper_cred *= funded
    np.copyto(paper_cred, p.zero_one, where=np.greater_equal(progress, p.one))  # fielded: no paper, real
    credibility = paper_cred[1]
    credibility *= p.us_ground
    pull = multiply(credibility, p.other_concern)
    pull_total = _sum(pull.tolist())
    if pull_total > 0:
        pull /= pull_total
    top = max(credibility.tolist())
    chips = np.empty((C, p.S))
    nch = p.n_chains
    np.matmul(F, p.chain_matrix, chips[:, :nch])
    multiply(reserve, p.reserve_weight, chips[:, nch])
    chips[:, nch + 1] = paper_cred[0]
    multiply(pull[:, None], [row[r] * top for row, r in zip(p.pledge_rows, pledge)],
             chips[:, nch + 2:])
    by_class = add(chips, -1).tolist()
    forces = sums[K:K + C]
    forces += reserve
    forces = forces.tolist()
    mine = [0.0] * (2 * G)
    held_by = [0.0] * (2 * G)
    for c, i in enumerate(p.side_trade_index):
        mine[i] += by_class[c]
        held_by[i] += forces[c]
    cd = p.cross_discount
    factor = []
    for s in (0, 1):
        other = (1 - s) * G
        for g in range(G):
            m = mine[s * G + g]
            h = held_by[other + g]
            matched = m if m <= h else h
            factor.append((matched + cd * (m - matched)) / m if m > 0 else 0.0)
    chips *= np.array([factor[i] * o for i, o in p.own_trade_concern])[:, None]
    raw_src = p.mask @ chips  # (2, S)
    raw0, raw1 = add(raw_src, -1).tolist()

    # Shared risk, inputs.
    produced_cost = float(np.dot(produced, p.unit_cost))
    vulnerable = add(eff[1], 0)
    vulnerable *= exposure
    vulnerable = float(add(vulnerable))
    dual_forward = float(np.dot(sums[K + C:], p.dual))
    nls = p.neg_lev_scale
    e_lev0, e_lev1, e_race, e_vul, e_dual = np.exp([
        raw0 / nls[0], raw1 / nls[1], produced_cost / p.neg_race_scale,
        vulnerable / -VULNERABLE_SCALE, dual_forward / -DUAL_SCALE]).tolist()

    # Leverage, values and terms.
    lev_us, lev_china = 100.0 * (1.0 - e_lev0), 100.0 * (1.0 - e_lev1)
    lev_terms = multiply(raw_src, [[lev_us / raw0 if raw0 > 0 else 0.0], [lev_china / raw1 if raw1 > 0 else 0.0]])
    if not raw0 > 0:
        lev_terms[0] = 0.0
    if not raw1 > 0:
        lev_terms[1] = 0.0
    return det_us, det_china, s00, s10, class_det, lev_us, lev_china, lev_terms, e_race, e_vul, e_dual


def _row_scores(p: ScoringPlan, forces: tuple, pledge: list, ally_will: list, ally_exposure: list, spent: list,
                budget: list, tension, treaty, talks_bonus: list) -> Scores:
    """One world's Scores from its `_row_forces` and the rest of its inputs."""
    C = p.C
    det_us, det_china, s00, s10, class_det, lev_us, lev_china, lev_terms, e_race, e_vul, e_dual = forces
    base0, base1 = p.base_list
    room0, room1 = p.room_list
    multiply = np.multiply

    # Standing and cost (the cost kinds and the over-budget correction: 5 terms a side).
    coh, inf, standing_us, standing_china, (a0, a1, a2, a3, ca), (b0, b1, b2, b3, cb), cost_us, cost_china = \
        _standing_cost(p, pledge, ally_will, ally_exposure, spent, budget)

    # Risk.
    race = 1.0 - e_race
    r0, r1, r2, r3, r4 = (RISK_TENSION * tension, RISK_RACE * race, RISK_VULNERABLE * (1.0 - e_vul),
                          RISK_DUAL * (1.0 - e_dual), -RISK_TREATY * treaty)
    risk_sum = 0.0 + r0 + r1 + r2 + r3 + r4
    risk = 100.0 * (1.0 - float(np.exp((risk_sum if risk_sum >= 0.0 else 0.0) / p.neg_risk_scale)))
    if risk_sum > 0:
        ratio = risk / risk_sum
        q0, q1, q2, q3, q4 = r0 * ratio, r1 * ratio, r2 * ratio, r3 * ratio, r4 * ratio
    else:
        q0 = q1 = q2 = q3 = q4 = 0.0

    # Willingness to talk (5 parts and the 0..100 correction).
    race_part = p.talks_race_weight * race
    tension_part = p.talks_tension_weight * tension
    bonus_us, bonus_china = talks_bonus
    tb_us, tb_china = p.talks_base_list
    t1u, t1c = p.talks_chip_weight * lev_china, p.talks_chip_weight * lev_us
    total = 0.0 + tb_us + t1u + race_part + tension_part + bonus_us
    t5u = (100.0 if total > 100.0 else 0.0 if total < 0.0 else total) - total
    total = 0.0 + tb_china + t1c + race_part + tension_part + bonus_china
    t5c = (100.0 if total > 100.0 else 0.0 if total < 0.0 else total) - total

    # Score (6 terms).
    (w0, w1, w2, w3, w4, w5), (v0, v1, v2, v3, v4, v5) = p.score_weights_list
    g0, g1, g2, g3, g4, g5 = (det_us * w0, (100.0 - det_china) * w1, (50.0 + 0.5 * (lev_us - lev_china)) * w2,
                              standing_us * w3, (100.0 - risk) * w4, (100.0 - cost_us) * w5)
    h0, h1, h2, h3, h4, h5 = (det_china * v0, (100.0 - det_us) * v1, (50.0 + 0.5 * (lev_china - lev_us)) * v2,
                              standing_china * v3, (100.0 - risk) * v4, (100.0 - cost_china) * v5)

    # Every number above in one array, handed out as views.
    out = np.array([
        det_us, det_china, lev_us, lev_china, standing_us, standing_china, cost_us, cost_china,
        0.0 + tb_us + t1u + race_part + tension_part + bonus_us + t5u,
        0.0 + tb_china + t1c + race_part + tension_part + bonus_china + t5c,
        0.0 + g0 + g1 + g2 + g3 + g4 + g5, 0.0 + h0 + h1 + h2 + h3 + h4 + h5,
        risk, race, q0, q1, q2, q3, q4,
        a0, a1, a2, a3, ca, b0, b1, b2, b3, cb,
        tb_us, t1u, race_part, tension_part, bonus_us, t5u, tb_china, t1c, race_part, tension_part, bonus_china, t5c,
        g0, g1, g2, g3, g4, g5, h0, h1, h2, h3, h4, h5,
        *coh, *inf,
        base0, *multiply(class_det, p.mask[0]).tolist(), det_us - (base0 + room0 * s00),
        base1, *multiply(class_det, p.mask[1]).tolist(), det_china - (base1 + room1 * s10),
    ])
    pair = out[None, :12].reshape(1, 6, 2)
    return Scores(
        deterrence=pair[:, 0],
        deterrence_terms=out[53 + 2 * p.A:].reshape(1, 2, C + 2),
        leverage=pair[:, 1],
        leverage_terms=lev_terms[None],
        standing=pair[:, 2],
        standing_terms=out[53:53 + 2 * p.A].reshape(1, 2, p.A),
        cost=pair[:, 3],
        cost_terms=out[19:29].reshape(1, 2, 5),
        risk=out[12:13],
        risk_terms=out[None, 14:19],
        talks=pair[:, 4],
        talks_terms=out[29:41].reshape(1, 2, 6),
        race=out[13:14],
        score=pair[:, 5],
        score_terms=out[41:53].reshape(1, 2, 6),
    )


def _standing_cost(p: ScoringPlan, pledge: list, ally_will: list, ally_exposure: list, spent: list,
                   budget: list) -> tuple:
    """Standing and cost of one world in plain floats, with numpy's roundings: each ally's
    cohesion and influence terms, the two standings, each side's cost terms (the cost kinds and
    the over-budget correction) and the two costs."""
    coh, inf = [], []
    for w100, rung, will, expo in zip(p.w100_list, pledge, ally_will, ally_exposure):
        rung = rung / 3.0
        coh.append(w100 * (0.6 * rung + 0.4 * will))
        inf.append(w100 * (0.5 * (1 - rung) + 0.3 * (1 - will) + 0.2 * expo))
    (a0, a1, a2, a3), (b0, b1, b2, b3) = spent
    bu, bc = budget
    bu = bu if bu > 0 else 1.0
    bc = bc if bc > 0 else 1.0
    a0, a1, a2, a3 = 100.0 * a0 / bu, 100.0 * a1 / bu, 100.0 * a2 / bu, 100.0 * a3 / bu
    b0, b1, b2, b3 = 100.0 * b0 / bc, 100.0 * b1 / bc, 100.0 * b2 / bc, 100.0 * b3 / bc
    ta = 0.0 + a0 + a1 + a2 + a3
    tb = 0.0 + b0 + b1 + b2 + b3
    ca = (100.0 if ta > 100.0 else 0.0 if ta < 0.0 else ta) - ta
    cb = (100.0 if tb > 100.0 else 0.0 if tb < 0.0 else tb) - tb
    return (coh, inf, _sum(coh), _sum(inf), (a0, a1, a2, a3, ca), (b0, b1, b2, b3, cb),
            0.0 + a0 + a1 + a2 + a3 + ca, 0.0 + b0 + b1 + b2 + b3 + cb)


def _sum(values: list) -> float:
    """numpy's sum of a row of floats (np.add.reduce): from 0.0, left to right below 8 terms;
    from 8 on, eight running sums combined pairwise, then the rest (128 terms and more are
    split in halves, each summed so)."""
    n = len(values)
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    return 0.0 + _pairwise(values, 0, n)


def _pairwise(a: list, start: int, n: int) -> float:
    if n < 8:
        total = 0.0  # numpy's pairwise_sum starts short blocks from 0 as well
        for i in range(start, start + n):
            total += a[i]
        return total
    if n <= 128:
        r0, r1, r2, r3, r4, r5, r6, r7 = a[start:start + 8]
        i = 8
        end = n - n % 8
        while i < end:
            j = start + i
            r0 += a[j]
            r1 += a[j + 1]
            r2 += a[j + 2]
            r3 += a[j + 3]
            r4 += a[j + 4]
            r5 += a[j + 5]
            r6 += a[j + 6]
            r7 += a[j + 7]
            i += 8
        total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for j in range(start + i, start + n):
            total += a[j]
        return total
    half = n // 2
    half -= half % 8
    return _pairwise(a, start, half) + _pairwise(a, start + half, n - half)
