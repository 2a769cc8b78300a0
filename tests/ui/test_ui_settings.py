"""设置 in a clerk's words: a server is 服务器地址 / 端口 / 数据库名 / 用户名 (the URL is built from
them and split into them), the SQLite file is not offered for shared folders, and no hint is cut
off (pytest-qt, real widgets)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QRadioButton

README_URL = "postgresql+psycopg://clerk@192.168.1.10/greentasks"


def make(qtbot, current: str, is_sqlite: bool):
    from ui import prefs
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, current, is_sqlite, 30, "quarter", prefs.LANG_ZH)
    qtbot.addWidget(dialog)
    return dialog


def test_the_url_is_built_from_the_fields_and_split_into_them():
    from greentasks.server_url import ServerFields, server_url, split_server_url

    fields = split_server_url(README_URL)
    assert fields == ServerFields("192.168.1.10", 5432, "greentasks", "clerk", "postgresql+psycopg")
    assert server_url(fields) == README_URL  # the usual port is left out, as the README writes it
    other = server_url(ServerFields("db.nc.gov.cn", 5433, "督查", "张三"))
    assert other.startswith("postgresql+psycopg://") and other.endswith("@db.nc.gov.cn:5433/%E7%9D%A3%E6%9F%A5")
    assert split_server_url(server_url(ServerFields("db.nc.gov.cn", 5433, "督查", "张三"))) == \
        ServerFields("db.nc.gov.cn", 5433, "督查", "张三")
    # what the status bar shows: the password hidden; it is never kept
    assert split_server_url("postgresql+psycopg://clerk:***@192.168.1.10:5432/greentasks") == fields
    assert split_server_url("sqlite:////tmp/x.db") is None and split_server_url("不是地址") is None


def test_a_server_database_is_entered_as_address_port_name_and_user(qtbot):
    dialog = make(qtbot, "postgresql+psycopg://clerk:***@192.168.1.10/greentasks", is_sqlite=False)
    assert dialog.use_server.isChecked() and dialog.server_form.isEnabled() and not dialog.file.isEnabled()
    assert (dialog.host.text(), dialog.port.value(), dialog.database_name.text(), dialog.user.text()) == \
        ("192.168.1.10", 5432, "greentasks", "clerk")
    assert "服务器 192.168.1.10 上的数据库 greentasks" in dialog.current.text()
    assert "://" not in dialog.current.text()
    assert dialog.values().database is None  # nothing changed: the program keeps its connection
    dialog.host.setText("192.168.1.20")
    dialog.port.setValue(6543)
    assert dialog.values().database == "postgresql+psycopg://clerk@192.168.1.20:6543/greentasks"


def test_moving_from_a_file_to_a_server(qtbot):
    dialog = make(qtbot, "/tmp/greentasks.db", is_sqlite=True)
    assert dialog.use_file.isChecked() and not dialog.server_form.isEnabled()
    assert (dialog.port.value(), dialog.database_name.text()) == (5432, "greentasks")  # the usual ones
    dialog.use_server.setChecked(True)
    assert dialog.server_form.isEnabled() and not dialog.file.isEnabled()
    dialog.host.setText(" 192.168.1.10 ")
    dialog.user.setText("clerk")
    assert dialog.values().database == README_URL


@pytest.mark.parametrize(("host", "user", "says"), [
    ("", "clerk", "请填写服务器地址"),
    ("postgresql://192.168.1.10", "clerk", "只填写地址本身"),
    ("192.168.1.10", "", "请填写用户名"),
])
def test_missing_or_wrong_server_fields_are_refused_in_words(qtbot, messages, host, user, says):
    dialog = make(qtbot, "/tmp/greentasks.db", is_sqlite=True)
    dialog.use_server.setChecked(True)
    dialog.host.setText(host)
    dialog.user.setText(user)
    dialog._accept()
    assert dialog.result() == 0
    [(title, text)] = messages
    assert title == "设置" and says in text and "://" not in text.replace("postgresql://192.168.1.10", "")


def test_a_password_typed_here_goes_to_the_credential_store_for_that_url(qtbot, monkeypatch):
    from greentasks import credentials

    stored: dict[tuple[str, str], str] = {}

    class FakeKeyring:
        @staticmethod
        def set_password(service, account, password):
            stored[(service, account)] = password

        @staticmethod
        def get_password(service, account):
            return stored.get((service, account))

    monkeypatch.setattr(credentials, "_keyring", lambda: FakeKeyring)
    dialog = make(qtbot, README_URL, is_sqlite=False)
    dialog.password.setText("秘密")
    dialog._accept()
    assert dialog.result() == 1
    # the account `greentasks set-password <README URL>` would use, so the two agree
    assert stored == {("greentasks", "clerk@192.168.1.10:/greentasks"): "秘密"}
    from sqlalchemy.engine import make_url

    assert make_url(credentials.with_stored_password(README_URL)).password == "秘密"
    assert dialog.values().database == README_URL  # reconnect with the new password
    assert "秘密" not in (dialog.values().database or "")


def test_the_file_option_does_not_invite_a_shared_folder_and_no_hint_is_cut_off(qtbot):
    dialog = make(qtbot, "/home/科员/.local/share/greentasks/一个很长的文件夹名称/再一层/greentasks.db",
                  is_sqlite=True)
    dialog.show()
    qtbot.waitExposed(dialog)
    radios = [r.text() for r in dialog.findChildren(QRadioButton)]
    assert radios == ["本机上的数据库文件", "服务器数据库（几台电脑共用）"]
    texts = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert "本机或共享文件夹" not in texts
    assert "不要放在共享文件夹或网络盘上" in texts and "请使用下面的服务器数据库" in texts

    def clipped() -> list[str]:
        return [label.text()[:12] for label in dialog.findChildren(QLabel)
                if label.isVisible() and label.wordWrap() and label.height() < label.heightForWidth(label.width())]

    assert clipped() == []
    assert dialog.width() <= dialog.screen().availableGeometry().width()
    dialog.resize(dialog.minimumWidth(), 100)  # as small as it lets itself be made
    qtbot.wait(50)
    assert clipped() == []


def test_the_window_opens_the_server_the_clerk_entered(window, monkeypatch):
    from ui.dialogs import settings_dialog

    def exec_(dialog):
        dialog.use_server.setChecked(True)
        dialog.host.setText("192.168.1.10")
        dialog.user.setText("clerk")
        return 1

    chosen: list[str] = []
    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", exec_)
    monkeypatch.setattr(window, "switch_database", chosen.append)
    window.open_settings()
    assert chosen == [README_URL]
