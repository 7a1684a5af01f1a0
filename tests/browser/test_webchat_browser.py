"""The web chat page in headless Chromium, against the real WebChatInput blueprint."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.channels.webchat import WebChatInput
from tests.integration.channels.channel_server import (
    DANGER_QUESTION,
    RunningChannels,
    serve_channels,
)

pytestmark = pytest.mark.browser

HISTORY_KEY = "asb-chat.history"
SENDER_KEY = "asb-chat.sender"


@pytest_asyncio.fixture(loop_scope="session")
async def chat() -> AsyncIterator[RunningChannels]:
    async with serve_channels([WebChatInput()]) as running:
        yield running


def chat_url(running: RunningChannels) -> str:
    return running.endpoint("webchat", "")


async def send_typed(page, text: str) -> None:
    box = page.get_by_label("Your message")
    await box.fill(text)
    await box.press("Enter")


async def bot_texts(page) -> list[str]:
    return await page.locator(".msg-bot p").all_inner_texts()


async def wait_for_bot_messages(page, count: int) -> None:
    # The intro is the first bot message on the page.
    await page.wait_for_function(
        "n => document.querySelectorAll('.msg-bot').length >= n", arg=count + 1
    )


async def test_a_conversation_by_keyboard_only(chat, page) -> None:
    await page.goto(chat_url(chat))
    await page.keyboard.press("Tab")  # skip link
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.id") == "message-input"
    await page.keyboard.type("hello")
    await page.keyboard.press("Enter")
    await wait_for_bot_messages(page, 1)
    assert (await bot_texts(page))[-1] == DANGER_QUESTION
    group = page.get_by_role("group", name="Choose an answer")
    assert await group.get_by_role("button").all_inner_texts() == ["Yes", "No"]
    # From the message box, Shift+Tab reaches the last choice.
    await page.keyboard.press("Shift+Tab")
    assert await page.evaluate("document.activeElement.textContent") == "No"
    await page.keyboard.press("Enter")
    await wait_for_bot_messages(page, 2)
    assert chat.agent.received[-1].text == "/deny"
    users = await page.locator(".msg-user p").all_inner_texts()
    assert users == ["hello", "No"]
    # Answered choices stay visible, disabled, with the chosen one marked.
    no_button = group.get_by_role("button", name="No")
    assert await no_button.is_disabled()
    assert await no_button.get_attribute("aria-pressed") == "true"
    assert chat.agent.received[-1].input_channel == "webchat"


async def test_text_is_shown_as_text_never_as_html(chat, page) -> None:
    await page.goto(chat_url(chat))
    attack = "<img src=x onerror=alert(1)>"
    await send_typed(page, attack)
    await wait_for_bot_messages(page, 1)
    await send_typed(page, "html")
    await wait_for_bot_messages(page, 2)
    assert (await page.locator(".msg-user p").all_inner_texts())[0] == attack
    assert (await bot_texts(page))[-1] == "<b>bold</b> & " + attack
    assert await page.locator("#messages img, #messages b").count() == 0
    assert page.dialogs == []


async def test_reload_keeps_the_conversation_and_sender(chat, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "first")
    await wait_for_bot_messages(page, 1)
    sender = await page.evaluate(f"sessionStorage.getItem('{SENDER_KEY}')")
    assert len(sender) == 32
    await page.reload()
    assert await page.locator(".msg-user p").all_inner_texts() == ["first"]
    assert await page.evaluate(f"sessionStorage.getItem('{SENDER_KEY}')") == sender
    await send_typed(page, "second")
    await wait_for_bot_messages(page, 2)
    assert (await bot_texts(page))[-1] == "So far you said: first | second"
    assert {m.sender_id for m in chat.agent.received} == {f"webchat:{sender}"}


async def test_choices_still_work_after_a_reload(chat, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "hello")
    await wait_for_bot_messages(page, 1)
    await page.reload()
    await page.get_by_role("button", name="Yes").click()
    await wait_for_bot_messages(page, 2)
    assert chat.agent.received[-1].text == "/affirm"


async def test_two_tabs_are_two_conversations(chat, context, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "tab one")
    await wait_for_bot_messages(page, 1)
    other = await context.new_page()
    await other.goto(chat_url(chat))
    await send_typed(other, "tab two")
    await wait_for_bot_messages(other, 1)
    assert (await bot_texts(other))[-1] == "So far you said: tab two"
    assert len({m.sender_id for m in chat.agent.received}) == 2


async def test_quick_exit_button_leaves_and_clears(chat, page) -> None:
    await page.goto("about:blank")
    await page.goto(chat_url(chat))
    await send_typed(page, "my neighbour threatened me")
    await wait_for_bot_messages(page, 1)
    await page.get_by_role("button", name="Leave this site quickly").click()
    await page.wait_for_url("https://www.bbc.co.uk/weather")
    assert await page.title() == "Weather"
    # The chat page was replaced in the tab's history: Back does not return to it.
    await page.go_back()
    assert "webchat" not in page.url
    # Coming back to the site starts afresh: nothing of the conversation is kept.
    await page.goto(chat_url(chat))
    assert await page.locator(".msg-user").count() == 0
    assert await page.evaluate(f"sessionStorage.getItem('{HISTORY_KEY}')") is None


async def test_escape_key_leaves_quickly_even_while_typing(chat, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "something private")
    await wait_for_bot_messages(page, 1)
    await page.get_by_label("Your message").fill("half typed")
    await page.keyboard.press("Escape")
    await page.wait_for_url("https://www.bbc.co.uk/weather")
    await page.goto(chat_url(chat))
    assert await page.evaluate("sessionStorage.length") == 1  # only a fresh sender id
    assert await page.locator(".msg-user").count() == 0


async def test_errors_are_announced_and_the_text_kept(chat, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "boom")
    alert = page.get_by_role("alert")
    await alert.wait_for()
    assert (await alert.inner_text()).startswith("Sorry")
    assert await page.get_by_label("Your message").input_value() == "boom"
    assert await page.locator(".msg-user").count() == 0


async def test_empty_message_is_not_sent(chat, page) -> None:
    await page.goto(chat_url(chat))
    await send_typed(page, "   ")
    assert await page.get_by_role("alert").inner_text() == "Please type a message before sending."
    assert chat.agent.received == []


@pytest.mark.parametrize("width", [320, 375, 640])
async def test_readable_on_a_phone_and_at_high_zoom(chat, context, width: int) -> None:
    # 320 CSS pixels is a 1280-pixel window at 400% zoom (WCAG reflow); 640 is 200%.
    page = await context.new_page()
    await page.set_viewport_size({"width": width, "height": 640})
    await page.goto(chat_url(chat))
    for n in range(4):
        await send_typed(page, f"message {n} " + "with quite a lot of words " * 6)
        await wait_for_bot_messages(page, n + 1)
    overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    await page.mouse.wheel(0, 5000)
    exit_box = await page.get_by_role("button", name="Leave this site quickly").bounding_box()
    assert exit_box is not None
    assert exit_box["y"] >= 0 and exit_box["y"] + exit_box["height"] <= 640
    assert exit_box["height"] >= 44
    await page.screenshot(path=f"/tmp/webchat-{width}.png", full_page=False)


async def test_page_landmarks_and_labels(chat, page) -> None:
    await page.goto(chat_url(chat))
    assert await page.get_attribute("html", "lang") == "en-GB"
    assert await page.get_by_role("main").count() == 1
    assert await page.get_by_role("log", name="Conversation").count() == 1
    assert await page.get_by_role("heading", level=1).count() == 1
    assert await page.get_by_role("textbox", name="Your message").count() == 1
    assert await page.get_by_role("button", name="Send").count() == 1
