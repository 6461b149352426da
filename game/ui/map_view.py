"""The map of the Western Pacific: coastlines, island chains, allies, sites, reach and rings.

Drawing is layered and cached. The *static* layer (sea, graticule, land) is built on `layout`
only, i.e. on a resize. The *backdrop* adds what changes with the game (allies coloured by
pledge, the island chains over them, the shaded reach of China's deployed missiles) and is
rebuilt only when those change. Markers, labels, the selected range ring and the hover box are
drawn every frame: there are few of them.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.model.level import PLEDGES, Level
from game.model.state import GameState
from game.ui.geo import distance_km, range_ring
from game.ui.map_data import project

PLEDGE_COLOURS = ("pledge_none", "pledge_considering", "pledge_pledged", "pledge_hosting")
CHAIN_WORDS = {"first": "first island chain", "second": "second island chain", "mainland": "mainland",
               "rear": "rear area"}
GRID_STEP = 10
M = "#map"


def short_name(name: str) -> str:
    return name.split(",")[0].strip()


def dashed_lines(surface, colour, points, width: int, dash: int = 10, gap: int = 6) -> None:
    """A dashed polyline (pygame has only solid ones)."""
    carry = 0.0
    on = True
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        seg = np.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while pos < seg:
            step = min((dash if on else gap) - carry, seg - pos)
            if on:
                a = (x0 + (x1 - x0) * pos / seg, y0 + (y1 - y0) * pos / seg)
                b = (x0 + (x1 - x0) * (pos + step) / seg, y0 + (y1 - y0) * (pos + step) / seg)
                pygame.draw.line(surface, colour, a, b, width)
            pos += step
            carry += step
            if carry >= (dash if on else gap) - 1e-9:
                carry = 0.0
                on = not on


class MapView:
    def __init__(self, resources, level: Level, lettering):
        self.res = resources
        self.level = level
        self.p = resources.palette
        self.text = lettering
        overlay = resources.overlay
        self.view = overlay.view
        self.ally_of_iso = {
            iso: ai for ai, ally in enumerate(level.allies) for iso in overlay.ally_countries.get(ally.id, ())
        }
        self.side_of_iso = {iso: side for side, isos in overlay.side_countries.items() for iso in isos}
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.show_legend = True
        self.show_reach = True
        self._static: pygame.Surface | None = None
        self._backdrop: pygame.Surface | None = None
        self._backdrop_key = None
        self._site_ll = np.array([[s.lat, s.lon] for s in level.sites]).reshape(-1, 2)
        self._target_ll = np.array([[t.lat, t.lon] for t in level.targets]).reshape(-1, 2)
        self.site_target_km = distance_km(
            self._site_ll[:, None, 0], self._site_ll[:, None, 1], self._target_ll[None, :, 0], self._target_ll[None, :, 1]
        )
        self.china_classes = [ci for ci, c in enumerate(level.classes) if c.side == "china"]

    def c(self, name: str):
        return self.p.colour(M, name)

    # ---- layout and the static layer ------------------------------------------------------------

    def to_px(self, lonlat) -> np.ndarray:
        w, h = self.rect.size
        return project(np.asarray(lonlat, dtype=float), self.view, w, h)

    def layout(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        lon0, lat0, lon1, lat1 = self.view
        corners = self.to_px([[lon0, lat1], [lon1, lat0]])
        (x0, y0), (x1, y1) = corners
        self.sea = pygame.Rect(round(x0), round(y0), round(x1 - x0), round(y1 - y0))
        self._countries = [
            (c.iso, [self.to_px(poly) for poly in c.polygons]) for c in self.res.coastlines.countries
        ]
        self.site_px = self.to_px(self._site_ll[:, ::-1]) if len(self._site_ll) else np.zeros((0, 2))
        self.target_px = self.to_px(self._target_ll[:, ::-1]) if len(self._target_ll) else np.zeros((0, 2))
        self._static = self._draw_static()
        self._backdrop = None
        self._backdrop_key = None
        self._legend = None

    def static_picture(self) -> pygame.Surface | None:
        """The static layer alone (sea, land, graticule): e.g. a backdrop for the menu."""
        return self._static

    def _land_colour(self, iso: str):
        side = self.side_of_iso.get(iso)
        if side == "china":
            return self.c("china_land")
        if side == "us":
            return self.c("us_land")
        return self.c("land")

    @staticmethod
    def _fill(surface, colour, border, pts) -> None:
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        if (hi - lo).max() < 1.5:
            surface.fill(colour, pygame.Rect(int(lo[0]), int(lo[1]), 2, 2))
            return
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.aalines(surface, border, True, pts)

    def _draw_static(self) -> pygame.Surface:
        surf = pygame.Surface(self.rect.size)
        surf.fill(self.c("frame"))
        surf.fill(self.c("sea"), self.sea)
        lon0, lat0, lon1, lat1 = self.view
        grid = self.c("graticule")
        for lon in range(int(np.ceil(lon0 / GRID_STEP)) * GRID_STEP, int(lon1) + 1, GRID_STEP):
            (xa, ya), (xb, yb) = self.to_px([[lon, lat1], [lon, lat0]])
            pygame.draw.line(surf, grid, (xa, ya), (xb, yb))
        for lat in range(int(np.ceil(lat0 / GRID_STEP)) * GRID_STEP, int(lat1) + 1, GRID_STEP):
            (xa, ya), (xb, yb) = self.to_px([[lon0, lat], [lon1, lat]])
            pygame.draw.line(surf, grid, (xa, ya), (xb, yb))
        border = self.c("land_border")
        for iso, polys in self._countries:
            colour = self._land_colour(iso)
            for pts in polys:
                self._fill(surf, colour, border, pts)
        dim = self.c("info_dim")
        for lon in range(int(np.ceil(lon0 / GRID_STEP)) * GRID_STEP, int(lon1) + 1, GRID_STEP):
            x, _ = self.to_px([[lon, lat0]])[0]
            self.text.draw(surf, f"{lon}°E", "#map", dim, (x + 3, self.sea.bottom - 3), "bottomleft")
        for lat in range(int(np.ceil(lat0 / GRID_STEP)) * GRID_STEP, int(lat1) + 1, GRID_STEP):
            _, y = self.to_px([[lon0, lat]])[0]
            words = "Equator" if lat == 0 else f"{abs(lat)}°{'N' if lat > 0 else 'S'}"
            self.text.draw(surf, words, "#map", dim, (self.sea.left + 4, y - 2), "bottomleft")
        return surf

    # ---- the backdrop: pledges, chains, China's reach ---------------------------------------------

    def reach_bands(self, state: GameState) -> list[tuple[float, list[int], list[int]]]:
        """(range km, classes, sites with forces) per distinct range of China's deployed classes."""
        bands: dict[float, tuple[list[int], set[int]]] = {}
        for ci in self.china_classes:
            sites = [k for k, n in enumerate(state.deployed[ci]) if n > 0]
            if not sites:
                continue
            km = self.level.classes[ci].max_range
            classes, where = bands.setdefault(km, ([], set()))
            classes.append(ci)
            where.update(sites)
        return [(km, cls, sorted(where)) for km, (cls, where) in sorted(bands.items(), reverse=True)]

    def _backdrop_key_of(self, state: GameState):
        """What the backdrop shows of `state`: the allies' pledges, and China's reach as (range km,
        sites) for each range of its deployed classes."""
        pledges = tuple(a.pledge for a in state.allies)
        bands = self.reach_bands(state) if self.show_reach else []
        return pledges, tuple((km, tuple(s)) for km, _, s in bands)

    def ready_for(self, state: GameState) -> bool:
        """Whether drawing `state` can use the backdrop made last (a quick draw)."""
        return self._backdrop is not None and self._backdrop_key == self._backdrop_key_of(state)

    def prepare(self, state: GameState) -> None:
        """Make the backdrop for `state` now, ahead of the frame that draws it."""
        self._backdrop_for(state)

    def _backdrop_for(self, state: GameState) -> pygame.Surface:
        key = self._backdrop_key_of(state)
        if self._backdrop is not None and self._backdrop_key == key:
            return self._backdrop
        pledges, reach = key
        surf = self._static.copy()
        border = self.c("land_border")
        for iso, polys in self._countries:
            ai = self.ally_of_iso.get(iso)
            if ai is None:
                continue
            colour = self.c(PLEDGE_COLOURS[pledges[ai]])
            for pts in polys:
                self._fill(surf, colour, border, pts)
        alpha = self.p.size("coverage_alpha")
        shade = self.c("coverage")[:3]
        for km, sites in reach:
            layer = pygame.Surface(self.rect.size)
            layer.fill((0, 0, 0))
            layer.set_colorkey((0, 0, 0))
            for k in sites:
                site = self.level.sites[k]
                pygame.draw.polygon(layer, shade, self.to_px(range_ring(site.lat, site.lon, km)))
            layer.set_alpha(alpha)
            surf.blit(layer, self.sea, area=self.sea)
        self._draw_chains(surf)
        self._backdrop, self._backdrop_key = surf, key
        return surf

    def _draw_chains(self, surf) -> None:
        width = self.p.size("chain_width")
        for chain in self.res.overlay.chains:
            colour = self.c("chain_first" if chain.id == "first" else "chain_second")
            pts = [tuple(p) for p in self.to_px(chain.points)]
            if chain.id == "first":
                pygame.draw.lines(surf, colour, False, pts, width)
            else:
                dashed_lines(surf, colour, pts, width)
            x, y = self.to_px([chain.label_at])[0]
            self.text.draw(surf, chain.label, "#map_chain_label", self.c("chain_label"), (x, y), "center",
                           halo=self.c("label_shadow"))

    # ---- what is where ------------------------------------------------------------------------

    def site_forces(self, state: GameState, k: int) -> list[tuple[int, int]]:
        """(class index, count) of the forces at site k."""
        return [(ci, row[k]) for ci, row in enumerate(state.deployed) if row[k] > 0]

    def threatened(self, state: GameState) -> dict[int, int]:
        """U.S. targets within reach of China's deployed missiles: target index -> missiles."""
        if not len(self._target_ll):
            return {}
        counts = np.zeros(len(self.level.targets))
        for ci in self.china_classes:
            row = np.array(state.deployed[ci], dtype=float)
            if not row.any():
                continue
            within = self.site_target_km <= self.level.classes[ci].max_range
            counts += row @ within
        return {t: int(n) for t, n in enumerate(counts) if n > 0 and self.level.targets[t].owner == "us"}

    def thing_at(self, pos, radius: int = 12):
        """("site", k) or ("target", t) nearest to a screen point, if within `radius` pixels."""
        if not self.rect.collidepoint(pos):
            return None
        local = np.array([pos[0] - self.rect.x, pos[1] - self.rect.y], dtype=float)
        best, found = radius + 1e-9, None
        for kind, pts in (("site", self.site_px), ("target", self.target_px)):
            if not len(pts):
                continue
            d = np.hypot(*(pts - local).T)
            i = int(np.argmin(d))
            if d[i] < best - (0.5 if kind == "target" else 0):
                best, found = d[i], (kind, i)
        return found

    # ---- per frame ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, state: GameState, *, selected: int | None = None,
             ring_class: int | None = None, hover=None, labels: str = "forces") -> None:
        if self._static is None:
            return
        frame = surface.subsurface(self.rect)
        frame.blit(self._backdrop_for(state), (0, 0))
        threats = self.threatened(state) if self.show_reach else {}
        self._draw_targets(frame, threats)
        if selected is not None and ring_class is not None:
            self._draw_ring(frame, selected, ring_class)
        self._draw_sites(frame, state, selected, labels)
        if self.show_legend:
            self._draw_legend(frame)
        if hover is not None:
            self._draw_hover(frame, state, hover, threats)

    def _draw_targets(self, frame, threats: dict[int, int]) -> None:
        for t, (x, y) in enumerate(self.target_px):
            if t in threats:
                pygame.draw.circle(frame, self.c("covered_target"), (x, y), 10, 2)
            else:
                pygame.draw.rect(frame, self.c("target"), pygame.Rect(x - 2, y - 2, 5, 5), 1)

    def _draw_ring(self, frame, k: int, ci: int) -> None:
        site, cls = self.level.sites[k], self.level.classes[ci]
        pts = self.to_px(range_ring(site.lat, site.lon, cls.max_range, points=180))
        colour = self.c("range_ring")
        pygame.draw.lines(frame, colour, True, [tuple(p) for p in pts], self.p.size("range_ring_width"))
        inside = [p for p in pts if frame.get_rect().inflate(-40, -40).collidepoint(p)]
        if inside:
            x, y = max(inside, key=lambda p: p[0] - 0.3 * p[1])
            words = f"{cls.name}: {cls.max_range:,.0f} km"
            self.text.draw(frame, words, "#map_label", colour, (x - 4, y), "midright", halo=self.c("label_shadow"))

    def _marker_colour(self, site) -> tuple:
        return self.c("china_marker" if site.base_side() == "china" else "us_marker")

    def _draw_sites(self, frame, state: GameState, selected: int | None, labels: str) -> None:
        r = self.p.size("marker_radius")
        outline = self.c("marker_outline")
        placed = [pygame.Rect(int(x) - r - 2, int(y) - r - 2, 2 * r + 5, 2 * r + 5) for x, y in self.site_px]
        order = []
        for k, site in enumerate(self.level.sites):
            total = sum(n for _, n in self.site_forces(state, k))
            order.append((k != selected, total == 0, k, total))
        for _, _, k, total in sorted(order):
            site = self.level.sites[k]
            x, y = self.site_px[k]
            colour = self._marker_colour(site)
            closed = site.host not in ("us", "china") and state.allies[self.level.ally_index(site.host)].pledge < 2
            if total > 0:
                pygame.draw.circle(frame, outline, (x, y), r + 3)
                pygame.draw.circle(frame, colour, (x, y), r + 2)
            else:
                pygame.draw.circle(frame, outline, (x, y), r + 1)
                pygame.draw.circle(frame, self.c("empty_marker") if closed else colour, (x, y), r, 2)
            if k == selected:
                pygame.draw.circle(frame, self.c("selection"), (x, y), r + 7, 2)
            if labels != "all" and total == 0 and k != selected:
                continue
            words = short_name(site.name) + (f"  {total}" if total else "")
            w, h = self.text.size(words, "#map_label")
            for dx, dy in ((r + 6, -h // 2), (-r - 6 - w, -h // 2), (-w // 2, -r - 4 - h), (-w // 2, r + 4)):
                box = pygame.Rect(int(x + dx), int(y + dy), w, h)
                if not any(box.colliderect(p) for p in placed) and frame.get_rect().contains(box):
                    placed.append(box)
                    self.text.draw(frame, words, "#map_label", self.c("site_label"), box.topleft,
                                   halo=self.c("label_shadow"))
                    break

    def _info_box(self, frame, lines: list[tuple[str, str, tuple]], anchor) -> None:
        pad = 8
        sizes = [self.text.size(t, fid) for t, fid, _ in lines]
        w = max(s[0] for s in sizes) + 2 * pad
        h = sum(s[1] for s in sizes) + 2 * pad + 2 * (len(lines) - 1)
        box = pygame.Rect(0, 0, w, h)
        box.topleft = (anchor[0] + 16, anchor[1] + 12)
        bounds = frame.get_rect()
        if box.right > bounds.right - 4:
            box.right = anchor[0] - 16
        if box.bottom > bounds.bottom - 4:
            box.bottom = bounds.bottom - 4
        box.clamp_ip(bounds)
        bg = pygame.Surface(box.size, pygame.SRCALPHA)
        bg.fill(self.c("info_bg"))
        frame.blit(bg, box)
        pygame.draw.rect(frame, self.c("info_border"), box, 1)
        y = box.y + pad
        for (t, fid, colour), (_, th) in zip(lines, sizes):
            self.text.draw(frame, t, fid, colour, (box.x + pad, y))
            y += th + 2

    def _draw_hover(self, frame, state: GameState, hover, threats: dict[int, int]) -> None:
        kind, i = hover
        text, dim = self.c("info_text"), self.c("info_dim")
        if kind == "site":
            site = self.level.sites[i]
            where = CHAIN_WORDS.get(site.chain, site.chain)
            if site.host in ("us", "china"):
                host = "U.S. territory" if site.host == "us" else "China"
            else:
                ai = self.level.ally_index(site.host)
                host = f"{self.level.allies[ai].name}: {PLEDGES[state.allies[ai].pledge]}"
            lines = [(site.name, "#map_label", text), (f"{where} · {host}", "#map_info", dim)]
            forces = self.site_forces(state, i)
            for ci, n in forces:
                lines.append((f"{self.level.classes[ci].name}: {n}", "#map_info", text))
            if not forces:
                lines.append(("No forces here", "#map_info", dim))
            room = site.capacity - sum(n for _, n in forces)
            lines.append((f"Room for {room} more", "#map_info", dim))
        else:
            target = self.level.targets[i]
            owner = "U.S. or allied" if target.owner == "us" else "Chinese"
            lines = [(target.name, "#map_label", text), (f"{owner} target · value {target.value:g}", "#map_info", dim)]
            if i in threats:
                lines.append((f"Within reach of {threats[i]} Chinese missiles", "#map_info", self.c("covered_target")))
        x, y = (self.site_px if kind == "site" else self.target_px)[i]
        self._info_box(frame, lines, (x, y))

    def _draw_legend(self, frame) -> None:
        if self._legend is None:
            self._legend = self._legend_picture()
        surf, box = self._legend
        frame.blit(surf, box)

    def _legend_picture(self) -> tuple[pygame.Surface, pygame.Rect]:
        """The key to the map, drawn once per layout, and where it goes."""
        text, dim = self.c("info_text"), self.c("info_dim")
        pledges = [(PLEDGES[i].capitalize(), self.c(PLEDGE_COLOURS[i])) for i in range(4)]
        rows = [
            ("First island chain", ("line", self.c("chain_first"))),
            ("Second island chain", ("dash", self.c("chain_second"))),
            ("U.S. site / China site", ("dots", None)),
            ("China's reach (darker: more types)", ("fill", self.c("coverage"))),
            ("U.S. base within reach", ("ring", self.c("covered_target"))),
        ]
        lh, pad, sw = self.text.line_height("#map"), 7, 22
        title = "Key  (L hides it, R the reach)"
        half = max(self.text.size(t, "#map")[0] for t, _ in pledges) + sw
        width = max([self.text.size(t, "#map")[0] + sw for t, _ in rows]
                    + [self.text.size(title, "#map")[0], 2 * half + 8]) + 2 * pad
        height = lh * (1 + 1 + 2 + len(rows)) + 2 * pad
        box = pygame.Rect(0, 0, width, height)
        margin = self.rect.width - self.sea.right
        if margin >= width + 12:
            box.bottomleft = (self.sea.right + 6, self.sea.bottom)
        else:
            box.bottomright = (self.sea.right - 6, self.sea.bottom - 6)
        frame = pygame.Surface(box.size, pygame.SRCALPHA)
        frame.fill(self.c("info_bg"))
        pygame.draw.rect(frame, self.c("info_border"), frame.get_rect(), 1)
        x, y = pad, pad
        self.text.draw(frame, title, "#map", dim, (x, y + lh // 2), "midleft")
        y += lh
        self.text.draw(frame, "Allies' pledge to host", "#map", dim, (x, y + lh // 2), "midleft")
        y += lh
        for i, (words, colour) in enumerate(pledges):
            sx, cy = x + (i % 2) * (half + 8), y + (i // 2) * lh + lh // 2
            pygame.draw.rect(frame, colour, pygame.Rect(sx, cy - 5, sw - 8, 10))
            self.text.draw(frame, words, "#map", text, (sx + sw - 2, cy), "midleft")
        y += 2 * lh
        for words, (kind, colour) in rows:
            cy = y + lh // 2
            if kind == "fill":
                pygame.draw.rect(frame, colour, pygame.Rect(x, cy - 5, sw - 8, 10))
            elif kind == "line":
                pygame.draw.line(frame, colour, (x, cy), (x + sw - 8, cy), 3)
            elif kind == "dash":
                dashed_lines(frame, colour, [(x, cy), (x + sw - 8, cy)], 3, dash=5, gap=3)
            elif kind == "ring":
                pygame.draw.circle(frame, colour, (x + 7, cy), 6, 2)
            else:
                pygame.draw.circle(frame, self.c("us_marker"), (x + 3, cy), 4)
                pygame.draw.circle(frame, self.c("china_marker"), (x + 12, cy), 4)
            self.text.draw(frame, words, "#map", text, (x + sw - 2, cy), "midleft")
            y += lh
        return frame, box
