"""Every bound on what `poster` reads, in one place: every reader imports its bound from here.

A bound is checked before the input is parsed where the input says its size (a file's
length, an image's header, a zip member's declared size), and again while it is read
where it can lie (a zip member's real inflated size, a PDF stream). A refusal names the
file, the limit and what to do; it is bad input (exit 2), never an internal error.
The values are far above anything real: the 17 differences are 12 KB of YAML, every
commune of the country is under 1 MB of CSV, a logo is an emblem a few centimetres wide.
"""

from __future__ import annotations

MB = 1024 * 1024

# ---- YAML: content, layouts, brands
YAML_BYTES = {"content": 1 * MB, "layout": 256 * 1024, "brand": 256 * 1024}
YAML_DEPTH = 32  # levels of nesting; the formats use 4
YAML_NODES = 10_000  # values (texts, lists, mappings); 200 items take 1,000
ITEMS = 200  # items of a content file
# A PDF page is at most 200 inches (5080 mm) a side: no length or type size in a layout
# can be larger, and a larger number only breaks the drawing somewhere further on.
LENGTH_MM = 5080

# ---- text typed on the command line or in a spreadsheet cell
LOCALITY_CHARS = 200  # --locality, --province: the longest unit name is under 60
CELL_CHARS = 4000  # one spreadsheet cell (a brand field); a poster's header holds far less

# ---- images: logos and icons
LOGO_BYTES = 20 * MB  # on disk (command line, batch); the web page takes 5 MB uploads
LOGO_UPLOAD_BYTES = 5 * MB  # the web page's upload
LOGO_SIDE = 4096  # px: a logo is drawn at most a few centimetres wide
LOGO_PIXELS = LOGO_SIDE * LOGO_SIDE  # read from the header, before decoding: everywhere
ICON_BYTES = 1 * MB  # an item's SVG icon (the shipped ones are under 2 KB)
ICON_SIDE = 10_000  # SVG user units of the icon's width or height (viewBox)
ICON_IMAGE_PIXELS = LOGO_PIXELS  # an image embedded in an icon

# ---- spreadsheets of brands (batch)
CSV_BYTES = 32 * MB  # every commune of the country is under 1 MB
XLSX_BYTES = 32 * MB  # the workbook file
XLSX_INFLATED = 128 * MB  # all of its zip members together, inflated
XLSX_MEMBERS = 1_000  # zip members of the workbook
SHEET_ROWS = 20_000  # rows of a spreadsheet; the country has 3,321 communes
SHEET_COLUMNS = 64  # cells of a row; a brand has about ten fields
MANIFEST_BYTES = 64 * MB  # the resume record; 3,321 communes × 6 layouts is 2 MB

# ---- PDFs given to `poster check` and `poster tile`
PDF_BYTES = 512 * MB  # a poster with its images is far less
PDF_PAGES = 200  # a deck has about 40 slides, a poster 1 to 4 pages
PDF_OBJECTS = 500_000  # indirect objects
PDF_INFLATED = 1024 * MB  # all content streams and images together, inflated
PDF_STREAM_INFLATED = 256 * MB  # one image stream, inflated (an A1 photo at 300 ppi is 140 MB)
PDF_DATA_INFLATED = 64 * MB  # one stream that is not an image (fonts, profiles, drawing)
# Drawing instructions are walked one operator at a time (about 5 µs and 600 bytes each
# while a stream is read): a poster's page holds 5,000 of them in under 1 MB.
PDF_CONTENT_INFLATED = 4 * MB  # one content stream (a page's, a form's, a pattern's)
PDF_OPERATIONS = 1_000_000  # drawing operators walked in all (a form drawn twice counts twice)
PREVIEW_PIXELS = 150e6  # an A0 at 300 dpi; more would exhaust memory

# ---- QR codes: the longest link a QR code of error correction Q holds (version 40,
# byte mode); a longer one is refused with the count and a hint to shorten it
QR_BYTES = 1663
