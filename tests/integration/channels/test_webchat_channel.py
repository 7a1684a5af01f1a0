"""The web chat channel's real blueprint: the page, its files and the message endpoint."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from tests.integration.channels.channel_server import DANGER_QUESTION, RunningChannels

SENDER_A = "a" * 32
SENDER_B = "b" * 32


async def post(http: httpx.AsyncClient, running: RunningChannels, **body) -> httpx.Response:
    return await http.post(running.endpoint("webchat"), json=body)


async def test_page_is_served_with_security_headers(channels, http) -> None:
    page = await http.get(channels.endpoint("webchat", ""))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "Leave this site quickly" in page.text
    # No inline script or style, no third-party host: the page works offline.
    assert "<script>" not in page.text and "style=" not in page.text
    assert "http://" not in page.text and "https://" not in page.text


async def test_page_without_trailing_slash_redirects(channels, http) -> None:
    page = await http.get(f"{channels.url}/webhooks/webchat")
    assert page.status_code == 302
    assert page.headers["location"] == "/webhooks/webchat/"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("chat.js", "text/javascript"), ("chat.css", "text/css")],
)
async def test_static_files_are_served(channels, http, name: str, content_type: str) -> None:
    answer = await http.get(channels.endpoint("webchat", f"static/{name}"))
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(content_type)
    assert answer.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", ["index.html", "..%2Fwebchat.py", "other.js", "%2e%2e"])
async def test_only_listed_static_files_are_served(channels, http, name: str) -> None:
    answer = await http.get(channels.endpoint("webchat", f"static/{name}"))
    assert answer.status_code == 404


def test_the_script_never_renders_text_as_html() -> None:
    from bot.channels.webchat import STATIC_DIR

    script = (STATIC_DIR / "chat.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "textContent" in script
    assert "https://" not in (STATIC_DIR / "index.html").read_text()


async def test_message_gets_replies_with_buttons(channels, http) -> None:
    answer = await post(http, channels, sender=SENDER_A, message="hello")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json() == [
        {
            "text": DANGER_QUESTION,
            "buttons": [
                {"title": "Yes", "payload": "/affirm"},
                {"title": "No", "payload": "/deny"},
            ],
        }
    ]
    received = channels.agent.received[-1]
    assert received.input_channel == "webchat"
    assert received.sender_id == f"webchat:{SENDER_A}"
    assert received.output_channel.name() == "webchat"


async def test_replies_are_plain_text(channels, http) -> None:
    answer = await post(http, channels, sender=SENDER_A, message="markup")
    assert answer.json() == [{"text": "Thanks. See our policy (https://ex.org/p)."}]


async def test_same_sender_continues_and_senders_are_kept_apart(channels, http) -> None:
    await post(http, channels, sender=SENDER_A, message="my secret A")
    await post(http, channels, sender=SENDER_B, message="mine is B")
    answer_a = await post(http, channels, sender=SENDER_A, message="again")
    answer_b = await post(http, channels, sender=SENDER_B, message="again")
    assert answer_a.json()[0]["text"] == "So far you said: my secret A | again"
    assert answer_b.json()[0]["text"] == "So far you said: mine is B | again"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"sender": SENDER_A, "message": ""}, 400),
        ({"sender": SENDER_A, "message": "   "}, 400),
        ({"sender": SENDER_A}, 400),
        ({"sender": SENDER_A, "message": 5}, 400),
        ({"sender": "short", "message": "hi"}, 400),
        ({"sender": "sms:+447700900123", "message": "hi"}, 400),
        ({"sender": "x" * 65, "message": "hi"}, 400),
        ({"message": "hi"}, 400),
        ({"sender": SENDER_A, "message": "x" * 4001}, 413),
    ],
)
async def test_invalid_messages_are_refused_politely(channels, http, body, status) -> None:
    answer = await http.post(channels.endpoint("webchat"), json=body)
    assert answer.status_code == status
    assert isinstance(answer.json()["error"], str)
    assert channels.agent.received == []


async def test_longest_allowed_message_is_accepted(channels, http) -> None:
    answer = await post(http, channels, sender=SENDER_A, message="x" * 4000)
    assert answer.status_code == 200


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
async def test_malformed_json_is_a_400(channels, http, body: bytes) -> None:
    answer = await http.post(
        channels.endpoint("webchat"), content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]


async def test_non_json_posts_are_refused(channels, http) -> None:
    answer = await http.post(
        channels.endpoint("webchat"),
        content=json.dumps({"sender": SENDER_A, "message": "hi"}),
        headers={"Content-Type": "text/plain"},
    )
    assert answer.status_code == 415
    assert channels.agent.received == []


async def test_huge_bodies_are_refused(channels, http) -> None:
    answer = await post(http, channels, sender=SENDER_A, message="x" * 40_000)
    assert answer.status_code == 413


async def test_failure_is_a_500_and_logs_no_text(channels, http, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    answer = await post(http, channels, sender=SENDER_A, message="boom")
    assert answer.status_code == 500
    assert answer.json()["error"].startswith("Sorry")
    assert "boom" not in caplog.text
    assert SENDER_A not in caplog.text
