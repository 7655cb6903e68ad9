"""Shapes of the public JSON API (they also make the OpenAPI document)."""

from datetime import datetime

from ninja import Field, Schema


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class OfferSummaryOut(Schema):
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


class OfferListOut(Schema):
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


class OfferDetailOut(Schema):
    id: int
    external_id: str
    kind: str
    title: str
    summary: str
    description: str
    url: str
    format: str
    cities: list[TermOut]
    target_groups: list[TermOut]
    languages: list[TermOut]
    tags: list[str]
    provider: str
    cost: str
    is_free: bool
    age_min: int | None
    age_max: int | None
    barrier_free: bool | None
    contact_name: str
    email: str
    phone: str
    website: str
    street: str
    postcode: str
    town: str
    registration_url: str
    dates: list[DateOut]
    last_published_at: datetime | None


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
