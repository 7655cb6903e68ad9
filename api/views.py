"""The public, read-only JSON API: the contract widgets, partners and tests rely on.

Parameters are validated by ``search.query.SearchQuery`` (the same rules as the HTML catalogue);
every problem comes back in one 400 response. The filter parameters are the search registry's facets
(``OfferFilters``), so the OpenAPI document lists each registered facet. Responses are public and briefly
cacheable.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Path, Query, Schema, Status
from pydantic import Field, create_model

from catalogue.models import OfferPage
from catalogue.public_fields import PUBLIC_FIELDS, Kind, organisation_name, public_values, with_related
from core.cache import generation as page_cache_generation
from core.public_address import public_url
from core.security import limit_searches
from search.facets import OFFERS, facets
from search.query import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SearchQuery
from search.service import search_service
from widgets import tracking as widget_tracking

from . import errors
from .errors import ERRORS, BadRequest, NotFound
from .hsds import router as hsds_router
from .schemas import NOT_IN_API, HealthOut, OfferDetailOut, OfferListOut, SuggestOut

# Page ids are 32-bit integers on PostgreSQL; larger numbers overflow SQLite's driver instead of finding nothing.
MAX_PAGE_ID = 2**31 - 1

CACHE_SECONDS = 60

api = NinjaAPI(
    title="Präventionskatalog Kreis Mettmann",
    version="1.0",
    description="Offene Schnittstelle des Katalogs der Präventionsangebote gegen Rechtsextremismus und Rassismus.",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
)


api.add_router("/hsds/", hsds_router)


errors.install(api)


def filter_schema():
    """The offer filters as query parameters, one per facet registered for the catalogue (lists repeat)."""
    fields = {
        f.name: (str if f.switch else list[str], Field(None, description=f.help or str(f.label)))
        for f in facets(OFFERS)
    }
    return create_model("OfferFilters", __base__=Schema, **fields)


OfferFilters = filter_schema()


def cacheable(response):
    """Mark ninja's temporal response (its headers are copied onto the answer) as briefly cacheable."""
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)


@api.get("/offers/", response={200: OfferListOut, **ERRORS}, summary="Angebote suchen und filtern")
def list_offers(
    request,
    response: HttpResponse,
    filters: Query[OfferFilters],
    q: str = Query("", max_length=MAX_QUERY_LENGTH, description="Suchtext"),
    correct: str = Query(None, description="false: den Text wie eingegeben suchen, nie eine Rechtschreibkorrektur"),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Seite, ab 1; hinter dem letzten Treffer: 400"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description=f"Treffer pro Seite, höchstens {MAX_PAGE_SIZE}"),
):
    limit_searches(request)
    query = _validated(request.GET)
    widget_tracking.record(request)
    service = search_service()
    # Widgets repeat the same preset queries on every partner page view: answers are cached until the
    # index changes (its version is part of the key) and never while degraded.
    seconds = settings.API_RESULT_CACHE_SECONDS
    key = _result_key(request, service) if seconds else None
    cached = cache.get(key) if key else None
    if cached is None:
        result = service.search(query)
        body = _list_body(request, query, result)
        if key and not body["degraded"]:
            cache.set(key, (body, result.typed_total), seconds)
    else:
        body, typed_total = cached
        service.record_unmet_demand(query, typed_total, body["searched_for"] if body["corrected_from"] else "")
    if query.page > 1 and query.offset >= body["count"]:
        raise BadRequest([{"parameter": "page", "message": f"Seite {query.page} liegt hinter dem letzten Treffer."}])
    cacheable(response)
    return body


def _result_key(request, service):
    """The answer depends on the index, the published pages, the address and the language of the labels."""
    state = f"{service.version()}|{page_cache_generation()}|{translation.get_language()}|{request.build_absolute_uri()}"
    return "api-offers:" + hashlib.sha256(state.encode()).hexdigest()


