"""Translations: Simplified Chinese is the source language; English comes from
resources/translations/greentasks_en.qm (built from the .ts by tools/build_translations.py).
Qt's own dialogs (buttons of message boxes, file dialogs) get Qt's catalogue for the language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from . import prefs

_installed: list[QTranslator] = []


def install(lang: str) -> str:
    """Install the translators for ``lang`` (replacing any earlier ones); returns the language in force."""
    from greentasks.resources import resource_path

    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == prefs.LANG_EN:
        ours = QTranslator(app)
        if ours.load(str(resource_path("translations", "greentasks_en.qm"))):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            lang = prefs.LANG_ZH
    if lang == prefs.LANG_ZH:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return lang
