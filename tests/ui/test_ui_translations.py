"""The English translation is complete: every string of ui/ is in greentasks_en.ts, translated,
and the committed .qm holds them (so a checkout runs in English without a build step)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "greentasks_en.ts"


def messages(path: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished")
            out[(name, message.findtext("source"))] = translation.text if done else None
    return out


def test_every_interface_string_has_an_english_translation(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)], cwd=ROOT,
                   check=True, capture_output=True)
    wanted = set(messages(fresh))
    committed = messages(TS)
    missing = sorted(wanted - set(committed))
    assert not missing, f"run tools/build_translations.py --update and translate: {missing[:5]}"
    untranslated = sorted(k for k in wanted if not committed[k])
    assert not untranslated, untranslated[:5]


def test_the_compiled_qm_is_current(qapp):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    for (context, source), english in messages(TS).items():
        assert translator.translate(context, source) == english, (context, source)


def test_the_interfaces_fixed_words_are_the_cores():
    from greentasks.domain.lights import LIGHTS
    from greentasks.domain.statuses import STATUSES
    from greentasks.models.assignment import ROLE_COOPERATE, ROLE_LEAD
    from greentasks.models.directory import CATEGORIES
    from greentasks.services.settings import CYCLES
    from ui import vocab

    assert vocab.STATUSES == STATUSES and vocab.LIGHTS == LIGHTS
    assert vocab.ROLES == (ROLE_LEAD, ROLE_COOPERATE)
    assert vocab.CATEGORIES == CATEGORIES
    shown = set(vocab._WORDS)
    assert set(vocab.STATUSES) | set(vocab.LIGHTS) | set(CATEGORIES) | set(CYCLES.values()) <= shown
