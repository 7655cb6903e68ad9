"""One error shape for every answer of the API that is not a success, JSON API and HSDS alike.

``{"errors": [{"parameter": "<name or empty>", "message": "<German text>"}]}`` for 400, 404, 405 and 429,
whether the problem is found by our own validation, by django-ninja, by a lookup or by the rate limit.
"""

from django.http import Http404, JsonResponse
from django_ratelimit.exceptions import Ratelimited
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from core import security
from search.query import SearchQuery

from .schemas import ErrorOut

#: The error answers every operation documents (added to each operation's ``response``).
ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class BadRequest(Exception):
    def __init__(self, errors):
        self.errors = errors


class NotFound(Exception):
    def __init__(self, parameter, message):
        self.errors = [{"parameter": parameter, "message": message}]


def error_body(message, parameter=""):
    return {"errors": [{"parameter": parameter, "message": str(message)}]}


def install(api):
    """Register the handlers on a NinjaAPI, replacing ninja's ``{"detail": …}`` defaults."""

    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        return api.create_response(request, {"errors": exc.errors}, status=400)

    @api.exception_handler(NotFound)
    def not_found(request, exc):
        return api.create_response(request, {"errors": exc.errors}, status=404)

    @api.exception_handler(Http404)
    def http_404(request, exc):
        return api.create_response(request, error_body(str(exc) or "Nicht gefunden."), status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, error_body(exc.message), status=exc.status_code)

    @api.exception_handler(Ratelimited)
    def rate_limited(request, exc):
        # Raised inside the view: in DEBUG ninja would answer 500 before Django's RatelimitMiddleware sees it.
        return security.rate_limited(request, exc)

    @api.exception_handler(NinjaValidationError)
    def invalid_parameters(request, exc):
        """Report type errors together with every other problem of the request, not one at a time."""
        errors = []
        if request.resolver_match and request.resolver_match.url_name in SEARCH_OPERATIONS:
            errors = [{"parameter": p, "message": str(m)} for p, m in SearchQuery.from_params(request.GET).errors]
        named = {e["parameter"] for e in errors}
        for problem in exc.errors:
            parameter = str(problem.get("loc", ["", "?"])[-1])
            if parameter not in named:
                named.add(parameter)
                errors.append({"parameter": parameter, "message": problem.get("msg", "ungültig")})
        return api.create_response(request, {"errors": errors}, status=400)


#: Operations whose parameters follow the catalogue's search rules (``search.query.SearchQuery``).
SEARCH_OPERATIONS = {"list_offers"}


def api_not_found(request, rest=""):
    """Django view for any address under /api/v1/ that names no operation: the same 404 shape."""
    return JsonResponse(error_body("Diese Adresse gibt es in der Schnittstelle nicht."), status=404)
