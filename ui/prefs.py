"""The user's own preferences (window layout, language, last folders, the database in use),
kept with QSettings in an INI file in the user's data folder, beside the default database —
not in the shared database, since two clerks on one database may want different layouts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

LANG_ZH = "zh_CN"
LANG_EN = "en"
LANGUAGES = (LANG_ZH, LANG_EN)

_settings: QSettings | None = None
_path: Path | None = None


def settings() -> QSettings:
    """One QSettings per data folder (the tests give each test its own folder)."""
    global _settings, _path
    from greentasks.paths import user_data_dir

    path = user_data_dir() / "greentasks-ui.ini"
    if _settings is None or path != _path:
        if _settings is not None:
            _settings.sync()
        _settings = QSettings(str(path), QSettings.Format.IniFormat)
        _path = path
    return _settings


def value(key: str, default=None):
    return settings().value(key, default)


def set_value(key: str, data) -> None:
    settings().setValue(key, data)


def language() -> str:
    lang = str(value("ui/language", LANG_ZH))
    return lang if lang in LANGUAGES else LANG_ZH


def set_language(lang: str) -> None:
    set_value("ui/language", lang if lang in LANGUAGES else LANG_ZH)


def database_target() -> str | None:
    text = value("database/target", "")
    return str(text) if text else None


def set_database_target(target: str | None) -> None:
    set_value("database/target", target or "")


def last_folder(kind: str) -> str:
    folder = str(value(f"folders/{kind}", "") or "")
    if folder and Path(folder).is_dir():
        return folder
    return str(Path.home())


def remember_folder(kind: str, path: str | Path) -> None:
    p = Path(path)
    set_value(f"folders/{kind}", str(p if p.is_dir() else p.parent))


def bool_value(key: str, default: bool) -> bool:
    data = value(key, default)
    if isinstance(data, str):
        return data.lower() in ("true", "1", "yes")
    return bool(data)
