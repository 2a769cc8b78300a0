"""A database server as a clerk names it (服务器地址 / 端口 / 数据库名 / 用户名) and as the
command line takes it (an SQLAlchemy URL, postgresql+psycopg://用户名@服务器/数据库名): the one
place each is made from the other, for the 设置 dialog and anything else that asks."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_DATABASE", "DEFAULT_DRIVER", "DEFAULT_PORT", "ServerFields", "server_url", "split_server_url"]

DEFAULT_DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "greentasks"


@dataclass(frozen=True)
class ServerFields:
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = DEFAULT_DATABASE
    user: str = ""
    driver: str = DEFAULT_DRIVER

    def same_server(self, other: ServerFields) -> bool:
        return (self.host, self.port, self.database, self.user) == (other.host, other.port, other.database,
                                                                    other.user)


def split_server_url(url: str) -> ServerFields | None:
    """The fields of a server URL (its password, if any, is dropped); None for anything else."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() == "sqlite":
        return None
    return ServerFields(parsed.host or "", parsed.port or DEFAULT_PORT, parsed.database or "",
                        parsed.username or "", parsed.drivername)


def server_url(fields: ServerFields) -> str:
    """postgresql+psycopg://用户名@服务器[:端口]/数据库名, the port left out when it is the usual
    one, so that the URL (and the password stored for it) is the one the README's commands use."""
    from sqlalchemy.engine import URL

    url = URL.create(fields.driver or DEFAULT_DRIVER, username=fields.user or None, host=fields.host,
                     port=None if fields.port == DEFAULT_PORT else fields.port, database=fields.database)
    return url.render_as_string(hide_password=False)
