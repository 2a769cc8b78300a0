"""Spreadsheet files in and out: reading every kind of file an office receives under a
spreadsheet's name as one cell/row abstraction (:mod:`greentasks.excel.reader`), the sheet shapes
built on it, and writing templates, the ledger and indicators.

Nothing heavy is imported here: the readers load python-calamine, olefile and defusedxml only
when a file is read.
"""
