"""The production configuration, for real: cases in PostgreSQL, conversations in Redis."""

from __future__ import annotations

import dataclasses

import pytest
import redis

from bot import processes
from bot.cases import CaseService
from bot.client import Resident
from bot.config import get_settings
from tests.conftest import free_port, trained_model
from tests.postgres import postgres_schema, postgres_server_url

pytestmark = [pytest.mark.servers, pytest.mark.postgres]
postgres_server_url = postgres_server_url  # fixture

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied before and after


@pytest.fixture
def redis_url():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis server at {REDIS_URL} ({type(error).__name__})")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


def test_cases_land_in_postgres_and_conversations_survive_a_restart_in_redis(
    tmp_path, postgres_server_url, redis_url
):
    model = trained_model()
    if model is None:
        pytest.skip("no trained model for the current data: run `make train` (make test does)")
    with postgres_schema(postgres_server_url) as database_url:
        actions_port = free_port()
        settings = dataclasses.replace(
            get_settings(),
            var_dir=tmp_path,
            database_url=database_url,
            outbox_dir=tmp_path / "outbox",
            rasa_port=free_port(),
            actions_port=actions_port,
            action_endpoint=f"http://127.0.0.1:{actions_port}/webhook",
            redis_url=redis_url,
        )
        CaseService.from_settings(settings).upgrade_schema()
        assistant = processes.start(settings, model, quiet=True)
        try:
            resident = Resident.talking_to(assistant)
            resident.say("hi")
            resident.say("No")
            resident.say("someone keeps smashing the glass in the bus shelter outside my flat")
            waiting_on = resident.asked()
            assert waiting_on not in (None, "in_danger", "description")

            assistant.stop()
            assistant = processes.start(settings, model, quiet=True)

            assert resident.asked() == waiting_on, "the conversation was lost in the restart"
            reference = resident.answer_until_done({})
            case = CaseService(database_url).get(reference)
            assert "bus shelter" in case.description
            assert case.category == "criminal_damage"
        finally:
            assistant.stop()
