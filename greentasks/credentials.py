"""A database server's password lives in the OS credential store (Windows Credential Manager,
macOS Keychain, Secret Service) through the ``keyring`` library, never in a settings file or
on the command line. A URL without a password is completed from there when opened."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from .errors import DatabaseError

SERVICE = "greentasks"


def account(url: URL) -> str:
    return f"{url.username}@{url.host}:{url.port or ''}/{url.database}"


def _keyring():
    try:
        import keyring
    except ImportError as exc:
        raise DatabaseError("未安装 keyring，无法使用系统凭据保存数据库密码。请安装：pip install keyring") from exc
    return keyring


def with_stored_password(url_text: str) -> str:
    """Fill in a server URL's password from the credential store; other URLs pass unchanged."""
    url = make_url(url_text)
    if url.get_backend_name() == "sqlite" or url.password or not url.username:
        return url_text
    try:
        password = _keyring().get_password(SERVICE, account(url))
    except DatabaseError:
        return url_text
    except Exception:  # noqa: BLE001 - no usable credential store here: connect without a password
        return url_text
    if password is None:
        return url_text
    return url.set(password=password).render_as_string(hide_password=False)


def store_password(url_text: str, password: str) -> str:
    url = make_url(url_text)
    if url.get_backend_name() == "sqlite":
        raise DatabaseError("SQLite 数据库文件没有密码，无需保存。")
    if not url.username:
        raise DatabaseError("数据库地址中没有用户名，例如 postgresql+psycopg://用户名@服务器/数据库。")
    try:
        _keyring().set_password(SERVICE, account(url), password)
    except DatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 - keyring backends raise their own types
        raise DatabaseError(f"无法把密码保存到系统凭据管理器：{exc}") from exc
    return account(url)


def strip_password(url_text: str) -> str:
    """What may be shown or remembered in settings: the URL without its password."""
    url = make_url(url_text)
    if not url.password:
        return url_text
    bare = URL.create(url.drivername, username=url.username, host=url.host, port=url.port, database=url.database,
                      query=url.query)
    return bare.render_as_string(hide_password=False)
