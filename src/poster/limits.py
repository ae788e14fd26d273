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
CARD_PX = 8192  # a social card's side, pixels: apps show 1080 and keep at most 4096

# ---- text typed on the command line or in a spreadsheet cell
LOCALITY_CHARS = 200  # --locality, --province: the longest unit name is under 60
CELL_CHARS = 4000  # one spreadsheet cell (a brand field); a poster's header holds far less

# ---- images: logos and icons
LOGO_BYTES = 20 * MB  # on disk (command line, batch); the web page takes 5 MB uploads
LOGO_UPLOAD_BYTES = 5 * MB  # the web page's upload
LOGO_SIDE = 4096  # px: a logo is drawn at most a few centimetres wide
LOGO_PIXELS = LOGO_SIDE * LOGO_SIDE  # read from the header, before decoding: everywhere
# An item's SVG icon: the shipped ones are under 2 KB and 10 elements; a pictogram
# exported from Illustrator or Inkscape is tens of KB. svglib reads and ReportLab records
# about 100 KB of path data, or 1,000 elements, a second: an icon at these bounds is
# read in about a second, and a content file's icons together in a few.
ICON_BYTES = 128 * 1024  # one icon file
ICON_ELEMENTS = 1_000  # XML elements of one icon
ICONS_BYTES = 1 * MB  # the different icon files of one content file, together
ICON_SIDE = 10_000  # SVG user units of the icon's width or height (viewBox)
# (no bound on images in an icon: an icon may hold none, see poster.readers.icon)

# ---- spreadsheets of brands (batch)
# A sheet of every commune of the country (3,321 rows of ten columns) is 0.9 MB of CSV;
# as .xlsx it unpacks to 3 MB of XML with 210,000 tags, which openpyxl reads in 0.4 s.
# The bounds are about three times that, and reading a sheet at its bounds stays under
# 5 s and 500 MB (tests/test_input_bounds.py measures it).
SHEET_ROWS = 10_000  # rows under the header: three times the country
SHEET_COLUMNS = 64  # cells of a row; a brand has ten fields
HEADER_ROWS = 10  # the header row is looked for in the first rows (title rows above it)
EXCEL_ROWS = 1_048_576  # rows of a sheet, empty ones included: Excel's own limit
CSV_BYTES = 16 * MB  # 10,000 rows of long cells; the memory a read takes is 8× this
# One row of a CSV file, its line breaks included: ten fields of CELL_CHARS with room
# for notes, and under the 128 KB the csv module allows one cell
ROW_CHARS = 100_000
RECORD_LINES = 50  # lines one row of a CSV file may span (line breaks in quoted cells)
XLSX_BYTES = 32 * MB  # the workbook file (pictures pasted into it count)
XLSX_MEMBERS = 1_000  # files inside the workbook's zip; Excel writes a dozen or two
XLSX_DIRECTORY = 1 * MB  # the zip's list of those files, read before any of them
# What openpyxl inflates and parses, all parts together (a part read twice counts
# twice): bytes, and tags ('<'), which decide its time (about 3 µs each, at worst)
XLSX_INFLATED = 64 * MB
XLSX_TAGS = 1_000_000  # 10,000 rows of ten cells take about 650,000
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
