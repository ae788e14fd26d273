"""Readers of what a user gives `poster` to read besides YAML, one module per kind of
source: `text` (CSV and tab-separated text as Excel and LibreOffice save it),
`workbook` (an Excel .xlsx), `sheet` (the rows of either as brands: header, columns,
the formula guard), `folder` (a folder of brand YAML files) and `icon` (an item's SVG
icon). `sources` holds what they hand on. Every bound comes from `poster.limits` and
is checked before or while the file is parsed; whatever hostile content makes a
library raise comes out as a coded problem, never as an internal error.

Nothing is imported here: `poster render` reads an icon without paying for the rest.
"""
