"""A batch draws a poster's tiles once: every later commune in the same colours repeats
the tiles' operators and their deflated bytes. What it writes must be the very file a
render of that commune alone writes, in another process, and a valid PDF: the page
stream inflates (zlib, its checksum included) to what the page draws."""

from __future__ import annotations

import io
import subprocess
import sys
import zlib

import pikepdf
import pytest
from conftest import cli_env, page_texts

# Renders three communes in one process, or one of them alone, and prints each file's
# bytes as hex (deterministic: SOURCE_DATE_EPOCH is set by cli_env's environment).
SCRIPT = r"""
import sys
from poster.outputs import Request, produce
from poster.resources import BRAND_ANCHOR
from poster.spec import brand_from_dict, load_content, load_layout

layout, which = sys.argv[1], sys.argv[2]
names = ["Xã Một", "Phường Hai", "Đặc khu Ba"]
brands = [brand_from_dict({"name": n, "authority": [f"UBND {n.upper()}"]},
                          BRAND_ANCHOR / "x.yaml") for n in names]
content = load_content()
for i, brand in enumerate(brands):
    if which != "all" and str(i) != which:
        continue
    _, (pdf,) = produce(Request(content, load_layout(layout), brand))
    print(pdf.data.hex())
"""


def run(layout: str, which: str) -> list[bytes]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, layout, which], capture_output=True,
                          text=True, env=cli_env(), timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return [bytes.fromhex(line) for line in done.stdout.split()]


@pytest.fixture(scope="module", params=["a1-portrait", "a3-portrait"])
def batch(request):
    return request.param, run(request.param, "all")


def test_a_commune_after_others_is_the_file_it_is_alone(batch):
    layout, files = batch
    assert len(files) == 3 and len(set(files)) == 3
    for i in (1, 2):  # drawn from the tiles the first one drew
        assert run(layout, str(i)) == [files[i]], f"commune {i + 1} of {layout}"


def test_the_page_streams_inflate_to_what_the_page_draws(batch):
    _, files = batch
    for data in files:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                contents = page.obj.Contents
                streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
                for stream in streams:
                    raw = stream.read_raw_bytes()
                    assert list(stream.Filter) == [pikepdf.Name.FlateDecode]
                    # zlib checks its own checksum (adler-32 over the whole) and the end
                    inflated = zlib.decompress(raw)
                    assert inflated == stream.read_bytes()
                    # the operators parse, end to end
                    assert pikepdf.parse_content_stream(stream)
    # the same text on every commune's page but the locality
    texts = [page_texts(data)[0] for data in files]
    for name, text in zip(["XÃ MỘT", "PHƯỜNG HAI", "ĐẶC KHU BA"], texts, strict=True):
        assert f"UBND {name}" in text
    tiles = [t.split("CHUYỂN ĐỔI SỐ", 1)[1] for t in texts]  # after the title
    assert tiles[0].replace("Xã Một", "") == tiles[1].replace("Phường Hai", "")


def test_a_cmyk_poster_draws_every_mark_itself(tmp_path):
    """In CMYK a mark's inks depend on the rest of its page (the fill under small white
    text): nothing is repeated, and a commune alone is again the same file."""
    script = SCRIPT.replace(
        "Request(content, load_layout(layout), brand)",
        "Request(content, load_layout(layout), brand, options=Options(cmyk=True))",
    )
    script = script.replace(
        "from poster.outputs import Request, produce",
        "from poster.outputs import Request, produce\nfrom poster.plan import Options",
    )
    done = [subprocess.run([sys.executable, "-c", script, "a3-portrait", which],
                           capture_output=True, text=True, env=cli_env(), timeout=300)
            for which in ("all", "2")]  # fmt: skip
    assert all(d.returncode == 0 for d in done), [d.stderr[-1000:] for d in done]
    assert done[0].stdout.split()[2] == done[1].stdout.split()[0]
