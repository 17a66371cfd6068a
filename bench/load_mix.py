"""`python -m bench.load_mix` (`make bench-load`): minutes of mixed browsing through HAProxy, with a
few newsletter sign-ups and submissions mixed in, on the production shape of tests/production/
(HAProxy in front of two gunicorn nodes, two Celery workers and beat, a private PostgreSQL and
Redis, an SMTP sink).

The private PostgreSQL is seeded with `seed_demo` (--organisations N organisations and projects,
a tenth as many events and funding calls), sampled once (bench/sample.py), and `--clients`
threads then browse it for `--minutes`, each over one keep-alive connection of its own from an
address of its own (127.0.0.11, .12, …: HAProxy passes it on, so each client is a visitor of its
own to the rate limits). Each thread picks what to do next by the weights of MIX: lists, filters,
profiles, search, the overlay, events, funding calls, the map, filtered exports and, rarely, a
newsletter sign-up or an organisation submitted by a signed-in member. Nobody waits between
requests: the load is as much as the clients can send.

Every GET must answer 200 and every POST 302. A 429 is expected only where a rate limit is meant
to give it (sign-ups: NEWSLETTER_RATE_LIMIT per address; submissions: SUBMISSIONS_PER_HOUR per
member) and is counted apart; anything else, or no answer, is a failure. At the end, once the
workers have sent everything, nothing may be lost or doubled: every sign-up answered as done is
stored with exactly one confirmation email in the SMTP sink, every submission answered as stored
is in the database once, and nothing answered 429 was kept. It prints requests, requests per
second, p50/p95/p99 per kind and overall, status counts and PASS/FAIL; exits 1 on any failure;
writes bench-results/load-<time>.json (and load-latest.json).
"""

import argparse
import math
import os
import platform
import random
import shutil
import signal
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import requests
from requests.adapters import HTTPAdapter

from bench.harness import REPO, RESULTS_DIR, HarnessError, percentile, say

DOMAIN = "bench.invalid"
DUPLICATE_BOX = 'name="not_a_duplicate"'
SUBMITTED_PREFIX = "Load Mix Organisation"
REQUEST_TIMEOUT = 30  # seconds; gunicorn gives up on a request after 60
DRAIN_TIMEOUT = 240  # seconds for the workers to send what was queued (beat requeues after 180)
# What a client does next, by weight (of about 100). The patterns are bench/pages.py's where it
# has the kind, filled from its pools; `sign_up` and `submit` are several requests each.
MIX = {
    "home": 7,
    "list": 5,
    "list_page": 8,  # /organisations/?page=N, anywhere in the list
    "country": 5,
    "tag": 5,
    "filtered": 5,  # country + tag
    "type_size": 3,
    "type_size_country": 2,
    "keyword_filtered": 2,
    "deep": 1,
    "profile": 14,
    "projects": 3,
    "projects_page": 2,
    "project": 6,
    "search_rare": 3,
    "search_common": 4,
    "overlay": 6,
    "events": 2,
    "events_filtered": 1,
    "events_past": 1,
    "event": 2,
    "funding": 2,
    "funding_filtered": 1,
    "funding_call": 2,
    "export": 1,  # /export/organisations.csv?country=XX
    "export_tag": 1,  # … &tag=…
    "map": 2,
    "map_country": 1,
    "network": 2,
    "sign_up": 0.6,
    "submit": 0.4,
}
EXTRA_PATTERNS = {
    "list_page": "/organisations/?page={page}",
    "country": "/organisations/?country={country}",
    "tag": "/organisations/?tag={tag}",
    "type_size": "/organisations/?type={type}&size={size}",
    "projects_page": "/projects/?page={page}",
    "export": "/export/organisations.csv?country={country}",
    "export_tag": "/export/organisations.csv?country={country}&tag={tag}",
}
ACTIONS = ("sign_up", "submit")
# The answers each kind of request may give: (success, rate-limited).
EXPECTED = {
    "sign-up POST": ((302,), (429,)),
    "submission POST": ((302,), (429,)),
    "sign-in POST": ((302,), ()),
}
GET_EXPECTED = ((200,), ())


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.load_mix",
        description="Mixed browsing with a few sign-ups and submissions through HAProxy on the "
        "production shape: requests per second, p50/p95/p99 per kind, and nothing lost.",
    )
    parser.add_argument("--minutes", type=float, default=10, help="how long to load (default 10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument(
        "--organisations",
        type=int,
        default=10_000,
        help="organisations and projects seeded (a tenth as many events and funding calls)",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the clients' choices")
    args = parser.parse_args(argv)
    if args.minutes <= 0 or not 1 <= args.clients <= 200 or args.organisations < 0:
        parser.error("need a positive duration, 1-200 clients and a seed size of 0 or more")
    return args


# --- What to request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Browse:
    kind: str
    urls: list
    headers: dict


def browsing(sample, rng):
    """{kind: Browse} for every GET kind of MIX: its distinct URLs, filled from the sample."""
    from bench.pages import PAGES, last_page, pools, render

    pool = pools(sample, rng)
    pages = {page.key: page for page in PAGES}
    project_pages = max(1, math.ceil(sample["published_projects"] / sample["page_size"]))
    countries = [{"country": c} for c, _ in sample["countries"]]
    pool.update(
        list_page=[{"page": p} for p in range(2, last_page(sample) + 1)],
        country=countries,
        tag=[{"tag": slug} for slug, _, _ in sample["tags"]],
        type_size=[
            {"type": t, "size": s}
            for t in sample["organisation_types"]
            for s in sample["organisation_sizes"]
        ],
        projects_page=[{"page": p} for p in range(2, project_pages + 1)],
        export=countries,
        export_tag=pool["filtered"],
    )
    kinds = {}
    for kind in MIX:
        if kind in ACTIONS:
            continue
        pattern = EXTRA_PATTERNS.get(kind) or pages[kind].url
        values = pool[kind] or [{}]
        if not pool[kind] and "{" in pattern:
            continue  # nothing seeded to fill it (e.g. no projects)
        headers = pages[kind].headers if kind in pages else {}
        kinds[kind] = Browse(kind, [render(pattern, v) for v in values], headers)
    return kinds


# --- The clients ---------------------------------------------------------------------------------


class _FromAddress(HTTPAdapter):
    """Connections from one loopback address (127.0.0.0/8 is all ours): a visitor of its own."""

    def __init__(self, address):
        self.address = address
        super().__init__(pool_connections=1, pool_maxsize=1)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address):
    session = requests.Session()
    session.mount("http://", _FromAddress(address))
    return session


