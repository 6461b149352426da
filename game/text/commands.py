"""Turning what a player types into actions of the game (or into requests to see something).

`parse` reads one line. It returns an action for the engine to check and apply, or a
`Request` for the terminal loop to answer (status, help, ...). A line it cannot read raises
`CommandError` with one sentence for the player. Ids (classes, sites, allies, paces, ...) are
matched without regard to case and by unique prefix: `dep gl gu 8` is `deploy glcm guam 8`.
"""

from __future__ import annotations

from attrs import frozen

from game.model.actions import (
    PACES,
    SIGNALS,
    TERM_KINDS,
    VERIFICATION,
    ZONES,
    AcceptDeal,
    AcceptTalks,
    Campaign,
    CoDevelop,
    Coerce,
    Consult,
    Deploy,
    EndOrders,
    EndTalks,
    Induce,
    Offer,
    Produce,
    ProposeDeal,
    ProposeTalks,
    RejectDeal,
    RejectTalks,
    SeekPledge,
    SetResearch,
    Signal,
    Term,
    UndoOrder,
    WalkOut,
    Withdraw,
)
from game.model.level import SIDES, Level, Side
from game.model.offers import menu
from game.model.orders import ledger
from game.model.state import GameState
from game.model.talks import renounces_treaty, walkout_words


class CommandError(Exception):
    """A line the terminal game cannot read; the message is one sentence for the player."""


@frozen
class Request:
    """A command that shows something (or leaves) rather than acting in the game."""

    name: str
    args: tuple[str, ...] = ()


@frozen
class Command:
    name: str
    usage: str
    help: str
    example: str
    when: str  # "orders", "talks" or "always"


COMMANDS: tuple[Command, ...] = (
    Command("research", "research CLASS full|slow|cut", "set the pace of a research program",
            "research glcm full", "orders"),
    Command("produce", "produce CLASS [LOTS]", "build lots of a fielded class into the reserve",
            "produce glcm 2", "orders"),
    Command("deploy", "deploy CLASS SITE COUNT|all", "move missiles from the reserve to a site",
            "deploy glcm guam 8", "orders"),
    Command("withdraw", "withdraw CLASS SITE COUNT|all", "bring missiles back to the reserve",
            "withdraw glcm kadena 8", "orders"),
    Command("consult", "consult ALLY", "U.S.: talk with an ally (willingness up, opposition down)",
            "consult japan", "orders"),
    Command("pledge", "pledge ALLY", "U.S.: ask an ally to climb one rung of the pledge ladder",
            "pledge philippines", "orders"),
    Command("codevelop", "codevelop ALLY CLASS",
            "U.S.: develop a class with an ally (a quarter year nearer fielding, after the year's research; "
            "the ally warms)", "codevelop japan glcm", "orders"),
    Command("coerce", "coerce ALLY", "China: economic pressure on a host (it may backfire: the host grows more willing)",
            "coerce japan", "orders"),
    Command("induce", "induce ALLY", "China: trade and investment so an ally declines to host",
            "induce philippines", "orders"),
    Command("campaign", "campaign ALLY", "China: a public campaign against basing in an ally",
            "campaign japan", "orders"),
    Command("signal", "signal reassure|resolve|talks", "a public signal to the other side",
            "signal talks", "orders"),
    Command("undo", "undo", "take back the last order you gave this year", "undo", "orders"),
    Command("orders", "orders", "list the orders you have queued this year", "orders", "orders"),
    Command("propose-talks", "propose-talks", "ask to climb the talks ladder one rung",
            "propose-talks", "talks"),
    Command("accept", "accept", "accept the proposal or the offer put to you", "accept", "talks"),
    Command("reject", "reject", "reject the proposal or the offer put to you", "reject", "talks"),
    Command("walkout", "walkout [renounce]", "break off the talks (tension rises); once a treaty is signed, "
            "walking out renounces it and takes: walkout renounce", "walkout", "talks"),
    Command("offer", "offer [N | TERMS...]",
            "propose a deal: menu number N, a one-line offer, or nothing to build one step by step",
            "offer us:glcm:reduce:16 china:cj10:reduce:16 zone:first verify:onsite years:3", "talks"),
    Command("menu", "menu [best|same|cross]", "number the suggested offers, each with its worth to you (then: "
            "offer N); best: the ten worth most to you, same: like for like only, cross: cross-class only",
            "menu best", "talks"),
    Command("end", "end", "end your orders for the year, or say nothing more in this year's talks",
            "end", "always"),
    Command("status", "status", "show the situation again", "status", "always"),
    Command("index", "index NAME [us|china]", "the full breakdown of one index",
            "index leverage", "always"),
    Command("ally", "ally [ALLY]", "what makes an ally willing to host, term by term (every ally without ALLY)",
            "ally japan", "always"),
    Command("claims", "claims", "the premise's four claims as this game bears them out so far", "claims",
            "always"),
    Command("legal", "legal", "list every action the rules allow you now", "legal", "always"),
    Command("help", "help [COMMAND]", "list the commands, or explain one", "help offer", "always"),
    Command("quit", "quit", "leave the game", "quit", "always"),
)
NAMES: tuple[str, ...] = tuple(c.name for c in COMMANDS)
ALIASES = {
    "?": "help", "h": "help", "q": "quit", "exit": "quit", "seek": "pledge", "done": "end",
    "pass": "end", "walk-out": "walkout", "propose": "propose-talks", "talk": "propose-talks",
}
WHOLE_WORD = ("walkout", "quit")  # too weighty to be guessed from a prefix
REQUESTS = ("orders", "menu", "status", "index", "ally", "claims", "legal", "help", "quit")
MENU_VIEWS = ("best", "same", "cross")
BEST_SHOWN = 10  # offers `menu best` lists
SIDE_WORDS = {"us": "us", "usa": "us", "u.s.": "us", "china": "china", "prc": "china"}
KIND_WORDS = {"reduce": "reduce", "cut": "reduce", "cap": "cap", "freeze": "freeze"}
INDEX_WORDS = {
    "score": "score", "deterrence": "deterrence", "leverage": "leverage", "standing": "standing",
    "cohesion": "standing", "influence": "standing", "cost": "cost", "talks": "talks",
    "willingness": "talks", "risk": "risk", "escalation": "risk", "stability": "risk",
}


