"""Static arrays derived once per level: distances, coverage, weights, index maps.

Nothing here depends on the state of a game, so it is computed once and cached.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from game.model.level import CHAINS, PLEDGES, SIDES, Level
from game.model.memo import memo

EARTH_RADIUS_KM = 6371.0
SCORE_TERMS: tuple[str, ...] = ("deterrence", "threat", "leverage", "standing", "risk", "cost")


def great_circle_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Haversine distance in km; broadcasts over numpy arrays of degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@frozen(eq=False)
class Tables:
    """Arrays indexed by class (C), site (K), target (T), ally (A), trade class (G)."""

    class_side: np.ndarray  # (C,) 0 = U.S., 1 = China
    surv: np.ndarray  # (C,)
    dual: np.ndarray  # (C,)
    unit_cost: np.ndarray  # (C,)
    upkeep: np.ndarray  # (C,)
    lot: np.ndarray  # (C,)
    dev_years: np.ndarray  # (C,)
    research_cost: np.ndarray  # (C,)
    trade: np.ndarray  # (C,) index into trade_classes
    trade_onehot: np.ndarray  # (C, G)
    trade_classes: tuple[str, ...]
    site_dist: np.ndarray  # (K, T) km
    coverage: np.ndarray  # (C, K, T) 1.0 where a class at a site reaches a target
    site_coverage: np.ndarray  # (C, K, K) 1.0 where a class at a site reaches another site
    target_value: np.ndarray  # (2, T) value of each target to the side that would strike it
    chain_of_site: np.ndarray  # (K,) index into CHAINS
    chain_weight: np.ndarray  # (K,)
    site_host_ally: np.ndarray  # (K,) ally index or -1
    concern: np.ndarray  # (2, G) how much side s wants the other side's trade class gone
    ally_weight: np.ndarray  # (A,)
    pledge_weight: np.ndarray  # (4,) leverage a pledge rung is worth, in units of pledge_chip
    forward: np.ndarray  # (K,) 1.0 for first-chain and mainland sites
    ground: np.ndarray  # (C,) 1.0 for ground-launched classes
    # Constants of the scoring model that come from the level's numbers.
    side_mask: np.ndarray  # (2, C) 1.0 where a class belongs to a side
    chain_matrix: np.ndarray  # (K, 4) chain one-hot times the chain's leverage weight
    other_concern: np.ndarray  # (C,) how much the other side wants this class gone
    base_det: np.ndarray  # (2,) deterrence from forces the model does not count one by one
    target_weight: np.ndarray  # (2, T) each side's target values, normalised to sum 1
    lev_scale: np.ndarray  # (2,)
    saturation: np.ndarray  # (2, 1) missiles a side needs to hold one of the other's targets
    talks_base: np.ndarray  # (2,)
    score_weights: np.ndarray  # (2, 6) objective weights, normalised to sum 1


PLEDGE_CHIP_RUNGS = np.array([0.0, 0.25, 1.0, 0.6])  # none, considering, pledged, hosting

def tables_for(level: Level) -> Tables:
    store = memo("tables", level)
    if "tables" not in store:
        store["tables"] = _build(level)
    return store["tables"]


def _build(level: Level) -> Tables:
    classes, sites, targets = level.classes, level.sites, level.targets
    trade_classes = tuple(sorted({c.trade_class for c in classes}))
    trade = np.array([trade_classes.index(c.trade_class) for c in classes], dtype=np.int64)
    class_side = np.array([SIDES.index(c.side) for c in classes], dtype=np.int64)
    rng = np.array([c.max_range for c in classes], dtype=float)

    site_lat = np.array([s.lat for s in sites])
    site_lon = np.array([s.lon for s in sites])
    tgt_lat = np.array([t.lat for t in targets])
    tgt_lon = np.array([t.lon for t in targets])
    site_dist = great_circle_km(site_lat[:, None], site_lon[:, None], tgt_lat[None], tgt_lon[None])
    site_site = great_circle_km(site_lat[:, None], site_lon[:, None], site_lat[None], site_lon[None])

    target_owner = np.array([SIDES.index(t.owner) for t in targets])
    # A class covers a target it reaches that belongs to the other side.
    reach = site_dist[None, :, :] <= rng[:, None, None]
    hostile = target_owner[None, None, :] != class_side[:, None, None]
    coverage = (reach & hostile).astype(float)
    site_base = np.array([SIDES.index(s.base_side()) for s in sites])
    site_reach = site_site[None] <= rng[:, None, None]
    site_hostile = site_base[None, None, :] != class_side[:, None, None]
    site_coverage = (site_reach & site_hostile).astype(float)

    values = np.array([t.value for t in targets], dtype=float)
    target_value = np.stack([values * (target_owner == 1), values * (target_owner == 0)])

    chain_of_site = np.array([CHAINS.index(s.chain) for s in sites])
    chain_weight = np.array([level.model.chain_weight.get(s.chain, 1.0) for s in sites])
    ally_ids = [a.id for a in level.allies]
    site_host_ally = np.array([ally_ids.index(s.host) if s.host in ally_ids else -1 for s in sites])

    concern = np.zeros((2, len(trade_classes)))
    for si, side in enumerate(SIDES):
        for g, name in enumerate(trade_classes):
            concern[si, g] = level.sides[side].concern.get(name, 0.0)

    assert len(PLEDGE_CHIP_RUNGS) == len(PLEDGES)
    side_mask = np.stack([class_side == 0, class_side == 1]).astype(float)
    total_value = target_value.sum(axis=1, keepdims=True)
    weights = np.array([[getattr(level.objectives[s].weights, k) for k in SCORE_TERMS] for s in SIDES])
    return Tables(
        side_mask=side_mask,
        chain_matrix=np.eye(len(CHAINS))[chain_of_site] * chain_weight[:, None],
        other_concern=concern[1 - class_side, trade],
        base_det=np.array([level.sides[s].base_deterrence for s in SIDES], dtype=float),
        target_weight=target_value / np.where(total_value > 0, total_value, 1.0),
        lev_scale=np.array([level.model.leverage_scale.get(s, 60.0) for s in SIDES], dtype=float),
        saturation=np.array([[level.model.saturation.get(s, 40.0)] for s in SIDES], dtype=float),
        talks_base=np.array([level.sides[s].talks_base for s in SIDES], dtype=float),
        score_weights=weights / weights.sum(axis=1, keepdims=True),
        class_side=class_side,
        surv=np.array([c.survivability for c in classes], dtype=float),
        dual=np.array([c.dual_capable for c in classes], dtype=float),
        unit_cost=np.array([c.unit_cost for c in classes], dtype=float),
        upkeep=np.array([c.upkeep for c in classes], dtype=float),
        lot=np.array([c.lot_size for c in classes], dtype=float),
        dev_years=np.array([c.dev_years for c in classes], dtype=float),
        research_cost=np.array([c.research_cost for c in classes], dtype=float),
        trade=trade,
        trade_onehot=np.eye(len(trade_classes))[trade],
        trade_classes=trade_classes,
        site_dist=site_dist,
        coverage=coverage,
        site_coverage=site_coverage,
        target_value=target_value,
        chain_of_site=chain_of_site,
        chain_weight=chain_weight,
        site_host_ally=site_host_ally,
        concern=concern,
        ally_weight=np.array([a.weight for a in level.allies], dtype=float),
        pledge_weight=PLEDGE_CHIP_RUNGS,
        forward=np.array([s.chain in ("first", "mainland") for s in sites], dtype=float),
        ground=np.array([c.ground_launched for c in classes], dtype=float),
    )