class Client(threading.Thread):
    """One visitor: browses until `deadline`, now and then signs up or submits an organisation."""

    def __init__(self, number, base, kinds, member, run, seed, deadline):
        super().__init__(name=f"client-{number}")
        self.number = number
        self.base = base
        self.kinds = kinds
        self.member = member
        self.run_id = run
        self.rng = random.Random(seed * 1000 + number)
        self.deadline = deadline
        self.address = f"127.0.0.{11 + number}"
        self.session = session_from(self.address)
        self.member_session = None
        self.records = []  # (kind, status or exception name, milliseconds, node, path)
        self.signed_up = []  # (address, status)
        self.submitted = []  # (name, status)
        self.n = 0
        choices = [k for k in MIX if k in kinds or k in ACTIONS]
        self.choices = choices
        self.weights = [MIX[k] for k in choices]

    def run(self):
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(self.choices, self.weights)[0]
            self.n += 1
            if kind == "sign_up":
                self.sign_up()
            elif kind == "submit":
                self.submit()
            else:
                browse = self.kinds[kind]
                self.get(kind, self.rng.choice(browse.urls), browse.headers)

    def request(self, kind, method, path, session=None, **kwargs):
        """One request, timed and recorded; the response, or None when none came."""
        session = session or self.session
        started = time.perf_counter()
        try:
            answer = session.request(
                method,
                self.base + path,
                allow_redirects=False,
                timeout=REQUEST_TIMEOUT,
                **kwargs,
            )
        except requests.RequestException as error:
            ms = (time.perf_counter() - started) * 1000
            self.records.append((kind, type(error).__name__, ms, "-", path))
            return None
        ms = (time.perf_counter() - started) * 1000
        node = answer.headers.get("X-Served-By", "-")
        self.records.append((kind, answer.status_code, ms, node, path))
        return answer

    def get(self, kind, path, headers=None, session=None):
        return self.request(kind, "GET", path, session=session, headers=headers or {})

    def post(self, kind, path, data, session=None):
        headers = {"Referer": self.base + path}
        return self.request(kind, "POST", path, session=session, data=data, headers=headers)

    def form_token(self, kind, path, session=None):
        from tests.production.shape import csrf_token

        session = session or self.session
        started = time.perf_counter()
        try:
            token, page = csrf_token(session, self.base + path)
        except requests.HTTPError as error:
            status, node = error.response.status_code, error.response.headers.get("X-Served-By")
        except (requests.RequestException, AttributeError) as error:  # no answer, no form
            status, node = type(error).__name__, "-"
        else:
            ms = (time.perf_counter() - started) * 1000
            self.records.append((kind, page.status_code, ms, page.headers.get("X-Served-By"), path))
            return token
        ms = (time.perf_counter() - started) * 1000
        self.records.append((kind, status, ms, node or "-", path))
        return None

    def sign_up(self):
        token = self.form_token("newsletter form", "/newsletter/")
        if token is None:
            return
        address = f"load{self.number}-{self.n}-{self.run_id}@{DOMAIN}"
        data = {"csrfmiddlewaretoken": token, "email": address, "consent": "on"}
        answer = self.post("sign-up POST", "/newsletter/", data)
        self.signed_up.append((address, answer.status_code if answer is not None else None))

    def sign_in(self):
        from tests.production.shape import PASSWORD

        session = session_from(self.address)
        token = self.form_token("sign-in form", "/accounts/login/", session)
        if token is None:
            return None
        data = {"csrfmiddlewaretoken": token, "login": self.member, "password": PASSWORD}
        answer = self.post("sign-in POST", "/accounts/login/", data, session)
        return session if answer is not None and answer.status_code == 302 else None

    def submit(self):
        from tests.submissions.kinds import organisation_data

        if self.member_session is None:
            self.member_session = self.sign_in()
            if self.member_session is None:
                return
        session = self.member_session
        token = self.form_token("submission form", "/organisations/new/", session)
        if token is None:
            return
        name = f"{SUBMITTED_PREFIX} {self.run_id} {self.number}-{self.n}"
        data = organisation_data(name=name, csrfmiddlewaretoken=token)
        answer = self.post("submission POST", "/organisations/new/", data, session)
        if answer is not None and answer.status_code == 200 and DUPLICATE_BOX in answer.text:
            # "Is this yours?": the member's earlier ones look alike (same website). As a person
            # would, they tick "None of these is mine" and send the form again.
            self.records[-1] = ("submission, is it yours?", *self.records[-1][1:])
            data["not_a_duplicate"] = "1"
            answer = self.post("submission POST", "/organisations/new/", data, session)
        self.submitted.append((name, answer.status_code if answer is not None else None))


