"""The small helpers behind the channels: expiring memory, callback data, secrets, keywords."""

from __future__ import annotations

import pytest

from bot.channels.bridge_auth import bridge_token
from bot.channels.callback_data import MAX_CALLBACK_BYTES, callback_data_for
from bot.channels.http import secrets_match
from bot.channels.memory import ExpiringStore
from bot.channels.sms import is_exit_keyword


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_expiring_store_expires_entries() -> None:
    clock = Clock()
    store: ExpiringStore[str, int] = ExpiringStore(ttl_seconds=10, clock=clock)
    store.set("a", 1)
    clock.now = 9.9
    assert store.get("a") == 1
    assert "a" in store
    clock.now = 10.0
    assert store.get("a") is None
    assert "a" not in store
    assert len(store) == 0


def test_expiring_store_setting_again_renews() -> None:
    clock = Clock()
    store: ExpiringStore[str, int] = ExpiringStore(ttl_seconds=10, clock=clock)
    store.set("a", 1)
    clock.now = 8
    store.set("a", 2)
    clock.now = 15
    assert store.get("a") == 2


def test_expiring_store_is_bounded_dropping_the_oldest() -> None:
    store: ExpiringStore[int, int] = ExpiringStore(ttl_seconds=100, max_entries=3)
    for key in range(5):
        store.set(key, key)
    assert len(store) == 3
    assert store.get(0) is None and store.get(1) is None
    assert store.get(4) == 4


def test_expiring_store_pop() -> None:
    store: ExpiringStore[str, int] = ExpiringStore(ttl_seconds=100)
    store.set("a", 1)
    assert store.pop("a") == 1
    assert store.pop("a") is None


def test_short_payloads_are_their_own_callback_data() -> None:
    assert callback_data_for("/affirm") == "/affirm"
    exactly = "/" + "x" * (MAX_CALLBACK_BYTES - 1)
    assert callback_data_for(exactly) == exactly


def test_long_payloads_get_a_short_stable_id() -> None:
    long_payload = '/inform{"category": "' + "x" * 80 + '"}'
    data = callback_data_for(long_payload)
    assert data.startswith("~")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert data == callback_data_for(long_payload)
    assert data != callback_data_for(long_payload + " ")


def test_multibyte_payloads_are_measured_in_bytes() -> None:
    payload = '/pick{"name": "' + "é" * 30 + '"}'
    assert len(payload) <= MAX_CALLBACK_BYTES < len(payload.encode())
    assert callback_data_for(payload).startswith("~")


def test_payload_that_looks_like_an_id_is_shortened_too() -> None:
    assert callback_data_for("~abc") != "~abc"


def test_bridge_token_is_derived_from_the_bot_token() -> None:
    assert bridge_token(None) is None
    assert bridge_token("") is None
    token = bridge_token("123:abc")
    assert token == bridge_token("123:abc")
    assert token != bridge_token("123:abd")
    assert "123:abc" not in token


def test_secrets_match() -> None:
    assert secrets_match("abc", "abc")
    assert not secrets_match("abc", "abd")
    assert not secrets_match(None, "abc")
    assert not secrets_match("", "")
    assert not secrets_match("abc", None)


@pytest.mark.parametrize("text", ["STOP", "stop", "Stop.", " EXIT ", "exit!", "Quit", "stopall"])
def test_exit_keywords(text: str) -> None:
    assert is_exit_keyword(text)


@pytest.mark.parametrize("text", ["stop the noise", "please exit", "no", "1", "", "s t o p" * 5])
def test_not_exit_keywords(text: str) -> None:
    assert not is_exit_keyword(text)