def command(name: str) -> Command:
    return COMMANDS[NAMES.index(name)]


# ---- matching words -----------------------------------------------------------------------------


def match(word: str, choices, what: str) -> str:
    """The one choice `word` names: exactly, or as a unique prefix, ignoring case."""
    choices = list(dict.fromkeys(choices))
    low = word.lower()
    lowered = {c.lower(): c for c in choices}
    if low in lowered:
        return lowered[low]
    hits = [c for c in choices if c.lower().startswith(low)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise CommandError(f"'{word}' could be {_listing(hits, 'or')}: type more of the {what}.")
    raise CommandError(f"There is no {what} '{word}' (try {_listing(choices, 'or')}).")


def _listing(items, last: str) -> str:
    items = list(items)
    if len(items) > 12:
        items = items[:12] + ["..."]
        return ", ".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def match_class(level: Level, word: str, side: Side | None = None) -> str:
    """A class id; when a prefix fits several, the classes of `side` break the tie."""
    try:
        return match(word, [c.id for c in level.classes], "class")
    except CommandError:
        if side is None:
            raise
        own = [c.id for c in level.classes if c.side == side]
        if any(c.lower().startswith(word.lower()) for c in own):
            return match(word, own, "class")
        raise


def match_site(level: Level, word: str, side: Side) -> str:
    own = [s.id for s in level.sites if s.base_side() == side]
    try:
        return match(word, own, "site")
    except CommandError as mine:
        try:
            return match(word, [s.id for s in level.sites], "site")  # the engine says why not
        except CommandError:
            raise mine from None


def match_ally(level: Level, word: str) -> str:
    return match(word, [a.id for a in level.allies], "ally")


def count_of(word: str, what: str = "count") -> int:
    try:
        n = int(word)
    except ValueError:
        raise CommandError(f"The {what} must be a whole number, not '{word}'.") from None
    if n < 1:
        raise CommandError(f"The {what} must be at least 1.")
    return n


def _usage(name: str) -> CommandError:
    c = command(name)
    return CommandError(f"Usage: {c.usage} (e.g. {c.example}).")


def _need(words: list[str], n: int, name: str) -> None:
    """Exactly `n` arguments, or the command's usage as the error."""
    if len(words) != n:
        raise _usage(name)


# ---- a line to an action ----------------------------------------------------------------------


def command_name(word: str) -> str:
    low = word.lower()
    if low in ALIASES:
        return ALIASES[low]
    hits = [n for n in NAMES if n.startswith(low) and n not in WHOLE_WORD]
    if low in NAMES:
        return low
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise CommandError(f"'{word}' could be {_listing(hits, 'or')} — type more of it.")
    raise CommandError(f"unknown command '{word}' — type help")


def _walkout(state: GameState, args: list[str]) -> WalkOut:
    """`walkout`; with a treaty signed, walking out renounces it, so it takes `walkout renounce`."""
    treaty = state.phase == "talks" and renounces_treaty(state.talks)
    if args == ["renounce"] and treaty:
        return WalkOut()
    if args:
        raise CommandError("'walkout' takes no arguments." if not treaty else "Type 'walkout renounce' or nothing.")
    if treaty:
        raise CommandError(f"{walkout_words(state)} To do it anyway, type: walkout renounce")
    return WalkOut()


def parse(level: Level, state: GameState, side: Side, line: str):
    """An action, a `Request`, or None for an empty line; CommandError if it cannot be read."""
    words = line.split()
    if not words:
        return None
    name = command_name(words[0])
    args = words[1:]
    if name in REQUESTS:
        if name in ("orders", "status", "claims", "legal", "quit") and args:
            raise CommandError(f"'{name}' takes no arguments.")
        if name == "menu" and args:
            if len(args) > 1:
                raise _usage(name)
            args = (match(args[0], MENU_VIEWS, "menu view"),)
        if name == "ally" and args:
            if len(args) > 1:
                raise _usage(name)
            args = (match_ally(level, args[0]),)
        return Request(name, tuple(args))
    if name == "research":
        _need(args, 2, name)
        return SetResearch(match_class(level, args[0], side), match(args[1], PACES, "pace"))
    if name == "produce":
        if not 1 <= len(args) <= 2:
            raise _usage(name)
        lots = count_of(args[1], "number of lots") if len(args) == 2 else 1
        return Produce(match_class(level, args[0], side), lots)
    if name in ("deploy", "withdraw"):
        _need(args, 3, name)
        cls, site = match_class(level, args[0], side), match_site(level, args[1], side)
        if args[2].lower() == "all":
            count = _all(level, state, side, name, cls, site)
        else:
            count = count_of(args[2])
        return (Deploy if name == "deploy" else Withdraw)(cls, site, count)
    if name in ("consult", "pledge", "coerce", "induce", "campaign"):
        _need(args, 1, name)
        kind = {"consult": Consult, "pledge": SeekPledge, "coerce": Coerce, "induce": Induce,
                "campaign": Campaign}[name]
        return kind(match_ally(level, args[0]))
    if name == "codevelop":
        _need(args, 2, name)
        return CoDevelop(match_ally(level, args[0]), match_class(level, args[1], side))
    if name == "signal":
        _need(args, 1, name)
        return Signal(match(args[0], SIGNALS, "signal"))
    if name == "walkout":
        return _walkout(state, args)
    if name in ("undo", "propose-talks", "accept", "reject", "end") and args:
        raise CommandError(f"'{name}' takes no arguments.")
    if name == "undo":
        return UndoOrder()
    if name == "end":
        return EndTalks() if state.phase == "talks" else EndOrders()
    if name == "propose-talks":
        return ProposeTalks()
    if name == "accept":
        return AcceptTalks() if state.talks.awaiting == "talks" else AcceptDeal()
    if name == "reject":
        return RejectTalks() if state.talks.awaiting == "talks" else RejectDeal()
    if name == "offer":
        if not args:
            return Request("offer")
        if len(args) == 1 and args[0].isdigit():
            return ProposeDeal(menu_offer(level, state, side, int(args[0])))
        return ProposeDeal(parse_offer(level, args))
    raise CommandError(f"unknown command '{words[0]}' — type help")  # pragma: no cover


def _all(level: Level, state: GameState, side: Side, name: str, cls: str, site: str) -> int:
    book = ledger(level, state, side)
    ci, ki = level.class_index(cls), level.site_index(site)
    n = book.reserve[ci] if name == "deploy" else book.at_site.get((ci, ki), state.deployed[ci][ki])
    if n < 1:
        where = "in the reserve" if name == "deploy" else f"at {site}"
        raise CommandError(f"There are no {cls} {where}.")
    return n


def menu_offer(level: Level, state: GameState, side: Side, number: int) -> Offer:
    offers = menu(level, state, side)
    if not offers:
        raise CommandError("There are no suggested offers now; build one (type help offer).")
    if not 1 <= number <= len(offers):
        raise CommandError(f"The menu has offers 1 to {len(offers)}; type menu to see them.")
    return offers[number - 1]


# ---- offers in one line -----------------------------------------------------------------------


def parse_offer(level: Level, tokens: list[str], base: Offer | None = None) -> Offer:
    """An offer from tokens like `us:glcm:reduce:16 china:cj10:cap:40 zone:first verify:onsite
    years:3`; the side of a term may be left out (the class says it). Defaults: data, 3 years."""
    terms = list(base.terms) if base else []
    zones = list(base.zones) if base else []
    verification = base.verification if base else "data"
    years = base.years if base else 3
    for token in tokens:
        parts = [p for p in token.split(":")]
        key = parts[0].lower()
        if len(parts) == 2 and key in ("zone", "zones", "z"):
            for z in parts[1].split(","):
                zone = match(z, ZONES, "zone")
                if zone not in zones:
                    zones.append(zone)
        elif len(parts) == 2 and key in ("verify", "verification", "ver", "v"):
            verification = match(parts[1], VERIFICATION, "verification level")
        elif len(parts) == 2 and key in ("years", "year", "y"):
            years = count_of(parts[1], "number of years")
        else:
            terms.append(parse_term(level, token))
    return Offer(terms=tuple(terms), zones=tuple(zones), verification=verification, years=years)


def parse_term(level: Level, token: str) -> Term:
    """`[SIDE:]CLASS:KIND[:COUNT]`, e.g. `us:glcm:reduce:16`, `df26:cap:100`, `china:cj10:freeze`."""
    parts = token.split(":")
    side = None
    if len(parts) >= 3 and parts[0].lower() in SIDE_WORDS:
        side, parts = SIDE_WORDS[parts[0].lower()], parts[1:]
    if len(parts) not in (2, 3) or not all(parts):
        raise CommandError(f"Cannot read '{token}': a term is SIDE:CLASS:KIND:COUNT, e.g. us:glcm:reduce:16 "
                           "(help offer).")
    cls = match_class(level, parts[0], side)
    kind = KIND_WORDS.get(parts[1].lower()) or match(parts[1], TERM_KINDS, "kind of term")
    if len(parts) == 3:
        count = int(parts[2]) if parts[2].isdigit() else count_of(parts[2])
    elif kind == "freeze":
        count = 0
    else:
        raise CommandError(f"'{token}' needs a count: {token}:16, say.")
    owner = level.class_of(cls).side
    return Term(side=side or owner, cls=cls, kind=kind, count=count)


def offer_words(offer: Offer) -> str:
    """The one-line form of an offer, which `parse_offer` reads back."""
    words = []
    for t in offer.terms:
        words.append(f"{t.side}:{t.cls}:{t.kind}" + ("" if t.kind == "freeze" else f":{t.count}"))
    words += [f"zone:{z}" for z in offer.zones]
    words += [f"verify:{offer.verification}", f"years:{offer.years}"]
    return " ".join(words)


def command_for(action) -> str:
    """What to type for an action (the inverse of `parse`)."""
    simple = {
        UndoOrder: "undo", EndOrders: "end", EndTalks: "end", ProposeTalks: "propose-talks",
        AcceptTalks: "accept", AcceptDeal: "accept", RejectTalks: "reject", RejectDeal: "reject",
        WalkOut: "walkout",
    }
    if type(action) in simple:
        return simple[type(action)]
    if isinstance(action, SetResearch):
        return f"research {action.cls} {action.pace}"
    if isinstance(action, Produce):
        return f"produce {action.cls} {action.lots}"
    if isinstance(action, (Deploy, Withdraw)):
        verb = "deploy" if isinstance(action, Deploy) else "withdraw"
        return f"{verb} {action.cls} {action.site} {action.count}"
    if isinstance(action, CoDevelop):
        return f"codevelop {action.ally} {action.cls}"
    if isinstance(action, Signal):
        return f"signal {action.kind}"
    if isinstance(action, ProposeDeal):
        return f"offer {offer_words(action.offer)}"
    verb = {Consult: "consult", SeekPledge: "pledge", Coerce: "coerce", Induce: "induce",
            Campaign: "campaign"}[type(action)]
    return f"{verb} {action.ally}"


def index_key(words: tuple[str, ...], side: Side) -> tuple[str, str]:
    """(index key, side or "shared") from `index NAME [SIDE]`."""
    names = ", ".join(dict.fromkeys(INDEX_WORDS.values()))
    if not words or len(words) > 2:
        raise CommandError(f"Usage: index NAME [us|china], NAME one of {names}.")
    try:
        key = INDEX_WORDS[match(words[0], INDEX_WORDS, "index")]
    except CommandError as e:
        if "could be" in str(e):
            raise
        raise CommandError(f"There is no index '{words[0]}' (try {names}).") from None
    if len(words) == 2:
        side = SIDE_WORDS.get(words[1].lower()) or match(words[1], SIDES, "side")
    return key, "shared" if key == "risk" else side
