"""The tabs of the orders panel. Each builds its rows into `panel.content` and returns the
height it used; rows that change with queued orders register a refresh in `panel.rows`.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIImage, UITextBox

from game.model.actions import (
    PACES,
    Campaign,
    CoDevelop,
    Coerce,
    Consult,
    Deploy,
    Induce,
    Produce,
    SeekPledge,
    SetResearch,
    Signal,
    SIGNALS,
    Withdraw,
)
from game.model.allies import (
    COERCE_BACKFIRE_CHANCE,
    RUNG_THRESHOLD,
    backfire_chance,
    coerced_a_year_on,
    effective_willingness,
    expected_after,
    holds_from,
    pledge_chance,
    willingness_after,
)
from game.model.level import PLEDGES
from game.model.orders import (
    CAPITAL_COST,
    CHINA_LEVERS,
    CODEVELOP_BUDGET,
    INDUCE_BUDGET,
    PRODUCE_LOTS,
    completes_this_year,
)
from game.model.state import AllyState
from game.model.world import PACE_FACTOR, fielded
from game.numbers import a_chance, hundredths_down
from game.ui.choice import ARROW_WIDTH, Choice, label_width
from game.ui.lettering import line_height, text_box_frame
from game.ui.words import SIGNAL_ABOUT, SIGNAL_WORDS

COUNTS = ((1, "1 lot"), (2, "2 lots"), (4, "4 lots"), (0, "All"))
YEARS_WIDEST = "0.5 of 10 years"  # the widest a program's "N of M years" reads
PACE_ABOUT = {"cut": "Stop funding: no progress, no cost.", "slow": "Half pace at half the cost.",
              "full": "One year of progress a year."}


def _setting(panel, name: str, default: int = 0) -> int:
    return panel.picks.setdefault(name, default)


def _remember(panel, name: str):
    def keep(index: int) -> None:
        panel.picks[name] = index

    return keep


def fit_text(panel, text: str, font_id: str, width: int) -> str:
    """`text`, without its bracketed part or cut short with "…" if it is wider than `width`."""
    lettering = panel.scene.lettering
    if lettering.size(text, font_id)[0] <= width:
        return text
    if "(" in text:
        text = text[: text.index("(")].strip()
    return lettering.fit(text, font_id, width)


def bar_picture(panel, size, fraction: float, done: bool) -> pygame.Surface:
    p = panel.scene.palette
    w, h = size
    surf = pygame.Surface((w, h))
    surf.fill(p.colour("#map", "frame"))
    pygame.draw.rect(surf, p.colour("#bar", "background"), surf.get_rect(), border_radius=4)
    fill = p.colour("#bar", "done" if done else "fill")
    if fraction > 0:
        pygame.draw.rect(surf, fill, pygame.Rect(0, 0, max(3, int(w * min(1.0, fraction))), h), border_radius=4)
    return surf


# ---- research ---------------------------------------------------------------------------------


def research(panel, width: int) -> int:
    s = panel.scene
    level, state, side = panel.session.level, panel.session.state, panel.session.player
    gap, rh = s.palette.size("gap"), s.palette.size("small_row_height")
    section, small = line_height(s.manager, "@section"), line_height(s.manager, "@small")
    line = max(section, small)
    years_w = s.lettering.size(YEARS_WIDEST, "@small")[0] + gap
    y = 0
    programs = [(ci, c) for ci, c in enumerate(level.classes) if c.side == side and not fielded(level, state.progress, ci)]
    done = [c.name for ci, c in enumerate(level.classes) if c.side == side and fielded(level, state.progress, ci)]
    if not programs:
        panel.label((0, y, width, small), "No programs in development.", "@small")
        y += small + 2
    for ci, cls in programs:
        name_w = width - years_w
        panel.label((0, y, name_w, line), fit_text(panel, cls.name, "@section", name_w - gap), "@section")
        years = panel.label((name_w, y, years_w, line), "", "@small", object_id="#years")
        y += line + 2
        bar = UIImage(pygame.Rect(0, y, width, 10), pygame.Surface((width, 10)), s.manager, container=panel.content)
        y += 14
        bw = (width - 2 * gap) // 3
        buttons = {}
        for i, pace in enumerate(PACES):
            cost = cls.research_cost * PACE_FACTOR[pace]
            words = pace.capitalize() + (f" · ${cost:,.0f}M" if cost else "")
            tip = f"{PACE_ABOUT[pace]} The {cls.name} program costs ${cost:,.0f}M a year at this pace."
            buttons[pace] = panel.button((i * (bw + gap), y, bw, rh), words, SetResearch(cls.id, pace), tip)
        y += rh + 2 * gap

        def refresh(book, ci=ci, cls=cls, years=years, bar=bar, buttons=buttons):
            progress = state.progress[ci]
            pace = book.pace[ci]
            years.set_text(f"{progress:g} of {cls.dev_years} years")
            bar.set_image(bar_picture(panel, bar.rect.size, progress / max(cls.dev_years, 1), False))
            for name, b in buttons.items():
                if name == pace:
                    b.select()
                elif b.is_selected:
                    b.unselect()

        panel.rows.append(refresh)
    if done:
        names = ", ".join(done)
        across, down = text_box_frame(s.manager)
        lines = s.lettering.size(names, "text_box")[0] // max(width - across, 1) + 1
        box_h = lines * line_height(s.manager, "text_box") + down
        panel.label((0, y, width, section), "Fielded (build them in Forces)", "@section")
        y += section
        UITextBox(html.escape(names), pygame.Rect(0, y, width, box_h), s.manager,
                  container=panel.content, object_id="#plain_text")
        y += box_h
    return y


# ---- forces: build, deploy, withdraw ----------------------------------------------------------------


def forces(panel, width: int) -> int:
    s = panel.scene
    level, state, side = panel.session.level, panel.session.state, panel.session.player
    gap, rh = s.palette.size("gap"), s.palette.size("small_row_height")
    section, small = line_height(s.manager, "@section"), line_height(s.manager, "@small")
    y = 0
    panel.label((0, y, width, section), "Build (the number now in reserve)", "@section")
    y += section + 2
    built = [(ci, c) for ci, c in enumerate(level.classes) if c.side == side and fielded(level, state.progress, ci)]
    if not built:
        panel.label((0, y, width, small), "Nothing fielded yet: fund research first.", "@small")
        y += small + 4
    bw = 62
    for ci, cls in built:
        info = panel.label((0, y, width - 3 * (bw + 4), rh), "", "@small")
        for i, lots in enumerate(PRODUCE_LOTS):
            n = lots * cls.lot_size
            tip = f"Build {cls.count(n)} for ${cls.unit_cost * n:,.0f}M (${cls.unit_cost:g}M each)."
            panel.button((width - (3 - i) * (bw + 4) + 4, y, bw, rh), f"+{n}", Produce(cls.id, lots), tip)
        y += rh + gap

        def refresh(book, ci=ci, cls=cls, info=info):
            queued = book.produced.get(ci, 0)
            count = f": {book.reserve[ci]}" + (f" (+{queued})" if queued else "")
            room = info.rect.width - panel.scene.lettering.size(count, "@small")[0] - 8
            info.set_text(fit_text(panel, cls.name, "@small", room) + count)

        panel.rows.append(refresh)
    y += gap
    panel.label((0, y, width, section), "Deploy or withdraw", "@section")
    y += section + 2
    own = [(c.id, c.name) for c in level.classes if c.side == side]
    sites = [(st.id, st.name) for st in level.sites if st.base_side() == side]
    lw = label_width(s.manager, "Class", "Site", "How many")
    cls_choice = Choice(s.manager, panel.content, pygame.Rect(0, y, width, rh), "Class", own,
                        _setting(panel, "deploy_cls"), lw, on_change=_remember(panel, "deploy_cls"))
    y += rh + 4
    site_choice = Choice(s.manager, panel.content, pygame.Rect(0, y, width, rh), "Site", sites,
                         _setting(panel, "deploy_site"), lw, on_change=_remember(panel, "deploy_site"))
    y += rh + 4
    count_choice = Choice(s.manager, panel.content, pygame.Rect(0, y, width, rh), "How many", COUNTS,
                          _setting(panel, "deploy_count"), lw, on_change=_remember(panel, "deploy_count"))
    y += rh + 4
    panel.choices += [cls_choice, site_choice, count_choice]
    panel.deploy_choices = (cls_choice, site_choice)
    where = panel.label((0, y, width, small), "", "@small")
    y += small + 2

    def count(book, withdraw: bool) -> int:
        ci = level.class_index(cls_choice.chosen)
        ki = level.site_index(site_choice.chosen)
        have = book.at_site.get((ci, ki), state.deployed[ci][ki]) if withdraw else book.reserve[ci]
        lots = count_choice.chosen
        wanted = have if lots == 0 else lots * level.classes[ci].lot_size
        return max(1, min(wanted, have) if have > 0 else wanted)

    def deploy():
        return Deploy(cls_choice.chosen, site_choice.chosen, count(panel.ledger(), False))

    def withdraw():
        return Withdraw(cls_choice.chosen, site_choice.chosen, count(panel.ledger(), True))

    bw2 = (width - gap) // 2
    panel.button((0, y, bw2, rh + 2), "Deploy", deploy, "Move missiles from the reserve to the site.",
                 style="@choice")
    panel.button((bw2 + gap, y, width - bw2 - gap, rh + 2), "Withdraw", withdraw,
                 "Bring missiles back from the site to the reserve.", style="@choice")
    y += rh + 2 + gap

    def refresh(book):
        ci = level.class_index(cls_choice.chosen)
        ki = level.site_index(site_choice.chosen)
        here = book.at_site.get((ci, ki), state.deployed[ci][ki])
        load = sum(book.at_site.get((cj, ki), state.deployed[cj][ki])
                   for cj, c in enumerate(level.classes) if c.side == side)
        room = level.sites[ki].capacity - load
        where.set_text(f"Reserve {book.reserve[ci]}  ·  here {here}  ·  room at the site {max(room, 0)}")

    panel.rows.append(refresh)
    return y


def point_deploy_at(panel, k: int) -> None:
    choices = getattr(panel, "deploy_choices", None)
    level = panel.session.level
    site = level.sites[k]
    if site.base_side() != panel.session.player:
        return
    sites = [st.id for st in level.sites if st.base_side() == panel.session.player]
    panel.picks["deploy_site"] = sites.index(site.id)
    if choices is not None and panel.tab == "forces" and choices[1].value.alive():
        choice = choices[1]
        choice.index = panel.picks["deploy_site"]
        choice.value.set_text(choice.text)
        panel.refresh()


def ring_class(panel) -> int | None:
    """The class the deploy row has chosen, as a class index (for the map's range ring)."""
    level, side = panel.session.level, panel.session.player
    own = [c.id for c in level.classes if c.side == side]
    if not own:
        return None
    return level.class_index(own[panel.picks.get("deploy_cls", 0) % len(own)])


# ---- allies and signals -------------------------------------------------------------------------------


LEVERS = {
    "us": (
        (Consult, "Consult", "Raises its willingness to host and calms its opposition."),
        (SeekPledge, "Seek pledge", f"Asks it to climb one rung: none → considering (even odds at willingness "
                                    f"{RUNG_THRESHOLD[1]:.2f}) → pledged (even odds at {RUNG_THRESHOLD[2]:.2f}). "
                                    f"Below {holds_from(1):.2f} (considering) or {holds_from(2):.2f} (pledged, "
                                    f"hosting) a rung is lost, and cannot be won."),
        (CoDevelop, "Co-develop", "Develop the chosen program together: faster, and binds the ally closer."),
    ),
    "china": (
        (Coerce, "Coerce", f"Economic pressure: lowers its willingness, more the more it trades with China. "
                           f"It backfires with a chance of {COERCE_BACKFIRE_CHANCE:g} × its threat perception: the "
                           f"public rallies and it grows more willing. Below {holds_from(2):.2f} a host sends the "
                           f"U.S. missiles home and withdraws its pledge."),
        (Induce, "Induce", "Trade and investment offers so that it declines to host."),
        (Campaign, "Campaign", "A public campaign against basing: strengthens its domestic opposition."),
    ),
}


def lever_outlook(ally: AllyState, kind) -> str:
    """What one use of a lever would do to this ally now, as its willingness to host reads."""
    will = effective_willingness(ally)
    if kind is SeekPledge:
        if ally.pledge >= 2:
            return "It has pledged already."
        nxt = ally.pledge + 1
        if will < holds_from(nxt):
            return (f"Now: no chance: at willing {hundredths_down(will)} it could not hold '{PLEDGES[nxt]}' (below "
                    f"{holds_from(nxt):.2f}).")
        return (f"Now: {a_chance(pledge_chance(will, ally.pledge))} to reach '{PLEDGES[nxt]}' "
                f"(willing {hundredths_down(will)}, even odds at {RUNG_THRESHOLD[nxt]:.2f}).")

    def after(backfired=False) -> str:
        return hundredths_down(willingness_after(ally, kind, backfired))

    text = f"Now: it would go from willing {hundredths_down(will)} to {after()}"
    if kind is Coerce:
        text += (f" ({hundredths_down(coerced_a_year_on(ally))} a year on, as the pressure fades), or to {after(True)} if it "
                 f"backfires ({a_chance(backfire_chance(ally))})")
    if ally.pledge >= 2:
        text += f". It keeps '{PLEDGES[ally.pledge]}' while willing at least {holds_from(ally.pledge):.2f}"
        if kind in CHINA_LEVERS:
            text += (f". All three of China's levers this year are expected to leave it at "
                     f"{hundredths_down(expected_after(ally, CHINA_LEVERS))}, or "
                     f"{hundredths_down(expected_after(ally, CHINA_LEVERS, consulted=True))} if the United States "
                     f"consults it")
    return text + "."


def _program_label(panel, name: str, done_anyway: bool, room: int) -> str:
    """A program as the co-development choice names it, within `room` pixels: marked when this
    year's research fields it anyway (co-developing it would gain nothing)."""
    marker = " (fielded this year)" if done_anyway else ""
    return fit_text(panel, name, "@choice", room - panel.scene.lettering.size(marker, "@choice")[0]) + marker


def _lever_cost(kind) -> str:
    cap = CAPITAL_COST.get(kind, 0.0)
    money = CODEVELOP_BUDGET if kind is CoDevelop else INDUCE_BUDGET if kind is Induce else 0.0
    return " + ".join(([f"${money:,.0f}M"] if money else []) + [f"{cap:g} capital"])


def allies(panel, width: int) -> int:
    s = panel.scene
    level, state, side = panel.session.level, panel.session.state, panel.session.player
    gap, rh = s.palette.size("gap"), s.palette.size("small_row_height")
    section = line_height(s.manager, "@section")
    y = 0
    codev = None
    unfielded = [ci for ci, c in enumerate(level.classes) if c.side == side and not fielded(level, state.progress, ci)]
    if side == "us" and unfielded:
        # Co-development counts after the year's research: a program research fields this year gains nothing.
        done_anyway = [completes_this_year(level, state.progress, ci, state.pace[ci]) for ci in unfielded]
        lw = label_width(s.manager, "Co-develop")
        room = width - lw - 2 * ARROW_WIDTH - 20  # the chosen program's box, less its padding
        programs = [(level.classes[ci].id, _program_label(panel, level.classes[ci].name, done, room))
                    for ci, done in zip(unfielded, done_anyway)]
        pick = _setting(panel, "codev")
        if pick >= len(programs) or done_anyway[pick]:  # a program still to gain from it, if any
            pick = panel.picks["codev"] = next((i for i, done in enumerate(done_anyway) if not done), 0)
        codev = Choice(s.manager, panel.content, pygame.Rect(0, y, width, rh), "Co-develop", programs, pick, lw,
                       on_change=_remember(panel, "codev"))
        panel.choices.append(codev)
        y += rh + gap
    levers = LEVERS[side]
    bw = (width - 2 * gap) // 3
    for ai, ally in enumerate(level.allies):
        info = panel.label((0, y, width, section), "", "@section")
        y += section + 2
        for i, (kind, words, about) in enumerate(levers):
            tip = f"{about} Costs {_lever_cost(kind)}. {lever_outlook(state.allies[ai], kind)}"
            if kind is CoDevelop:
                if codev is None:
                    continue

                def action(ally=ally.id):
                    return CoDevelop(ally, codev.chosen)
            else:
                action = kind(ally.id)
            panel.button((i * (bw + gap), y, bw, rh), words, action, tip)
        y += rh + gap + 2

        def refresh(book, ai=ai, ally=ally, info=info):
            a = state.allies[ai]
            # Willingness as the pledge ladder reads it: threat, pressure and opposition counted.
            will = hundredths_down(effective_willingness(a))
            info.set_text(f"{ally.name}: {PLEDGES[a.pledge]}  ·  willing {will}  ·  threat {a.threat_perception:.2f}  ·  "
                          f"opposition {a.domestic_opposition:.2f}")

        panel.rows.append(refresh)
    y += gap
    panel.label((0, y, width, section), "Public signals (1 capital each)", "@section")
    y += section + 2
    for i, kind in enumerate(SIGNALS):
        words = {"reassure": "Reassure", "resolve": "Resolve", "talks": "Ready to talk"}[kind]
        panel.button((i * (bw + gap), y, bw, rh), words, Signal(kind), f"{SIGNAL_WORDS[kind]}: {SIGNAL_ABOUT[kind]}")
    y += rh + gap
    return y


# ---- news ----------------------------------------------------------------------------------------------


def news_html(level, state) -> str:
    cards = {c.id: c for c in level.events}
    parts = [f"<b>{state.year}</b>"]
    for eid in state.events:
        card = cards.get(eid)
        if card is not None:
            parts.append(f"<b>{html.escape(card.title)}.</b> {html.escape(' '.join(card.text.split()))}")
    if not state.events:
        parts.append("<i>No events this year.</i>")
    if state.history:
        last = state.history[-1]
        if last.news:
            parts.append(f"<b>What happened in {last.year}</b>")
            parts += [f"•  {html.escape(n)}" for n in last.news]
    if state.news:
        parts.append("<b>This year so far</b>")
        parts += [f"•  {html.escape(n)}" for n in state.news]
    return "<br><br>".join(parts)


def news(panel, rect: pygame.Rect) -> None:
    s = panel.scene
    UITextBox(news_html(panel.session.level, panel.session.state), rect, s.manager, container=panel.content,
              object_id="#news_text")
