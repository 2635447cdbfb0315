"""Leases of periodic jobs: with several instances of the application, each job runs in one of them at a time."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.types import timestamp_column


class JobLease(SQLModel, table=True):
    """The instance `holder` runs job `name` until `expires_at`; it renews the lease at every run.

    Another instance takes the job over only once the lease has expired (its holder stopped or died).
    """

    __tablename__ = 'job_lease'

    name: str = Field(primary_key=True, max_length=80)
    holder: str = Field(max_length=200)
    expires_at: datetime = Field(sa_column=timestamp_column())
    last_run_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