def _list_body(request, query, result):
    return {
        "count": result.total,
        "page": query.page,
        "page_size": query.page_size,
        "engine": result.engine,
        "degraded": result.degraded,
        "partial": result.partial,
        "suggestion": result.suggestion,
        "searched_for": result.searched_for,
        "corrected_from": result.corrected_from,
        "results": [
            {
                **{
                    k: hit.data[k]
                    for k in (
                        "id",
                        "external_id",
                        "kind",
                        "title",
                        "summary",
                        "cities",
                        "target_groups",
                        "languages",
                        "tags",
                    )
                },
                "url": public_url(request, hit.data["url"]),
                "highlight": {k: v for k, v in hit.highlight.items() if v},
            }
            for hit in result.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": str(f.label), "count": f.count} for f in values]
            for name, values in result.facets.items()
        },
    }


@api.get(
    "/offers/{offer_id}/",
    response={200: OfferDetailOut, **ERRORS},
    summary="Ein Angebot",
    description="400, wenn `offer_id` keine ganze Zahl von 1 bis 2147483647 ist; 404, wenn kein veröffentlichtes "
    "Angebot sie trägt.",
)
def offer_detail(request, response: HttpResponse, offer_id: int = Path(..., ge=1, le=MAX_PAGE_ID)):
    offer = with_related(OfferPage.objects.live().public().filter(pk=offer_id)).first()
    if offer is None:
        raise NotFound("offer_id", f"Kein veröffentlichtes Angebot mit der Nummer {offer_id}.")
    cacheable(response)
    return offer_as_dict(offer, request)


@api.get("/suggest/", response={200: SuggestOut, **ERRORS}, summary="Vorschläge zur Autovervollständigung")
def suggest(
    request,
    response: HttpResponse,
    q: str = Query("", max_length=MAX_QUERY_LENGTH, description="Angefangener Suchtext"),
):
    limit_searches(request)
    service = search_service()
    suggestions = [{"title": d["title"], "url": public_url(request, d["url"])} for d in service.suggest(q)]
    cacheable(response)
    return {"query": q, "suggestions": suggestions, "terms": service.complete_terms(q)}


@api.get("/health/", response={200: HealthOut, 503: HealthOut}, summary="Betriebszustand")
def health(request, response: HttpResponse):
    """For load balancers and monitoring; reads only. 503 when the database or the search engine is down;
    the jobs' ages are reported for monitoring, not turned into a status (web serves without them). Missed
    index changes are replayed (an emptied index refilled) by the scheduled job sync_search_index."""
    from django.db import connection

    from operations.runner import job_status
    from search.models import PendingChange

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    service = search_service()
    healthy = service.primary.healthy()
    body = {
        "database": True,
        "engine": service.primary.name,
        "engine_healthy": healthy,
        "pending": PendingChange.objects.count(),
        "jobs": job_status(),
    }
    response["Cache-Control"] = "no-store"
    return Status(200 if healthy else 503, body)


def _validated(params: QueryDict):
    query = SearchQuery.from_params(params)
    if query.errors:
        raise BadRequest([{"parameter": p, "message": str(m)} for p, m in query.errors])
    return query


def offer_as_dict(offer, request):
    return detail_body(public_values(offer, request), request)


def detail_body(values, request):
    """An offer's public values as the API writes them (``schemas.OfferDetailOut`` keeps the order)."""
    return {f.name: _written(f.kind, values[f.name], request) for f in PUBLIC_FIELDS if f.name not in NOT_IN_API}


def _written(kind, value, request):
    if kind == Kind.PAGE:
        return public_url(request, value)
    if kind == Kind.CHOICE:
        return value.slug
    if kind == Kind.TERMS:
        return [{"slug": t.slug, "name": t.name} for t in value]
    if kind == Kind.ORGANISATION:
        return organisation_name(value)
    if kind == Kind.DATES:
        return [{"start": d.start, "end": d.end} for d in value]
    return value
