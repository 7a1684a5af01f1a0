"""Command line for community safety officers and operators: `python -m bot.cases --help`."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import logging
import sys
from datetime import datetime, timezone

from bot.cases.errors import CaseStoreError, CaseStoreUnavailable
from bot.cases.model import STATUSES, Case
from bot.cases.serialisation import EXPORT_KEYS, csv_cell, export_json, export_record


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.cases",
        description="Look at, export and maintain the ASB case store.",
    )
    parser.add_argument("--database-url", help="database to use (default: DATABASE_URL/settings)")
    parser.add_argument("--outbox-dir", help="outbox directory (default: OUTBOX_DIR/settings)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="cases, newest first")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--priority", choices=("1", "2", "none"))
    listing.add_argument("--scope", choices=("in_scope", "excluded", "hate_crime", "mate_crime"))
    listing.add_argument("--overdue", action="store_true", help="past response due, not closed")
    listing.add_argument("--limit", type=int)

    show = commands.add_parser("show", help="one case in full")
    show.add_argument("reference")

    export = commands.add_parser("export", help="every case as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", help="write to this file instead of standard output")

    commands.add_parser("retry-outbox", help="store cases parked while the database was down")
    commands.add_parser("upgrade", help="upgrade the database schema to the latest migration")

    status = commands.add_parser("set-status", help="move a case to new, open or closed")
    status.add_argument("reference")
    status.add_argument("status", choices=STATUSES)
    return parser


def _service(args: argparse.Namespace):
    from bot.cases.service import CaseService

    if args.database_url and args.outbox_dir:
        return CaseService(args.database_url, args.outbox_dir)
    from bot.config import get_settings

    settings = get_settings()
    return CaseService(
        args.database_url or settings.database_url, args.outbox_dir or settings.outbox_dir
    )


def _when(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _list(service, args) -> int:
    now = datetime.now(timezone.utc)
    cases = service.list_cases(
        status=args.status,
        priority=int(args.priority) if args.priority in ("1", "2") else args.priority,
        scope=args.scope,
        overdue=args.overdue,
        limit=args.limit,
    )
    header = ["REFERENCE", "CREATED (UTC)", "CHANNEL", "STATUS", "SCOPE", "CATEGORY", "P"]
    rows = [[*header, "RESPONSE DUE (UTC)", ""]]
    for case in cases:
        rows.append(
            [
                case.reference,
                _when(case.created_at),
                case.channel,
                case.status,
                case.scope,
                case.category or case.exclusion_reason or "-",
                str(case.priority) if case.priority else "-",
                _when(case.response_due),
                "OVERDUE" if case.is_overdue(now) else "",
            ]
        )
    if cases:
        print(_table(rows))
    parked = service.pending_in_outbox()
    footer = f"{len(cases)} case(s)"
    if parked:
        footer += f"; {parked} more waiting in the outbox (run retry-outbox)"
    print(footer)
    return 0


def _lines(label: str, value, indent: str = "  ") -> list[str]:
    """Readable lines for one part of a case, skipping empty answers."""
    if value is None or value == [] or value == {}:
        return []
    if dataclasses.is_dataclass(value):
        parts = [
            f"{indent}{f.name.replace('_', ' ')}: {_plain(getattr(value, f.name))}"
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, "", [], {}) and f.name != "idempotency_key"
        ]
        return [f"{label}:", *parts] if parts else []
    if isinstance(value, list):
        lines = []
        for index, item in enumerate(value, start=1):
            lines.extend(_lines(f"{label} {index}", item, indent))
        return lines
    return [f"{label}: {_plain(value)}"]


def _plain(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return _when(value)
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}={_plain(item)}" for key, item in value.items())
    return str(value)


def _show(service, args) -> int:
    case: Case = service.get(args.reference)
    now = datetime.now(timezone.utc)
    due = _when(case.response_due) + (" (OVERDUE)" if case.is_overdue(now) else "")
    lines = [
        f"Case {case.reference}" + (f" (also {', '.join(case.aliases)})" if case.aliases else ""),
        f"Status: {case.status}    Channel: {case.channel}",
        f"Created: {_when(case.created_at)} UTC    Updated: {_when(case.updated_at)} UTC",
        f"Scope: {case.scope}    Category: {case.category or '-'}"
        + (f"    Excluded because: {case.exclusion_reason}" if case.exclusion_reason else ""),
        f"Priority: {case.priority or '-'}    Response due: {due}",
        f"ASB Case Review eligible: {_plain(case.case_review_eligible)}",
        "",
        "In the resident's words:",
        f"  {case.description}",
    ]
    if case.impact:
        lines += ["How it made them feel:", f"  {case.impact}"]
    lines += ["Reporter: anonymous"] if case.anonymous else _lines("Reporter", case.reporter)
    for label, part in (
        ("Perpetrator", case.perpetrators),
        ("Incident", case.incidents),
        ("Witness", case.witnesses),
        ("Risk and vulnerability", case.risk),
        ("Hate crime", case.hate_crime),
        ("Consents", case.consents),
        ("Evidence held", case.evidence),
        ("Signpost", case.signposts),
    ):
        lines += _lines(label, part)
    lines.append("Audit trail:")
    for entry in case.audit:
        fields = f" ({', '.join(entry.fields)})" if entry.fields else ""
        lines.append(f"  {_when(entry.at)} {entry.action} by {entry.actor}{fields}")
    print("\n".join(lines))
    return 0


def _export(service, args) -> int:
    cases = service.list_cases()
    if args.format == "json":
        text = export_json(cases) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(EXPORT_KEYS)
        for case in cases:
            record = export_record(case)
            writer.writerow([csv_cell(record[key]) for key in EXPORT_KEYS])
        text = buffer.getvalue()
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        print(f"{len(cases)} case(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _retry_outbox(service, _args) -> int:
    result = service.drain_outbox()
    print(f"{result.stored} parked case(s) stored; {result.remaining} still in the outbox.")
    for reference in result.failed:
        print(f"could not store parked case {reference}; see the log", file=sys.stderr)
    if service.outbox is not None:
        for path in service.outbox.unreadable():
            print(f"unreadable outbox file set aside: {path}", file=sys.stderr)
    if result.unavailable:
        raise CaseStoreUnavailable("the case database is unavailable")
    return 1 if result.failed else 0


def _upgrade(service, _args) -> int:
    from bot.cases.database import current_revision

    service.upgrade_schema()
    print(f"Case database at revision {current_revision(service.database_url)}.")
    return 0


def _set_status(service, args) -> int:
    case = service.set_status(args.reference, args.status, actor="cli")
    print(f"{case.reference} is {case.status}.")
    return 0


_HANDLERS = {
    "list": _list,
    "show": _show,
    "export": _export,
    "retry-outbox": _retry_outbox,
    "upgrade": _upgrade,
    "set-status": _set_status,
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; print a one-line error and return 1 on failure (no traceback)."""
    args = _build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return _HANDLERS[args.command](_service(args), args)
    except CaseStoreError as error:
        print(f"error: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        print(f"error: the case database is unavailable ({type(error).__name__})", file=sys.stderr)
    except (OSError, ValueError) as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
    return 1
