"""对应单位: a file names units the directory does not know. For each name the clerk picks the
known unit it means (the name is then saved as that unit's alias, so later files are understood)
or has the unit created. Used by the 分工表 import and by 报送 when a return's 填报单位 is unknown.

The dialog only collects the choices (``choices()``: name → department id or ``CREATE``); the
core services write them. It is opened with ``open()`` (window-modal, no nested event loop), and
``accepted`` tells the caller to go on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greentasks.domain.rules import CATEGORY_ORDER
from greentasks.domain.unitnames import saved_name

from .. import style
from ..vocab import show
from ..widgets import hint_label, note_label

translate = QCoreApplication.translate

CREATE = "create"  # greentasks.services.directory.CREATE, the choice "create this unit"
_HEADER = object()  # data of the disabled section headers in a combo


def open_mapping(owner: QWidget, unknown, units, *, places, chosen, intro: str, on_chosen) -> UnitMappingDialog:
    """The 对应单位 dialog over an import dialog ``owner`` (its ``mapping`` while open), opened
    window-modal; ``on_chosen`` gets the choices; deleted once closed."""
    dialog = UnitMappingDialog(owner, unknown, units, places=places, chosen=chosen, intro=intro)
    dialog.chosen.connect(on_chosen)

    def closed(_result: int) -> None:
        if owner.mapping is dialog:
            owner.mapping = None
        dialog.deleteLater()

    dialog.finished.connect(closed)
    owner.mapping = dialog
    dialog.open()
    return dialog


def describe_choice(name: str, choice: int | str, units) -> str:
    """One choice in words, as the import dialogs list them before committing: “名称” → 新建单位,
    or “名称” → the unit it was matched to (``units``: the snapshot's UnitRow list)."""
    if choice == CREATE:
        return translate("UnitMapping", "“{name}” → 新建单位").format(name=name)
    unit = next((u.name for u in units or [] if u.id == choice), "?")
    return translate("UnitMapping", "“{name}” → {unit}（保存为简称）").format(name=name, unit=unit)


def guessed_category(name: str) -> str:
    """The category the core gives a unit it creates from a file (services.directory.guess_category)."""
    from greentasks.services.directory import guess_category

    return guess_category(name)


def bracket_names(units: list) -> list[str]:
    """The known names and aliases holding brackets (DirectoryIndex.bracket_names, from the rows)."""
    return [n for u in units for n in (u.name, *u.aliases) if any(b in n for b in "（(")]


class UnitChoice(QComboBox):
    """One unknown name's choice: the closest known units, 新建, then every unit; type any part of a
    name to find it."""

    def __init__(self, name: str, suggestions: list[str], units: list, parent: QWidget | None = None,
                 saved: str | None = None):
        super().__init__(parent)
        self.name = name
        self.saved = saved or name  # what is saved: the alias, or the new unit's name
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(18)
        self.setMinimumWidth(300)
        by_name = {u.name: u for u in units}
        suggested = [by_name[s] for s in suggestions if s in by_name]
        self.suggestions = [u.name for u in suggested]
        if suggested:
            self._header(self.tr("最接近的已知单位"))
            for u in suggested:
                self.addItem(u.name, u.id)
        self._header(self.tr("通讯录中没有这个单位"))
        self.create_text = self.tr("新建单位“{name}”（类别：{category}）").format(
            name=self.saved, category=show(guessed_category(self.saved)))
        self.addItem(self.create_text, CREATE)
        self._header(self.tr("全部单位（可输入名称查找）"))
        taken = {u.id for u in suggested}
        for u in sorted(units, key=lambda u: (CATEGORY_ORDER.get(u.category, len(CATEGORY_ORDER)), u.id)):
            if u.id not in taken:
                self.addItem(u.name, u.id)
                if u.aliases:
                    self.setItemData(self.count() - 1, self.tr("简称：{aliases}").format(aliases="、".join(u.aliases)),
                                     Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(self.tr("请选择，或输入单位名称查找"))

    def _header(self, text: str) -> None:
        self.addItem(text, _HEADER)
        item = self.model().item(self.count() - 1)
        item.setEnabled(False)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)

    def choice(self) -> int | str | None:
        """The chosen department id, ``CREATE``, or None when nothing valid is chosen."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if index < 0 or self.itemText(index) != text:
            index = self.findText(text, Qt.MatchFlag.MatchExactly)
        data = self.itemData(index) if index >= 0 else None
        return None if data is _HEADER else data

    def set_choice(self, value: int | str) -> bool:
        index = self.findData(value)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def chosen_name(self) -> str:
        index = self.findData(self.choice())
        return self.itemText(index) if index >= 0 else ""


class UnitMappingDialog(QDialog):
    """Every unknown name with its choice; 确定 only when each name has one."""

    chosen = Signal(dict)  # name -> department id or CREATE, when accepted

    def __init__(self, parent: QWidget | None, unknown: dict[str, list[str]], units: list, *,
                 places: dict[str, str] | None = None, chosen: dict[str, int | str] | None = None,
                 intro: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("对应单位"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(intro or self.tr(
            "下面这些单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位。")))
        layout.addWidget(hint_label(self.tr(
            "选择已知单位后，这个名称会保存为该单位的简称，以后导入的文件中再出现时自动识别。")))

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        header_name = QLabel(self.tr("文件中的名称"))
        header_choice = QLabel(self.tr("对应到"))
        for label in (header_name, header_choice):
            style.bold(label)
        grid.addWidget(header_name, 0, 0)
        grid.addWidget(header_choice, 0, 1)
        self.combos: dict[str, UnitChoice] = {}
        self.notes: dict[str, QLabel] = {}
        brackets = bracket_names(units)
        row = 1
        for name, suggestions in unknown.items():
            label = QLabel(name)
            style.bold(label, 11)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            combo = UnitChoice(name, suggestions, units, saved=saved_name(name, brackets))
            if chosen and name in chosen:
                combo.set_choice(chosen[name])
            grid.addWidget(combo, row, 1)
            where = (places or {}).get(name)
            if where:
                place = hint_label(where)
                grid.addWidget(place, row + 1, 0, Qt.AlignmentFlag.AlignTop)
            note = hint_label()
            grid.addWidget(note, row + 1, 1)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(line, row + 2, 0, 1, 2)
            self.combos[name] = combo
            self.notes[name] = note
            combo.currentTextChanged.connect(lambda _t, name=name: self._update(name))
            row += 3
        grid.setRowStretch(row, 1)
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)

        self.missing = hint_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("确定"))
        self.ok.setStyleSheet(style.PRIMARY_STYLE)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QVBoxLayout()
        bottom.addWidget(self.missing)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        for name in self.combos:
            self._update(name)
        self.resize(680, min(200 + 64 * len(unknown), 620))

    # -- the clerk's choices ------------------------------------------------------------------
    def set_choice(self, name: str, value: int | str) -> bool:
        """Choose for ``name`` a department id or ``CREATE`` (what picking it in the list does)."""
        return self.combos[name].set_choice(value)

    def choices(self) -> dict[str, int | str]:
        return {name: c for name, combo in self.combos.items() if (c := combo.choice()) is not None}

    def _update(self, name: str) -> None:
        combo = self.combos[name]
        choice = combo.choice()
        note = self.notes[name]
        if choice is None:
            text = self.tr("还没有选择。") if not combo.currentText().strip() \
                else self.tr("没有叫这个名称的单位，请从列表中选择。")
            if combo.suggestions:
                text += self.tr("最接近的已知单位：{names}。").format(names="、".join(combo.suggestions))
            note.setText(text)
        elif choice == CREATE:
            note.setText(self.tr("将在单位通讯录中新建“{name}”，类别为“{category}”；之后可在“单位”中修改类别、补充联系人。")
                         .format(name=combo.saved, category=show(guessed_category(combo.saved))))
        else:
            note.setText(self.tr("“{name}”将保存为“{unit}”的简称。").format(name=combo.saved, unit=combo.chosen_name()))
        left = sum(1 for c in self.combos.values() if c.choice() is None)
        self.ok.setEnabled(left == 0)
        self.missing.setText(self.tr("还有 {n} 个名称没有选择对应的单位。").format(n=left) if left else "")

    def accept(self) -> None:
        if len(self.choices()) < len(self.combos):
            return
        super().accept()
        self.chosen.emit(self.choices())


def describe_unit_choices(done) -> list[str]:
    """A line per name the core saved (services.actions.save_unit_choices): a new unit, or the
    name kept as a known unit's alias."""
    return [translate("UnitMapping", "新建单位“{name}”").format(name=d.unit) if d.created
            else translate("UnitMapping", "“{name}”保存为“{unit}”的简称").format(name=d.name, unit=d.unit)
            for d in done.done]
