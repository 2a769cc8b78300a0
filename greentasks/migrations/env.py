"""Alembic environment, run programmatically by greentasks.db.Database.migrate().

The connection comes in through ``config.attributes["connection"]``; for developers generating a
new revision, ``alembic -x db=PATH revision --autogenerate`` also works from tools/alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from greentasks.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds to alter
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    if "://" not in url:
        url = f"sqlite:///{url}"
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
