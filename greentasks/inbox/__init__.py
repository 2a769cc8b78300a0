"""Returns as they arrive (docs/excel.md#return-files): loose files, folders, zip archives and mail.

:func:`~.collect.collect` turns what the clerk gave (files and folders) into the spreadsheets to
import, each a :class:`~.items.Received` held in memory with the name the clerk sees
(``名称.zip/内层文件.xlsx``) and, for a mail attachment, the mail it came in; and it names every
file, member or attachment it passed over, with why. Nothing is ever extracted to disk.
"""
