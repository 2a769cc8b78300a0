"""Opening a database: URL handling, SQLite pragmas, Alembic migrations, sessions, online copies.

A plain path means an SQLite file; anything with ``://`` is an SQLAlchemy URL (PostgreSQL for an
office that shares one database). The schema is made and upgraded only by the Alembic revisions
in ``greentasks/migrations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseError
from .paths import default_db_path
from .resources import migrations_dir

SQLITE_BUSY_TIMEOUT_MS = 15_000

# Schema states as seen by open_database.
SCHEMA_EMPTY = "empty"
SCHEMA_OLD = "old"
SCHEMA_CURRENT = "current"
SCHEMA_NEWER = "newer"


def resolve_url(target: str | Path | None) -> str:
    if target is None or str(target).strip() == "":
        return f"sqlite:///{default_db_path()}"
    text = str(target).strip()
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    if not path.parent.is_dir():
        raise DatabaseError(f"无法打开数据库：文件夹“{path.parent}”不存在。请检查 --db 后面的路径。")
    if path.is_dir():
        raise DatabaseError(f"无法打开数据库：“{path}”是一个文件夹，请给出数据库文件的路径（如 greentasks.db）。")
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets clerks read while another writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # 32 MB of pages kept per connection (SQLite's default is 2 MB): a district office's lists
    # read the same assignments and latest returns again at every refresh.
    cursor.execute("PRAGMA cache_size = -32000")
    cursor.close()


WRITE_OPTION = "greentasks_write"


def _sqlite_begin(conn) -> None:
    # A writer says BEGIN IMMEDIATE: it takes the write lock at the start of its transaction, so
    # two clerks' writes queue on the busy timeout instead of one failing halfway (in WAL mode a
    # deferred reader that later writes gets SQLITE_BUSY at once, without waiting). Readers say
    # BEGIN: they never hold the write lock, so a long report never blocks a colleague's save.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise DatabaseError(
            f"无法打开数据库：“{_without_password(url)}”不是可用的数据库地址。请填写数据库文件的路径（如 "
            "D:\\督查\\greentasks.db），或 PostgreSQL 服务器的地址（如 "
            "postgresql://用户名@服务器:5432/数据库名）。") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_transactions(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    from .models.assignment import use_postgresql

    use_postgresql()
    return create_engine(url, pool_pre_ping=True)


def _without_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an address too broken to parse is shown as given
        return url


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


class Database:
    """One database in use: its engine, a session factory, and the schema checks."""

    def __init__(self, target: str | Path | None = None):
        self.url = resolve_url(target)
        if "://" in self.url and not self.url.startswith("sqlite"):
            from .credentials import with_stored_password

            self.url = with_stored_password(self.url)
        self.engine = make_engine(self.url)
        # Two session factories over one pool: one for units of work that write (on SQLite they
        # take the write lock first), used through writing(); one for reading(), which never does.
        self._writers = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        self._readers = sessionmaker(self.engine, expire_on_commit=False)

    # -- where -----------------------------------------------------------------------------
    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    def describe(self) -> str:
        """For the status bar and messages: the file, or the server without its password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)

    # -- schema ----------------------------------------------------------------------------
    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except OperationalError as exc:
            raise DatabaseError(f"无法打开数据库“{self.describe()}”：{_reason(exc)}") from exc

    def schema_state(self) -> str:
        try:
            revision = self.current_revision()
            if revision is None:
                with self.engine.connect() as conn:
                    tables = inspect(conn).get_table_names()
                if tables:
                    raise DatabaseError(
                        f"“{self.describe()}”不是本程序的数据库（其中已有其他数据表）。"
                        "请选择本程序的数据库文件，或换一个新文件名。"
                    )
                return SCHEMA_EMPTY
        except SQLAlchemyError as exc:
            raise DatabaseError(f"无法打开数据库“{self.describe()}”：{_reason(exc)}") from exc
        if revision == head_revision():
            return SCHEMA_CURRENT
        if revision in known_revisions():
            return SCHEMA_OLD
        return SCHEMA_NEWER

    def migrate(self, state: str | None = None) -> str:
        """Bring the schema to the newest revision; returns the state it was found in
        (``state``, when the caller has just read :meth:`schema_state`, saves reading it again).

        A database written by a newer release is refused and never touched. No backup is made
        here: ``services.schema.upgrade`` is the use case that backs an old database up first.
        """
        state = state or self.schema_state()
        if state == SCHEMA_NEWER:
            raise DatabaseError(
                f"数据库“{self.describe()}”由更新版本的 greentasks 创建，本版本无法使用，也不会改动它。"
                "请安装最新版本的程序后再打开。"
            )
        if state in (SCHEMA_EMPTY, SCHEMA_OLD):
            from alembic import command

            try:
                with self.engine.begin() as conn:
                    command.upgrade(_alembic_config(conn), "head")
            except SQLAlchemyError as exc:
                raise DatabaseError(f"无法创建或升级数据库“{self.describe()}”：{_reason(exc)}") from exc
        return state

    # -- sessions --------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back entirely on any exception.

        A writer that still finds the database locked after SQLite's busy timeout gets a
        DatabaseError saying 数据库正忙, never a half-written change."""
        try:
            with self._writers() as session, session.begin():
                yield session
        except OperationalError as exc:
            if is_busy(exc):
                raise DatabaseError(BUSY_MESSAGE) from exc
            raise

    def reading(self) -> Session:
        """A session for reading (it never takes the write lock); use it as a context manager."""
        return self._readers()

    def dispose(self) -> None:
        self.engine.dispose()


BUSY_MESSAGE = "数据库正忙（另一位同事正在写入），已等待并重试仍未成功，这次操作没有写入任何内容。请稍后再试。"


def is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc)
    lowered = text.lower()
    if is_busy(exc):
        return BUSY_MESSAGE
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return "这不是一个数据库文件。"
    if "unable to open" in lowered:
        return "文件无法打开（请检查路径和权限）。"
    return text.splitlines()[0] if text else exc.__class__.__name__


def sqlite_online_backup(source: Path, target: Path) -> None:
    """Copy a live SQLite database with SQLite's online backup API (consistent even mid-write)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
