"""A whole report through the web chat page in Chromium, against the real assistant."""

from __future__ import annotations

import pytest

from tests.integration.channels.assistant import running_assistant, stored_channel
from tests.integration.channels.report_driver import MAX_TURNS, Resident

pytestmark = [pytest.mark.servers, pytest.mark.browser]
# Every bot message's text, buttons-only messages included (as "").
BOT_TEXTS = """Array.from(document.querySelectorAll('.msg-bot'))
    .map(box => (box.querySelector('p') || {}).textContent || '')"""


@pytest.fixture
def assistant(request: pytest.FixtureRequest) -> object:
    return running_assistant(request)


async def test_full_report_in_the_browser(assistant, page) -> None:
    await page.goto(f"{assistant.rasa_url}/webhooks/webchat/")
    box = page.get_by_label("Your message")
    resident = Resident()
    seen = await page.locator(".msg-bot").count()  # the page's own greeting
    message = "Hello"
    for _ in range(MAX_TURNS):
        resident.said(message)
        buttons = page.locator(".msg-bot:last-child button.choice:enabled")
        titles = await buttons.all_inner_texts()
        if message in titles:
            await buttons.get_by_text(message, exact=True).click()
        else:
            await box.fill(message)
            await box.press("Enter")
        # A turn is over when the typing indicator has gone and new replies are shown.
        await page.wait_for_function(
            "n => document.getElementById('typing').hidden"
            " && document.querySelectorAll('.msg-bot').length > n",
            arg=seen,
            timeout=60_000,
        )
        replies = await page.evaluate(BOT_TEXTS)
        new = replies[seen:]
        seen = len(replies)
        for text in new:
            resident.heard(text)
        if resident.reference():
            break
        options = await page.locator(".msg-bot:last-child button.choice:enabled").all_inner_texts()
        message = resident.answer("\n".join(new), options)
    reference = resident.reference()
    assert reference, "no reference after a whole web chat report:\n" + resident.render()
    assert await page.get_by_text(reference, exact=False).count() >= 1
    assert stored_channel(assistant, reference) == "webchat"
    assert page.dialogs == []
