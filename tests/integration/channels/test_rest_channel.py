"""The REST channel replacement: Rasa's REST behaviour without leaking text or other senders."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.channels.rest import PrivateRestInput
from tests.integration.channels.channel_server import (
    DANGER_QUESTION,
    RunningChannels,
    serve_channels,
)


@pytest.fixture
async def rest() -> AsyncIterator[RunningChannels]:
    async with serve_channels([PrivateRestInput()]) as running:
        yield running


async def test_answers_like_rasas_rest_channel(rest, http) -> None:
    answer = await http.post(rest.endpoint("rest"), json={"sender": "u1", "message": "hello"})
    assert answer.status_code == 200
    assert answer.json() == [
        {
            "recipient_id": "u1",
            "text": DANGER_QUESTION,
            "buttons": [
                {"title": "Yes", "payload": "/affirm"},
                {"title": "No", "payload": "/deny"},
            ],
        }
    ]
    assert rest.agent.received[-1].input_channel == "rest"
    assert rest.agent.received[-1].sender_id == "u1"
    assert (await http.get(rest.endpoint("rest", ""))).json() == {"status": "ok"}


async def test_the_body_cannot_claim_another_channel(rest, http) -> None:
    body = {"sender": "u1", "message": "hi", "input_channel": "sms"}
    await http.post(rest.endpoint("rest"), json=body)
    assert rest.agent.received[-1].input_channel == "rest"


@pytest.mark.parametrize("sender", ["sms:+447700900123", "telegram:1", "webchat:" + "a" * 32])
async def test_other_channels_senders_are_refused(rest, http, sender: str) -> None:
    answer = await http.post(rest.endpoint("rest"), json={"sender": sender, "message": "hi"})
    assert answer.status_code == 400
    assert rest.agent.received == []


@pytest.mark.parametrize(
    "body",
    [
        {"message": "hi"},
        {"sender": "", "message": "hi"},
        {"sender": "u1"},
        {"sender": "u1", "message": "hi", "metadata": 3},
    ],
)
async def test_bad_bodies_are_a_400(rest, http, body) -> None:
    answer = await http.post(rest.endpoint("rest"), json=body)
    assert answer.status_code == 400


async def test_failure_logs_no_text(rest, http, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    answer = await http.post(rest.endpoint("rest"), json={"sender": "u1", "message": "boom"})
    assert answer.status_code == 200
    assert answer.json() == []
    assert "rest.message.failed: RuntimeError" in caplog.text
    assert "boom" not in caplog.text


async def test_a_json_body_sent_as_a_form_post_is_accepted_as_curl_d_sends_it(rest, http) -> None:
    answer = await http.post(
        rest.endpoint("rest"),
        content=b'{"sender":"u1","message":"hi"}',
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200
    assert len(rest.agent.received) == 1


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"sender": "u1", "message": '])
async def test_a_body_that_is_not_a_json_object_gets_a_clear_400(rest, http, body) -> None:
    answer = await http.post(rest.endpoint("rest"), content=body)
    assert answer.status_code == 400
    assert "JSON object" in answer.json()["error"]
