"""A local fake of the Telegram Bot API on loopback, so the real python-telegram-bot code runs."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "ASB", "username": "asb_test_bot"}
# python-telegram-bot form-encodes parameters, JSON-encoding the structured ones.
_JSON_FIELDS = {"reply_markup", "allowed_updates"}
_INT_FIELDS = {"chat_id", "offset", "limit", "message_id"}
LONG_POLL_CAP = 0.5


def _person(chat_id: int) -> dict[str, Any]:
    return {"id": abs(chat_id), "is_bot": False, "first_name": "Resident"}


def _chat(chat_id: int, chat_type: str = "private") -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "A group"
    return chat


class FakeTelegramApi:
    """Implements the Bot API methods the bridge uses; records every call it receives."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.base_url = ""
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.webhook: dict[str, Any] | None = None
        # Chats whose resident has blocked the bot: sending to them fails as Telegram does.
        self.blocked: set[int] = set()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._changed = asyncio.Event()

    # What residents do -------------------------------------------------------------------

    def text_update(self, chat_id: int, text: str, chat_type: str = "private") -> dict:
        return self._message_update(chat_id, {"text": text}, chat_type)

    def location_update(self, chat_id: int) -> dict:
        return self._message_update(chat_id, {"location": {"latitude": 51.5, "longitude": -0.1}})

    def tap_update(self, chat_id: int, message: dict, data: str) -> dict:
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._callback_ids)),
                "from": _person(chat_id),
                "chat_instance": f"instance-{chat_id}",
                "data": data,
                "message": message,
            },
        }

    def _message_update(self, chat_id: int, content: dict, chat_type: str = "private") -> dict:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type),
            "from": _person(chat_id),
            **content,
        }
        return {"update_id": next(self._update_ids), "message": message}

    def queue(self, update: dict) -> None:
        """Make `update` available to getUpdates (long polling)."""
        self._updates.append(update)
        self._changed.set()

    def says(self, chat_id: int, text: str, chat_type: str = "private") -> None:
        self.queue(self.text_update(chat_id, text, chat_type))

    def taps(self, chat_id: int, message: dict, data: str) -> None:
        self.queue(self.tap_update(chat_id, message, data))

    # What the bot did --------------------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The messages the bot sent (to one chat), as the API returned them."""
        return [
            params["_result"]
            for method, params in self.calls
            if method == "sendMessage" and chat_id in (None, params["chat_id"])
        ]

    def called(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; calls were: {[c[0] for c in self.calls]}")
            await asyncio.sleep(0.02)

    async def wait_for_sent(self, chat_id: int, count: int, timeout: float = 10) -> list[dict]:
        await self.wait_until(lambda: len(self.sent(chat_id)) >= count, timeout)
        return self.sent(chat_id)

    # The HTTP side -----------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw = await request.json()
        else:
            raw = dict(await request.post())
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, str) and key in _JSON_FIELDS:
                value = json.loads(value)
            elif isinstance(value, str) and key in _INT_FIELDS:
                value = int(value)
            params[key] = value
        return params

    async def handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        if token != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params = await self._params(request)
        self.calls.append((method, params))
        if method == "sendMessage" and params.get("chat_id") in self.blocked:
            return web.json_response(
                {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked"},
                status=403,
            )
        api = getattr(self, f"api_{method}", None)
        if api is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        result = await api(params)
        params["_result"] = result
        return web.json_response({"ok": True, "result": result})

    async def api_getMe(self, params: dict) -> dict:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False}

    async def api_deleteWebhook(self, params: dict) -> bool:
        self.webhook = None
        return True

    async def api_setWebhook(self, params: dict) -> bool:
        self.webhook = params
        return True

    async def api_getUpdates(self, params: dict) -> list[dict]:
        offset = params.get("offset") or 0
        # Updates below the offset are confirmed: Telegram forgets them.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._changed.clear()
            timeout = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)
        return list(self._updates)

    async def api_sendMessage(self, params: dict) -> dict:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(params["chat_id"]),
            "from": BOT_USER,
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def api_sendChatAction(self, params: dict) -> bool:
        return True

    async def api_answerCallbackQuery(self, params: dict) -> bool:
        return True

    async def api_editMessageText(self, params: dict) -> dict:
        return {
            "message_id": params["message_id"],
            "date": int(time.time()),
            "chat": _chat(params["chat_id"]),
            "from": BOT_USER,
            "text": params["text"],
        }


@asynccontextmanager
async def serve_fake_telegram(token: str) -> AsyncIterator[FakeTelegramApi]:
    """Run the fake Bot API on a free loopback port; `base_url` is what the bot is given."""
    api = FakeTelegramApi(token)
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    api.base_url = f"http://127.0.0.1:{port}/bot"
    try:
        yield api
    finally:
        await runner.cleanup()
