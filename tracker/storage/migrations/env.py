"""Alembic environment: runs migrations on the engine the tracker passes in."""

from alembic import context
from sqlmodel import SQLModel

import tracker.storage.models  # noqa: F401  (registers the tables)
from tracker.storage.db import make_engine

config = context.config
target_metadata = SQLModel.metadata

engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
