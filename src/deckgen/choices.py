"""What a person decides for one executive, stored in the workspace the build reads: their
blocker (`blocker:`) and evidence swaps (`evidence: {use, avoid}`) in audience.yaml. Used by
`deckgen audience` and the web app alike; every change is checked as the build would check it."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from deckgen.errors import DeckgenError
from deckgen.options import BuildOptions


class Swap(Struct, frozen=True, kw_only=True):
    """One evidence item out of an executive's deck and another, fitting its slot, in."""

    old: str
    new: str
    purpose: str  # the slot it fills


def set_blocker(opts: BuildOptions, name: str, slug: str | None) -> str | None:
    """Store `slug` (any alias, with a did-you-mean when unknown) as the executive's blocker,
    or remove `blocker:` (None) so their words are classified again. Returns the slug."""
    from deckgen.blockers import resolve_blocker
    from deckgen.edit import edit_executive

    chosen = resolve_blocker(slug) if slug else None
    edit_executive(opts.workspace, name, "blocker", chosen, _checker(opts))
    return chosen


def swap_evidence(opts: BuildOptions, name: str, old: str, new: str) -> Swap:
    """Replace `old` in the executive's deck by `new`, which must fit the same slot: it makes
    the slot's argument and no hard fit rule (select/fit.py) keeps it out."""
    from deckgen.edit import edit_executive, flow_evidence

    exe, slots, rule_against = _slots(opts, name)
    if old not in slots:
        shown = ", ".join(slots) or "none"
        raise DeckgenError(f"{exe.name}'s deck does not cite '{old}'; it cites: {shown}")
    purpose, others = slots[old]
    if new not in others:
        raise DeckgenError(_unfit(new, old, exe, purpose, others, rule_against(new)))
    use = [i for i in exe.use if i not in (old, new)] + [new]
    avoid = [i for i in exe.avoid if i not in (old, new)] + [old]
    edit_executive(opts.workspace, exe.name, "evidence", flow_evidence(use, avoid), _checker(opts))
    return Swap(old=old, new=new, purpose=purpose)


def clear_evidence(opts: BuildOptions, name: str) -> None:
    """Drop the executive's `evidence:` choices: the build chooses by fit and strength again."""
    from deckgen.edit import edit_executive

    edit_executive(opts.workspace, name, "evidence", None, _checker(opts))


def _checker(opts: BuildOptions):
    """Validates an edited audience file as the build reads it: in the organisation's locale and
    currency, with evidence ids checked against the library."""
    from deckgen.library import load_library
    from deckgen.load.audience import read_audience
    from deckgen.load.org import load_org
    from deckgen.resources import evidence_dir

    profile = load_org(opts.workspace).profile
    library = load_library((opts.evidence_dir or evidence_dir()).resolve())
    ids = frozenset(item.id for item in library)

    def check(path: Path) -> None:
        read_audience(path, profile.locale, profile.currency, ids)

    return check


def _slots(opts: BuildOptions, name: str):
    """The executive and, per evidence item their deck cites, (slot purpose, the other items
    that fit that slot), from the build's own planning stage."""
    from deckgen.deckbuild import Planner
    from deckgen.inputs import load_inputs
    from deckgen.jobs import plan_jobs

    inputs, executives, _, _ = load_inputs(replace(opts, exec_names=(name,)))
    job = plan_jobs(executives, opts.outdir)[0]
    planner = Planner(inputs)
    _, _, selection, second = planner.plan(job)
    picks = [*selection.picks, *([second] if second else [])]
    cited = {p.item.id for p in picks}
    slots = {
        p.item.id: (p.purpose or "the second concern", [o for o in p.others if o not in cited])
        for p in picks
    }

    def rule_against(item_id: str) -> str | None:
        from deckgen.select.fit import broken_rule

        items = {item.id: item for item in inputs.library}
        if item_id not in items:
            return None
        broken = broken_rule(items[item_id], planner.audience(job)[1])
        return f"rule {broken[0]}: {broken[1]}" if broken else ""

    return job.executive, slots, rule_against


def _unfit(new: str, old: str, exe, purpose: str, others: list[str], rule: str | None) -> str:
    """Why `new` cannot take `old`'s slot, in words."""
    if rule is None:
        return f"unknown evidence item '{new}' (see `deckgen evidence list`)"
    why = rule or "it does not make the argument that slot needs, or is already in the deck"
    fits = ", ".join(others) if others else "no other item"
    return f"'{new}' cannot replace '{old}' in {exe.name}'s deck [{purpose}]: {why}; items that fit: {fits}"
