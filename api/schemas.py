"""Shapes of the public JSON API (they also make the OpenAPI document)."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import BaseModel, create_model

from catalogue.public_fields import PUBLIC_FIELDS, Kind


# The search answers are built as plain dicts (api/views.py): plain pydantic models validate them without
# ninja's Schema, whose attribute-access wrapper for model instances cost a fifth of a search request.
class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int


class OfferSummaryOut(BaseModel):
    id: int
    external_id: str
    kind: str
    title: str
    summary: str
    url: str
    cities: list[str]
    target_groups: list[str]
    languages: list[str]
    tags: list[str]
    highlight: dict[str, str]


class OfferListOut(BaseModel):
    count: int
    page: int
    page_size: int
    engine: str
    degraded: bool
    partial: bool
    suggestion: str = Field(description="Meinten Sie …? Eine Korrektur, die nicht deutlich mehr findet")
    searched_for: str = Field(description="Der tatsächlich gesuchte Text (die Korrektur, wenn eine angewandt wurde)")
    corrected_from: str = Field(description="Der eingegebene Text, wenn die Treffer für seine Korrektur sind")
    results: list[OfferSummaryOut]
    facets: dict[str, list[FacetValueOut]]


class DateOut(Schema):
    start: datetime
    end: datetime | None


class TermOut(Schema):
    slug: str
    name: str


# How the API writes each kind of public field (``catalogue.public_fields``).
API_TYPES = {
    Kind.ID: int,
    Kind.CHOICE: str,
    Kind.TERMS: list[TermOut],
    Kind.TAGS: list[str],
    Kind.ORGANISATION: str,
    Kind.NUMBER: int,
    Kind.YES_NO: bool,
    Kind.DATES: list[DateOut],
    Kind.MOMENT: datetime,
}
NOT_IN_API = {"first_published_at": "the detail has carried last_published_at only; the feeds carry both"}


def offer_detail_schema():
    """The detail of an offer: every public field but those in ``NOT_IN_API``, typed by its kind and described
    by its label in the OpenAPI document."""
    fields = {}
    for f in PUBLIC_FIELDS:
        if f.name not in NOT_IN_API:
            kind = API_TYPES.get(f.kind, str)
            fields[f.name] = (kind | None if f.nullable else kind, Field(..., description=str(f.label)))
    return create_model("OfferDetailOut", __base__=Schema, **fields)


OfferDetailOut = offer_detail_schema()


class SuggestionOut(Schema):
    title: str
    url: str


class SuggestOut(Schema):
    query: str
    suggestions: list[SuggestionOut]
    terms: list[str] = Field(description="Vervollständigte Suchtexte aus den Wörtern der Angebote")


class ProblemOut(Schema):
    parameter: str
    message: str


class ErrorOut(Schema):
    errors: list[ProblemOut]


class JobOut(Schema):
    name: str
    schedule: str = Field(description="crontab expression in Europe/Berlin time")
    last_success: datetime | None
    seconds_since_success: int | None
    overdue: bool = Field(description="no success for two of its periods (or never)")
    last_outcome: str = Field(description="ok, failed, running, or empty if it never ran")
    failures_in_a_row: int


class HealthOut(Schema):
    database: bool
    engine: str
    engine_healthy: bool
    pending: int = Field(description="index changes waiting for the search replay (sync_search_index)")
    jobs: list[JobOut]
