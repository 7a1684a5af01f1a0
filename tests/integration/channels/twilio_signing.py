"""Send SMS webhooks the way Twilio does: form-encoded and signed with the real algorithm."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree

import httpx
from twilio.request_validator import RequestValidator

RESIDENT_NUMBER = "+447700900123"
OUR_NUMBER = "+447700900999"


def sms_form(body: str | None, number: str = RESIDENT_NUMBER, **extra: str) -> dict[str, str]:
    """The fields Twilio posts for an incoming SMS (a fresh MessageSid each time)."""
    form = {
        # Unique across runs too: a long-lived server remembers the ids it has handled.
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": "AC" + "0" * 32,
        "From": number,
        "To": OUR_NUMBER,
        "NumMedia": "0",
        **extra,
    }
    if body is not None:
        form["Body"] = body
    return form


def signature(token: str, url: str, form: dict[str, str]) -> str:
    return RequestValidator(token).compute_signature(url, form)


async def post_sms(
    http: httpx.AsyncClient,
    url: str,
    form: dict[str, str],
    token: str | None,
    signed_url: str | None = None,
) -> httpx.Response:
    """POST `form` to `url`, signed for `signed_url` (default: `url`) unless token is None."""
    headers = {}
    if token is not None:
        headers["X-Twilio-Signature"] = signature(token, signed_url or url, form)
    return await http.post(url, data=form, headers=headers)


def twiml_messages(response: httpx.Response) -> list[str]:
    """The texts of the <Message> elements in a TwiML response."""
    root = ElementTree.fromstring(response.text)
    assert root.tag == "Response"
    return [element.text or "" for element in root.iter("Message")]
