"""Speaker notes: one notes slide per slide, all but the first copied from the first's blank XML."""

from __future__ import annotations

from deckgen.errors import TemplateError
from deckgen.pptx.internals import add_notes_copy, copy_notes_slide, notes_master_part

NO_NOTES_BODY = (
    "the template's notes master has no body placeholder, so speaker notes have nowhere to go; "
    "add one in PowerPoint (View > Notes Master) or build with --board-copy"
)


class Notes:
    """One deck's speaker notes.

    python-pptx builds every notes slide by cloning the notes master's placeholders, which is a
    fifth of a deck's writing time. The first notes slide is built that way; the rest are copies
    of its (still empty) XML, related to the same master and to their own slide.
    """

    def __init__(self) -> None:
        self.blank = None  # the first notes slide's XML before text went in
        self.master = None  # the notes master's part
        self.count = 0

    def add(self, slide, text: str) -> None:
        self.count += 1
        if self.blank is None:
            notes_slide = slide.notes_slide  # python-pptx: creates the master if there is none
            self.blank = copy_notes_slide(notes_slide)
            self.master = notes_master_part(slide)
            if notes_slide.notes_text_frame is None:
                raise TemplateError(NO_NOTES_BODY)
            notes_slide.notes_text_frame.text = text
            return
        add_notes_copy(slide, self.blank, self.count, self.master).text = text
