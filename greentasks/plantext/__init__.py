"""Reading a policy document's tasks from its text (.docx, .txt, text-layer .pdf, pasted text).

Plain data in, plain data out: no database, no Qt. ::

    doc = document_text("实施方案.docx")        # or text_document(pasted)
    draft = parse_document(doc)                  # proposes the level of the tasks
    draft = parse_document(doc, task_level=2)    # the clerk's choice among draft.levels
"""

from .draft import DraftSection, DraftTask, DraftUnit, LevelInfo, PlanDraft
from .parse import parse_document
from .sources import DocumentText, TableBlock, TextBlock, document_text, text_document

__all__ = [
    "DocumentText",
    "DraftSection",
    "DraftTask",
    "DraftUnit",
    "LevelInfo",
    "PlanDraft",
    "TableBlock",
    "TextBlock",
    "document_text",
    "parse_document",
    "text_document",
]