# --- The run -------------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: the shape gets stopped
    try:
        from tests.production.shape import ProductionShape
    except ImportError as error:  # aiosmtpd is a development dependency
        sys.exit(f"bench.load_mix: install the development dependencies first: {error}")
    shape = ProductionShape()
    # This process reads the shape's database too (Django's models for the submission form's
    # fields): its settings are the shape's.
    os.environ.update(shape.env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsi_directory.settings")
    import django

    django.setup()
    try:
        return Bench(args, shape).run()
    except HarnessError as error:
        say(f"bench.load_mix: {error}")
        return 1
    finally:
        shape.stop()


class Bench:
    def __init__(self, args, shape):
        self.args = args
        self.shape = shape
        self.run_id = uuid.uuid4().hex[:6]
        self.started = datetime.now(UTC)
        self.results = {
            "started_at": self.started.isoformat(timespec="seconds"),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}",
            "load_average_at_start": round(os.getloadavg()[0], 2),
            "args": vars(args),
        }

    def run(self):
        from bench.databases import calendar_rows, sample_database
        from bench.run import git_revision
        from bench.server import manage

        args, shape = self.args, self.shape
        self.results["commit"] = git_revision()
        say("starting the production shape: HAProxy, two gunicorn nodes, two workers and beat")
        try:
            shape.start()
        except Exception as error:
            for name in ("web1", "worker1", "beat", "haproxy"):
                say(f"--- {name}.log\n{shape.log(name)[-3000:]}")
            raise HarnessError(f"the production shape did not start: {error}") from error
        n, calendar = args.organisations, calendar_rows(args.organisations)
        say(f"seeding {n:,} organisations and projects, {calendar:,} events and funding calls")
        started = time.monotonic()
        seed = ["--organisations", str(n), "--projects", str(n)]
        seed += ["--events", str(calendar), "--funding-calls", str(calendar)]
        manage("seed_demo", *seed, env=shape.env())
        seed_seconds = time.monotonic() - started
        say(f"seeded in {seed_seconds:.0f} s")
        sample = sample_database(shape.env(), 1000)
        members = [f"member{i}-{self.run_id}@{DOMAIN}" for i in range(args.clients)]
        for member in members:
            shape.create_member(member)
        kinds = browsing(sample, random.Random(args.seed))
        self.results.update(
            seed={"organisations": n, "calendar": calendar, "seconds": round(seed_seconds, 1)},
            counts=sample["counts"],
            distinct_urls={kind: len(browse.urls) for kind, browse in kinds.items()},
        )
        self.warm_up(kinds)

        say(f"loading for {args.minutes:g} min with {args.clients} clients through {shape.url}")
        began = time.monotonic()
        deadline = began + args.minutes * 60
        clients = [
            Client(i, shape.url, kinds, members[i], self.run_id, args.seed, deadline)
            for i in range(args.clients)
        ]
        for client in clients:
            client.start()
        self.progress(clients, deadline)
        for client in clients:
            client.join(REQUEST_TIMEOUT * 3)
        elapsed = time.monotonic() - began
        records = [r for c in clients for r in c.records]
        signed_up = [s for c in clients for s in c.signed_up]
        submitted = [s for c in clients for s in c.submitted]
        checks = self.check_nothing_lost(signed_up, submitted)
        return self.report(records, elapsed, checks)

    def warm_up(self, kinds):
        """Each kind once, one after the other: templates compiled, connections open. Checked
        like the rest, not timed."""
        session = requests.Session()
        for browse in kinds.values():
            answer = session.get(
                self.shape.url + browse.urls[0], headers=browse.headers, timeout=60
            )
            if answer.status_code != 200:
                raise HarnessError(f"warm-up: {browse.urls[0]} answered {answer.status_code}")

    def progress(self, clients, deadline):
        last, then = 0, time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(min(30, max(0.1, deadline - time.monotonic())))
            count = sum(len(c.records) for c in clients)
            bad = sum(1 for c in clients for r in list(c.records) if not expected(r)[0])
            now = time.monotonic()
            say(
                f"  {count:,} requests ({(count - last) / (now - then):.0f}/s lately), "
                f"{bad} unexpected, {max(0, deadline - now):.0f} s left"
            )
            last, then = count, now

    def check_nothing_lost(self, signed_up, submitted):
        """Every sign-up answered as done stored once, with one confirmation email; every
        submission answered as stored, stored once; nothing answered 429 kept."""
        import psycopg

        from tests.production.shape import wait_until

        shape = self.shape
        done = sorted(a for a, status in signed_up if status == 302)
        limited = sorted(a for a, status in signed_up if status == 429)
        say(f"waiting for the workers to send {len(done)} confirmation emails")

        def rows(sql, *params):
            with psycopg.connect(shape.postgres.url()) as conn:
                return conn.execute(sql, params).fetchall()

        def unsent():
            return rows("SELECT count(*) FROM mail_outboundemail WHERE sent_at IS NULL")[0][0]

        drained = wait_until(
            lambda: unsent() == 0 and all(shape.smtp.for_address(a) for a in done),
            timeout=DRAIN_TIMEOUT,
            step=1,
        )
        time.sleep(5)  # two workers and beat's requeue: any second email would come now
        stored = {
            email: (count, with_email)
            for email, count, with_email in rows(
                "SELECT lower(email), count(*), bool_and(confirmation_email_id IS NOT NULL) "
                "FROM newsletter_subscriber WHERE email LIKE %s GROUP BY lower(email)",
                f"%-{self.run_id}@{DOMAIN}",
            )
        }
        emails = Counter(shape.smtp.recipients())
        names = [n for n, status in submitted if status == 302]
        refused = [n for n, status in submitted if status == 429]
        kept = dict(
            rows(
                "SELECT name, count(*) FROM organisations_organisation WHERE name LIKE %s "
                "GROUP BY name",
                f"{SUBMITTED_PREFIX} {self.run_id} %",
            )
        )
        problems = {
            "sign-ups not stored": [a for a in done if stored.get(a, (0,))[0] != 1],
            "sign-ups without their email row": [a for a in done if not stored.get(a, (0, 0))[1]],
            "sign-ups with no confirmation email": [a for a in done if emails[a] == 0],
            "sign-ups with more than one email": [a for a in done if emails[a] > 1],
            "429 sign-ups stored or emailed": [a for a in limited if a in stored or emails[a]],
            "submissions not stored once": [n for n in names if kept.get(n) != 1],
            "429 submissions stored": [n for n in refused if n in kept],
        }
        if not drained:
            problems["outbox not drained"] = [f"{unsent()} unsent after {DRAIN_TIMEOUT} s"]
        return {
            "sign_ups": {
                "done": len(done),
                "rate_limited": len(limited),
                "other": len(signed_up) - len(done) - len(limited),
            },
            "confirmation_emails": sum(emails[a] for a in done),
            "submissions": {
                "stored": len(names),
                "rate_limited": len(refused),
                "other": len(submitted) - len(names) - len(refused),
            },
            "problems": {k: v for k, v in problems.items() if v},
        }

    def report(self, records, elapsed, checks):
        import json

        by_kind = defaultdict(list)
        for record in records:
            by_kind[record[0]].append(record)
        statuses = Counter(str(r[1]) for r in records)
        unexpected = [r for r in records if not expected(r)[0]]
        limited = sum(1 for r in records if expected(r)[1])
        nodes = Counter(r[3] for r in records)
        timings = [r[2] for r in records]
        total = len(records)
        say()
        say(
            f"load mix through HAProxy: {self.args.clients} clients, {elapsed:.0f} s, "
            f"{self.args.organisations:,} organisations seeded "
            f"(in {self.results['seed']['seconds']:.0f} s)"
        )
        say(f"{'kind':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses")
        rows = {}
        for kind in sorted(by_kind, key=lambda k: -len(by_kind[k])):
            kind_records = by_kind[kind]
            ms = [r[2] for r in kind_records]
            row = {
                "requests": len(kind_records),
                "p50_ms": round(percentile(ms, 50), 1),
                "p95_ms": round(percentile(ms, 95), 1),
                "p99_ms": round(percentile(ms, 99), 1),
                "statuses": dict(Counter(str(r[1]) for r in kind_records)),
            }
            rows[kind] = row
            shown = " ".join(f"{s}×{n}" for s, n in sorted(row["statuses"].items()))
            say(
                f"{kind:<26}{row['requests']:>9}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}  {shown}"
            )
        overall = {
            "requests": total,
            "seconds": round(elapsed, 1),
            "requests_per_second": round(total / elapsed, 1) if elapsed else 0,
            "p50_ms": round(percentile(timings, 50), 1) if timings else None,
            "p95_ms": round(percentile(timings, 95), 1) if timings else None,
            "p99_ms": round(percentile(timings, 99), 1) if timings else None,
        }
        say(
            f"{'overall':<26}{total:>9}{overall['p50_ms']:>9.1f}{overall['p95_ms']:>9.1f}"
            f"{overall['p99_ms']:>9.1f}"
        )
        say(f"requests: {total:,} in {elapsed:.0f} s = {overall['requests_per_second']} req/s")
        say("statuses: " + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items())))
        say("served by: " + ", ".join(f"{s}: {n:,}" for s, n in sorted(nodes.items())))
        say(f"429 from the rate limits (expected): {limited}")
        s, m = checks["sign_ups"], checks["submissions"]
        say(
            f"sign-ups: {s['done']} done, {s['rate_limited']} rate-limited, {s['other']} other; "
            f"{checks['confirmation_emails']} confirmation emails"
        )
        say(
            f"submissions: {m['stored']} stored, {m['rate_limited']} rate-limited, "
            f"{m['other']} other"
        )
        for problem, items in checks["problems"].items():
            say(f"LOST/DUPLICATED: {problem}: {len(items)} (e.g. {items[:3]})")
        if not checks["problems"]:
            say(
                "nothing lost or duplicated: each sign-up answered as done is stored with one "
                "confirmation email, each submission answered as stored is stored once"
            )
        for record in unexpected[:10]:
            say(
                f"  unexpected: {record[0]} {record[4]} -> {record[1]} ({record[3]}, "
                f"{record[2]:.0f} ms)"
            )
        passed = not unexpected and not checks["problems"]
        verdict = "PASS" if passed else "FAIL"
        say(
            f"{verdict}: {len(unexpected)} unexpected non-2xx (nor forms sent back; the rate "
            f"limits' 429s apart), {len(checks['problems'])} lost/duplicate problems"
        )

        self.results.update(
            finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
            load_average_at_end=round(os.getloadavg()[0], 2),
            overall=overall,
            kinds=rows,
            statuses=dict(statuses),
            served_by=dict(nodes),
            rate_limited=limited,
            unexpected=[list(r) for r in unexpected[:100]],
            unexpected_count=len(unexpected),
            checks=checks,
            result="PASS" if passed else "FAIL",
        )
        RESULTS_DIR.mkdir(exist_ok=True)
        path = RESULTS_DIR / f"load-{self.started:%Y%m%dT%H%M%SZ}.json"
        path.write_text(json.dumps(self.results, indent=2) + "\n")
        shutil.copyfile(path, RESULTS_DIR / "load-latest.json")
        say(f"results: {path.relative_to(REPO)}")
        return 0 if passed else 1


def expected(record):
    """(expected, rate-limited) for a record: a GET must answer 200; POSTs see EXPECTED."""
    kind, status = record[0], record[1]
    ok, limited = EXPECTED.get(kind, GET_EXPECTED)
    return status in ok or status in limited, status in limited


if __name__ == "__main__":
    sys.exit(main())
