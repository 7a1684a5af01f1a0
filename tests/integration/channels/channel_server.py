"""Serve real input-channel blueprints from a real Sanic app on loopback, wired as Rasa does."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from rasa.core.channels.channel import InputChannel, UserMessage, register
from sanic import Sanic

Script = Callable[[UserMessage], Awaitable[None]]

DANGER_QUESTION = "Are you or anyone else in immediate danger right now?"
DANGER_BUTTONS = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No", "payload": "/deny"},
]


@dataclass
class FakeAgent:
    """Stands in for Rasa's Agent: `register()` hands it every message, as in Rasa."""

    script: Script
    received: list[UserMessage] = field(default_factory=list)

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        await self.script(message)


@dataclass
class RunningChannels:
    url: str
    agent: FakeAgent

    def endpoint(self, channel: str, path: str = "webhook") -> str:
        return f"{self.url}/webhooks/{channel}/{path}"


def conversation_script() -> Script:
    """A tiny per-sender dialogue that answers through the output channel it was given."""
    said: dict[str, list[str]] = {}

    async def script(message: UserMessage) -> None:
        out = message.output_channel
        sender = message.sender_id
        text = message.text or ""
        if text == "/restart":
            said.pop(sender, None)
            await out.send_text_message(sender, "Restarted.")
            return
        said.setdefault(sender, []).append(text)
        if text in ("hello", "Hello"):
            await out.send_text_with_buttons(sender, DANGER_QUESTION, DANGER_BUTTONS)
        elif text == "markup":
            await out.send_text_message(sender, "**Thanks.** See [our policy](https://ex.org/p).")
        elif text == "long":
            sentence = "This sentence is part of a long answer about what happens next. "
            await out.send_text_message(sender, sentence * 12)
        elif text == "many":
            buttons = [{"title": f"Option {n}", "payload": f"/pick_{n}"} for n in range(1, 7)]
            await out.send_text_with_buttons(sender, "Which one?", buttons)
        elif text == "longpayload":
            payload = '/inform{"category": "' + "x" * 80 + '"}'
            buttons = [{"title": "Long", "payload": payload}]
            await out.send_text_with_buttons(sender, "Pick", buttons)
        elif text == "html":
            await out.send_text_message(sender, "<b>bold</b> & <img src=x onerror=alert(1)>")
        elif text == "boom":
            raise RuntimeError(f"failed on {text}")
        else:
            await out.send_text_message(sender, "So far you said: " + " | ".join(said[sender]))

    return script


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(100)
    return sock


@asynccontextmanager
async def serve_channels(
    channels: list[InputChannel], script: Script | None = None
) -> AsyncIterator[RunningChannels]:
    """Run the channels' blueprints under /webhooks/ in the current event loop."""
    # Test mode lets several apps start in one process (Sanic rewrites methods at startup).
    Sanic.test_mode = True
    app = Sanic(f"channels_test_{uuid.uuid4().hex}")
    agent = FakeAgent(script or conversation_script())
    app.ctx.agent = agent
    register(channels, app, route="/webhooks/")
    sock = _free_socket()
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield RunningChannels(url=f"http://127.0.0.1:{port}", agent=agent)
    finally:
        await server.before_stop()
        closing = server.close()
        if closing is not None:
            await closing
        await server.after_stop()
        sock.close()
