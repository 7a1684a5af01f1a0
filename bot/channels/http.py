"""Small HTTP helpers shared by the input channels' blueprints."""

from __future__ import annotations

import hmac
import json
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

# Replies and errors may carry the resident's report: never cache them anywhere.
NO_STORE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def json_response(body: Any, status: int = 200) -> HTTPResponse:
    """A JSON response that is never cached."""
    return response.json(body, status=status, headers=dict(NO_STORE_HEADERS))


def json_error(status: int, message: str) -> HTTPResponse:
    """A JSON error `{"error": message}` with a message fit to show the resident."""
    return json_response({"error": message}, status=status)


def read_json_object(
    request: Request, max_bytes: int, *, require_json_type: bool = True
) -> tuple[dict[str, Any] | None, str | None]:
    """The request body as a JSON object, or an error naming what is wrong with it.

    Browser-facing endpoints require the JSON content type; server-to-server ones (the REST
    channel, called with `curl -d`) accept any content type whose body is a JSON object.
    """
    body = request.body or b""
    if len(body) > max_bytes:
        return None, "too_large"
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if require_json_type and content_type != "application/json":
        # Requiring JSON makes cross-site form posts need a CORS preflight, which fails.
        return None, "not_json"
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None, "malformed"
    if not isinstance(data, dict):
        return None, "malformed"
    return data, None


def secrets_match(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; nothing matches a missing secret."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
