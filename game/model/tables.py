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


class ScoringPlan:
    """Per-level constants of `scoring.score` in the shapes its arithmetic uses: combined
    matrices, index arrays and the level's tuning as plain floats (built once, cached).

    Each array is built with the same floating-point operations the model would otherwise do
    at every call, so scoring gives the same numbers to the last bit."""

    def __init__(self, level: Level, t: Tables):
        tuning = level.model
        C, K, T, A = len(level.classes), len(level.sites), len(level.targets), len(level.allies)
        G = len(t.trade_classes)
        self.C, self.K, self.T, self.A, self.G = C, K, T, A, G
        self.S = len(CHAINS) + 2 + A  # leverage sources: chains, reserve, paper, each ally's pledge
        self.n_chains = len(CHAINS)
        self.mask = t.side_mask
        self.own = t.class_side
        self.surv = t.surv
        self.surv_col = t.surv[:, None]
        self.surv_col3 = t.surv[:, None, None]
        self.unsurv_col3 = (1.0 - t.surv)[:, None, None]
        self.ones_forward = np.stack([np.ones(K), t.forward], axis=1)  # (K, 2)
        # Runs of consecutive classes of one side: (side, first, end).
        runs: list = []
        for ci, s in enumerate(t.class_side.tolist()):
            if runs and runs[-1][0] == s and runs[-1][2] == ci:
                runs[-1][2] = ci + 1
            else:
                runs.append([s, ci, ci + 1])
        self.side_runs = [tuple(r) for r in runs]
        self.unsurv_col = (1.0 - t.surv)[:, None]
        self.surv_pair = np.stack([t.surv, 1.0 - t.surv])[:, :, None]  # (2, C, 1)
        self.coverage = t.coverage
        self.coverage4 = t.coverage[:, None, :, :]  # (C, 1, K, T)
        self.site_coverage_flat = np.ascontiguousarray(t.site_coverage.reshape(C * K, K))
        # One (C*K, K + 2C) matrix of zeros and ones: forces covering each site, forces of
        # each class, forward forces of each class (integer sums, exact in any order).
        big = np.zeros((C * K, K + 2 * C))
        big[:, :K] = self.site_coverage_flat
        for ci in range(C):
            big[ci * K:(ci + 1) * K, K + ci] = 1.0
            big[ci * K:(ci + 1) * K, K + C + ci] = t.forward
        self.integer_sums = big
        self.forward = t.forward
        self.dual = t.dual
        self.unit_cost = t.unit_cost
        self.neg_exposure_saturation = np.array(-float(tuning.exposure_saturation))
        self.exposure_penalty = np.array(float(tuning.exposure_penalty))
        self.neg_saturation = -t.saturation  # (2, 1)
        self.neg_saturation3 = -t.saturation[:, :, None]  # (2, 1, 1)
        self.saturation_list = [float(x) for x in t.saturation[:, 0]]
        self.target_weight = t.target_weight
        self.target_weight3 = t.target_weight[:, None, :]
        self.target_weight4 = t.target_weight[:, None, None, :]
        self.room3 = (100.0 - t.base_det)[:, None, None]
        self.base3 = t.base_det[:, None, None]
        self.base_det = t.base_det
        self.room = 100.0 - t.base_det
        self.room_col = self.room[:, None]
        self.base_col = t.base_det[:, None]
        self.room_own = self.room[t.class_side]
        self.room_own_col = self.room_own[:, None]
        self.base_list = [float(x) for x in t.base_det]
        self.det_template = np.zeros((1, 2, C + 2))
        self.det_template[0, :, 0] = t.base_det
        self.room_list = [float(x) for x in self.room]
        self.chain_matrix = t.chain_matrix
        self.reserve_weight = np.array(float(tuning.reserve_weight))
        self.paper_lots = t.lot * (2.0 * tuning.paper_weight)  # scoring.PAPER_LOTS lots
        self.paper_lots_one = np.stack([self.paper_lots, np.ones(C)])  # (2, C)
        self.zero_one = np.array([[0.0], [1.0]])
        self.us_ground = t.side_mask[0] * t.ground  # 0/1
        self.us_ground_list = [float(x) for x in self.us_ground]
        self.paper_lots_list = [float(x) for x in self.paper_lots]
        self.one = np.array(1.0)
        # pledge_table as lists: [ally][rung]
        self.side_trade_index = [int(s) * G + int(g) for s, g in zip(t.class_side, t.trade)]
        self.other_concern = t.other_concern
        self.oc_list = [float(x) for x in t.other_concern]
        # For each class: the index of (its side, its trade class) in a flat (2, G) list, and
        # how much the other side wants it gone.
        self.own_trade_concern = [(int(s) * G + int(g), float(c))
                                  for s, g, c in zip(t.class_side, t.trade, t.other_concern)]
        # (pledge_chip * rung weight) * ally weight, for every ally and rung.
        self.pledge_table = (tuning.pledge_chip * PLEDGE_CHIP_RUNGS)[None, :] * t.ally_weight[:, None]
        self.ally_range = np.arange(A)
        self.pledge_rows = [[float(x) for x in row] for row in self.pledge_table]
        self.trade = t.trade
        self.trade_list = [int(x) for x in t.trade]
        self.own_list = [int(x) for x in t.class_side]
        self.by_trade = t.trade_onehot * 1.0
        # (C, 2G): class c counts for side s and trade class g (zeros and ones).
        self.side_trade = (t.side_mask.T[:, :, None] * t.trade_onehot[:, None, :]).reshape(C, 2 * G)
        self.cross_discount = tuning.cross_discount
        self.neg_lev_scale = [-float(x) for x in t.lev_scale]
        self.lev_scale = t.lev_scale
        self.neg_lev_scale_col = -t.lev_scale[:, None]
        self.own_trade = t.class_side * G + t.trade
        w_norm = t.ally_weight / max(t.ally_weight.sum(), 1e-9)
        self.w100 = 100.0 * w_norm
        self.w100_list = [float(x) for x in self.w100]
        self.neg_race_scale = -tuning.race_scale
        self.neg_risk_scale = -tuning.risk_scale
        self.talks_base = t.talks_base
        self.talks_base_list = [float(x) for x in t.talks_base]
        self.talks_chip_weight = tuning.talks_chip_weight
        self.talks_race_weight = tuning.talks_race_weight
        self.talks_tension_weight = tuning.talks_tension_weight
        self.score_weights = t.score_weights
        self.score_weights_list = [[float(x) for x in row] for row in t.score_weights]
        self.budgets = [float(level.sides[s].budget) for s in SIDES]


_LAST_PLAN: list = [None, None]  # (level, plan) of the last call: most calls are for one level


def plan_for(level: Level) -> ScoringPlan:
    if _LAST_PLAN[0] is level:
        return _LAST_PLAN[1]
    store = memo("tables", level)
    plan = store.get("plan")
    if plan is None:
        plan = store["plan"] = ScoringPlan(level, tables_for(level))
    _LAST_PLAN[0], _LAST_PLAN[1] = level, plan
    return plan
