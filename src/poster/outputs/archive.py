"""A ZIP of the pages as PNG, and the captions of social cards.

`--format zip` gives one file to send or upload: every page as a PNG (NAME-01.png …,
at the PNG writer's resolution) and, for social cards, `captions.txt`: one entry per
card, the image's file name on its first line and its text below (the post's text
for the cover, the alternative text of each image), entries apart by a blank line.
"""

from __future__ import annotations

import io
import zipfile

from poster.document import Document
from poster.outputs import Artifact, Job, writer
from poster.outputs.images import TEXT, encode, stem

CAPTIONS = "captions.txt"  # in the ZIP
CAPTIONS_SUFFIX = "-captions.txt"  # beside the PNGs: NAME-captions.txt sorts after them
# a fixed date for every member: the same cards give the same bytes
_DATE = (1980, 1, 1, 0, 0, 0)


def captions(document: Document, names: list[str]) -> bytes:
    """One entry per page: its file name, then its caption (the page's notes)."""
    entries = [
        f"{name}\n{page.notes.strip()}" for name, page in zip(names, document.pages, strict=True)
    ]
    return ("\n\n".join(entries) + "\n").encode("utf-8")


@writer("zip", "zip", "application/zip", "ZIP of PNG images")
def _zip(job: Job) -> list[Artifact]:
    images = [a for a in encode(job, "png") if a.media_type == "image/png"]
    base = stem(job)
    names = [f"{base}{a.suffix}" for a in images]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, art in zip(names, images, strict=True):
            # PNG is compressed already: stored, not deflated again
            z.writestr(zipfile.ZipInfo(name, _DATE), art.data, zipfile.ZIP_STORED)
        if job.document.kind == "cards":
            info = zipfile.ZipInfo(CAPTIONS, _DATE)
            z.writestr(info, captions(job.document, names), zipfile.ZIP_DEFLATED)
    return [Artifact(".zip", buf.getvalue(), "application/zip", pages=len(images))]


__all__ = ["CAPTIONS", "CAPTIONS_SUFFIX", "TEXT", "captions"]
