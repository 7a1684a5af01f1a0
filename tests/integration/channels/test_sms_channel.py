"""The SMS channel's real blueprint, fed requests signed by Twilio's real RequestValidator."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.channels.rendering import SMS_PART_LIMIT
from bot.channels.sms import FIRST_MESSAGE_NOTE, GOODBYE, TEXT_ONLY, SmsSender, TwilioSmsInput
from tests.integration.channels.channel_server import (
    DANGER_QUESTION,
    RunningChannels,
    conversation_script,
    serve_channels,
)
from tests.integration.channels.conftest import TWILIO_TOKEN
from tests.integration.channels.twilio_signing import (
    OUR_NUMBER,
    RESIDENT_NUMBER,
    post_sms,
    sms_form,
    twiml_messages,
)

OTHER_NUMBER = "+447700900456"


async def send(
    http: httpx.AsyncClient, running: RunningChannels, body: str | None, **form: str
) -> httpx.Response:
    url = running.endpoint("sms")
    return await post_sms(http, url, sms_form(body, **form), TWILIO_TOKEN)


async def texts(http, running, body: str, **form: str) -> list[str]:
    answer = await send(http, running, body, **form)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/xml")
    return twiml_messages(answer)


async def test_signed_sms_is_answered_with_twiml(channels, http) -> None:
    messages = await texts(http, channels, "hello")
    assert messages == [
        f"{FIRST_MESSAGE_NOTE}\n\n{DANGER_QUESTION}\n\nReply 1 for Yes or 2 for No."
    ]
    received = channels.agent.received[-1]
    assert received.input_channel == "sms"
    assert received.sender_id == f"sms:{RESIDENT_NUMBER}"
    assert received.output_channel.name() == "sms"
    assert received.text == "hello"


async def test_the_delete_note_comes_only_first(channels, http) -> None:
    first = await texts(http, channels, "one")
    second = await texts(http, channels, "two")
    assert first[0].startswith(FIRST_MESSAGE_NOTE)
    assert FIRST_MESSAGE_NOTE not in second[0]


async def test_forged_signature_is_refused(channels, http) -> None:
    url = channels.endpoint("sms")
    answer = await post_sms(http, url, sms_form("hello"), token="not-the-real-token")
    assert answer.status_code == 403
    assert channels.agent.received == []


async def test_signature_replayed_to_another_url_is_refused(channels, http) -> None:
    url = channels.endpoint("sms")
    other_url = channels.endpoint("webchat")
    answer = await post_sms(http, url, sms_form("hello"), TWILIO_TOKEN, signed_url=other_url)
    assert answer.status_code == 403
    elsewhere = "https://attacker.example/webhooks/sms/webhook"
    answer = await post_sms(http, url, sms_form("hello"), TWILIO_TOKEN, signed_url=elsewhere)
    assert answer.status_code == 403
    assert channels.agent.received == []


async def test_missing_signature_is_refused(channels, http) -> None:
    answer = await post_sms(http, channels.endpoint("sms"), sms_form("hello"), token=None)
    assert answer.status_code == 403
    assert channels.agent.received == []


async def test_body_changed_after_signing_is_refused(channels, http) -> None:
    url = channels.endpoint("sms")
    form = sms_form("hello")
    signed = await post_sms(http, url, form, TWILIO_TOKEN)
    assert signed.status_code == 200
    from tests.integration.channels.twilio_signing import signature

    header = signature(TWILIO_TOKEN, url, form)
    tampered = {**form, "Body": "something else", "MessageSid": "SM" + "9" * 32}
    answer = await http.post(url, data=tampered, headers={"X-Twilio-Signature": header})
    assert answer.status_code == 403
    assert len(channels.agent.received) == 1


async def test_without_an_auth_token_every_sms_is_refused(http) -> None:
    async with serve_channels([TwilioSmsInput(auth_token=None)]) as running:
        url = running.endpoint("sms")
        for token in ("", "anything"):
            answer = await post_sms(http, url, sms_form("hello"), token=token)
            assert answer.status_code == 403
        answer = await post_sms(http, url, sms_form("hello"), token=None)
        assert answer.status_code == 403
        assert running.agent.received == []


@pytest.mark.parametrize(
    "form",
    [
        {"Body": None},
        {"Body": ""},
        {"Body": "   "},
        {"Body": "hi", "From": ""},
    ],
)
async def test_missing_or_empty_fields_are_a_400(channels, http, form) -> None:
    body = form.pop("Body")
    answer = await send(http, channels, body, **form)
    assert answer.status_code == 400
    assert channels.agent.received == []


async def test_missing_from_is_a_400(channels, http) -> None:
    form = sms_form("hi")
    del form["From"]
    answer = await post_sms(http, channels.endpoint("sms"), form, TWILIO_TOKEN)
    assert answer.status_code == 400


async def test_picture_without_text_gets_a_polite_reply(channels, http) -> None:
    messages = await texts(http, channels, "", NumMedia="1")
    assert messages == [TEXT_ONLY]
    assert channels.agent.received == []


async def test_a_number_selects_the_offered_button(channels, http) -> None:
    await texts(http, channels, "hello")
    await texts(http, channels, "1")
    assert channels.agent.received[-1].text == "/affirm"
    # The last reply offered no buttons, so a number is just text now.
    await texts(http, channels, "2")
    assert channels.agent.received[-1].text == "2"


async def test_a_button_title_selects_it_too(channels, http) -> None:
    await texts(http, channels, "hello")
    await texts(http, channels, "no")
    assert channels.agent.received[-1].text == "/deny"


async def test_long_lists_of_choices_are_numbered_one_per_line(channels, http) -> None:
    messages = await texts(http, channels, "many")
    assert "Reply with a number:\n1 Option 1\n2 Option 2" in messages[0]
    await texts(http, channels, "6")
    assert channels.agent.received[-1].text == "/pick_6"


async def test_typed_text_never_becomes_an_intent(channels, http) -> None:
    await texts(http, channels, "/affirm")
    assert channels.agent.received[-1].text == "affirm"


async def test_choices_belong_to_one_sender(channels, http) -> None:
    await texts(http, channels, "hello")
    await texts(http, channels, "1", From=OTHER_NUMBER)
    assert channels.agent.received[-1].text == "1"
    assert channels.agent.received[-1].sender_id == f"sms:{OTHER_NUMBER}"


@pytest.mark.parametrize("keyword", ["STOP", "exit", "Exit."])
async def test_stop_and_exit_end_the_conversation(channels, http, keyword: str) -> None:
    await texts(http, channels, "hello")
    messages = await texts(http, channels, keyword)
    assert messages == [GOODBYE]
    assert channels.agent.received[-1].text == "/restart"
    assert channels.agent.received[-1].sender_id == f"sms:{RESIDENT_NUMBER}"
    # Nothing lingers: no pending choices, and the next message starts afresh.
    messages = await texts(http, channels, "1")
    assert channels.agent.received[-1].text == "1"
    assert messages[0].startswith(FIRST_MESSAGE_NOTE)
    assert messages[0].endswith("So far you said: 1")


async def test_long_replies_are_split_into_numbered_parts(channels, http) -> None:
    await texts(http, channels, "first")
    messages = await texts(http, channels, "long")
    assert len(messages) > 1
    assert all(len(message) <= SMS_PART_LIMIT for message in messages)
    assert messages[0].endswith(f"(1/{len(messages)})")
    assert messages[0].startswith("This sentence is part of a long answer")


async def test_replies_carry_no_markup_and_xml_is_escaped(channels, http) -> None:
    await texts(http, channels, "first")
    assert await texts(http, channels, "markup") == ["Thanks. See our policy (https://ex.org/p)."]
    answer = await send(http, channels, "html")
    assert "<img" not in answer.text
    assert twiml_messages(answer) == ["<b>bold</b> & <img src=x onerror=alert(1)>"]


async def test_a_repeated_message_id_is_handled_once(channels, http) -> None:
    url = channels.endpoint("sms")
    form = sms_form("hello")
    first = await post_sms(http, url, form, TWILIO_TOKEN)
    again = await post_sms(http, url, form, TWILIO_TOKEN)
    assert first.status_code == again.status_code == 200
    assert twiml_messages(again) == []
    assert len(channels.agent.received) == 1


async def test_same_number_continues_and_numbers_are_kept_apart(channels, http) -> None:
    await texts(http, channels, "my address is 1 High St")
    await texts(http, channels, "other person", From=OTHER_NUMBER)
    mine = await texts(http, channels, "again")
    theirs = await texts(http, channels, "again", From=OTHER_NUMBER)
    assert mine == ["So far you said: my address is 1 High St | again"]
    assert theirs == ["So far you said: other person | again"]


async def test_failure_gets_an_apology_and_logs_no_personal_data(channels, http, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    messages = await texts(http, channels, "boom")
    assert messages[0].startswith("Sorry")
    assert "boom" not in caplog.text
    assert RESIDENT_NUMBER not in caplog.text


async def test_configured_public_url_is_the_one_validated(http) -> None:
    public = "https://asb.example.org/webhooks/sms/webhook"
    channel = TwilioSmsInput(auth_token=TWILIO_TOKEN, webhook_url=public)
    async with serve_channels([channel]) as running:
        url = running.endpoint("sms")
        behind_proxy = await post_sms(http, url, sms_form("hi"), TWILIO_TOKEN, signed_url=public)
        assert behind_proxy.status_code == 200
        local = await post_sms(http, url, sms_form("hi"), TWILIO_TOKEN)
        assert local.status_code == 403


class FakeTwilioApi(HttpClient):
    """The Twilio REST API as the real `twilio.rest.Client` sees it: records each request."""

    def __init__(self) -> None:
        super().__init__(logging.getLogger("fake-twilio"), is_async=False)
        self.sent: list[dict] = []

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, **kwargs):
        self.sent.append({"method": method, "uri": uri, "data": dict(data or {})})
        body = {"sid": f"SM{len(self.sent):032d}", "status": "queued", "body": data.get("Body")}
        return Response(201, json.dumps(body))


@pytest.fixture
async def slow_channels() -> AsyncIterator[tuple[RunningChannels, FakeTwilioApi]]:
    api = FakeTwilioApi()
    client = Client("AC" + "1" * 32, TWILIO_TOKEN, http_client=api)
    channel = TwilioSmsInput(
        auth_token=TWILIO_TOKEN,
        reply_deadline=0.2,
        sender_factory=lambda: SmsSender("AC" + "1" * 32, TWILIO_TOKEN, client=client),
    )
    base = conversation_script()

    async def slow_script(message) -> None:
        if message.text == "slow":
            await asyncio.sleep(0.6)
        await base(message)

    async with serve_channels([channel], slow_script) as running:
        yield running, api


async def test_slow_replies_go_out_through_the_rest_api(slow_channels, http) -> None:
    running, api = slow_channels
    answer = await send(http, running, "slow")
    assert answer.status_code == 200
    assert twiml_messages(answer) == []
    for _ in range(50):
        if api.sent:
            break
        await asyncio.sleep(0.05)
    assert len(api.sent) == 1
    request = api.sent[0]
    assert request["method"] == "POST"
    assert request["uri"].endswith("/Messages.json")
    assert request["data"]["To"] == RESIDENT_NUMBER
    assert request["data"]["From"] == OUR_NUMBER
    assert request["data"]["Body"].startswith(FIRST_MESSAGE_NOTE)
    assert request["data"]["Body"].endswith("So far you said: slow")


async def test_quick_replies_still_use_twiml_when_rest_is_configured(slow_channels, http) -> None:
    running, api = slow_channels
    messages = twiml_messages(await send(http, running, "hello"))
    assert messages[0].endswith("Reply 1 for Yes or 2 for No.")
    assert api.sent == []
