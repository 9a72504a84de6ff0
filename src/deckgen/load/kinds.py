"""What an evidence item can be (its kind), and the label an item from outside the bundled
library is cited with, saying whose it is and what it is ('Client case study', 'Halden Partners
benchmark'; the words are data/owners.yaml's)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, model_validator

from deckgen.load.schema import Strict

Kind = Literal[
    "study", "survey", "meta-analysis", "rct", "guideline", "standard", "law", "benchmark",
    "modelling",
]  # fmt: skip
CLIENT = "client"  # `owner: client`: the organisation's own evidence
NEEDS_OWNER = (
    "expected `owner: client` (the organisation's own evidence) or the name of the firm it "
    "comes from: evidence from outside the bundled library says whose it is"
)


class _OwnerFile(Strict):
    """data/owners.yaml: the words that label evidence from outside the bundled library."""

    client: str = Field(min_length=2, description="How `owner: client` reads on a slide.")
    kinds: dict[Kind, str] = Field(description="Each kind's word after the owner.")

    @model_validator(mode="after")
    def _every_kind(self) -> _OwnerFile:
        missing = [k for k in get_args(Kind) if k not in self.kinds]
        if missing:
            raise ValueError(f"kinds: no label word for {', '.join(missing)}")
        return self


def owner_label(owner: str, kind: str) -> str:
    """'Client case study', 'Halden Partners benchmark': whose evidence it is and what it is."""
    from deckgen.load.datafiles import read_data

    words = read_data("owners", _OwnerFile)
    who = words.client if owner == CLIENT else owner
    return f"{who} {words.kinds[kind]}"  # type: ignore[index]
