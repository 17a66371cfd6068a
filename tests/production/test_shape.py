"""The production shape, run here: whichever web node answers, a session, a submission, a
newsletter sign-up and an ETag hold; static files are served with far-future caching; and the
faults (a web node killed, PostgreSQL restarted under load, a slow query) lose nothing.
`make prod-check` runs this file alone; `make test` runs it with the rest."""

import json
import subprocess
import sys
import threading
import time
from collections import Counter

import psycopg
import pytest
import requests

from tests.production.shape import PASSWORD, ROOT, ProductionShape, csrf_token, wait_until
from tests.submissions.kinds import organisation_data

pytestmark = pytest.mark.production


@pytest.fixture(scope="module")
def shape():
    shape = ProductionShape()
    try:
        shape.start()
    except Exception:
        for name in ("web1", "worker1", "beat", "haproxy"):
            print(f"--- {name}.log\n{shape.log(name)[-3000:]}")
        shape.stop()
        raise
    yield shape
    shape.stop()


def rows(shape, sql, *params):
    with psycopg.connect(shape.postgres.url()) as conn:
        return conn.execute(sql, params).fetchall()


def sign_in(shape, email):
    session = requests.Session()
    token, _ = csrf_token(session, f"{shape.url}/accounts/login/")
    answer = session.post(
        f"{shape.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
        headers={"Referer": f"{shape.url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session


def test_both_nodes_serve_behind_the_proxy(shape):
    # On a loaded machine a health check may time out once; the node is back within seconds.
    assert wait_until(lambda: shape.served_by(tries=10) == {"web1", "web2"}, timeout=20)


def test_a_session_holds_whichever_node_answers(shape):
    shape.create_member("ada@example.org")
    session = sign_in(shape, "ada@example.org")
    nodes = Counter()
    for _ in range(8):
        page = session.get(f"{shape.url}/accounts/profile/", allow_redirects=False, timeout=10)
        assert page.status_code == 200, page.status_code
        assert "ada@example.org" in page.text
        nodes[page.headers["X-Served-By"]] += 1
    assert set(nodes) == {"web1", "web2"}, nodes


def test_a_submission_begun_on_one_node_and_sent_to_the_other_is_stored(shape):
    shape.create_member("grace@example.org")
    session = sign_in(shape, "grace@example.org")
    for attempt in range(4):  # the form from one node, the POST through the other
        token, form = csrf_token(session, f"{shape.url}/organisations/new/")
        data = organisation_data(name=f"Officina Aperta {attempt}", csrfmiddlewaretoken=token)
        answer = session.post(
            f"{shape.url}/organisations/new/",
            data=data,
            headers={"Referer": f"{shape.url}/organisations/new/"},
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, answer.text[:500]
        if answer.headers["X-Served-By"] != form.headers["X-Served-By"]:
            break
    else:
        pytest.fail("the proxy never sent the POST to the other node")
    stored = rows(
        shape,
        "SELECT status FROM organisations_organisation WHERE name = %s",
        f"Officina Aperta {attempt}",
    )
    assert stored == [("pending",)]


def test_a_newsletter_sign_up_sends_one_confirmation(shape):
    session = requests.Session()
    token, _ = csrf_token(session, f"{shape.url}/newsletter/")
    answer = session.post(
        f"{shape.url}/newsletter/",
        data={"csrfmiddlewaretoken": token, "email": "lin@example.org", "consent": "on"},
        headers={"Referer": f"{shape.url}/newsletter/"},
        timeout=10,
    )
    assert answer.status_code == 200 and "/newsletter/thanks/" in answer.url, answer.text[:300]
    assert wait_until(lambda: shape.smtp.for_address("lin@example.org"), timeout=30)
    time.sleep(3)  # two workers and beat's requeue: still one email
    assert len(shape.smtp.for_address("lin@example.org")) == 1


def test_an_etag_from_one_node_is_honoured_by_the_other(shape):
    first = requests.get(f"{shape.url}/organisations/", timeout=10)
    etag = first.headers["ETag"]
    other = set()
    for _ in range(6):
        again = requests.get(
            f"{shape.url}/organisations/", headers={"If-None-Match": etag}, timeout=10
        )
        assert again.status_code == 304
        other.add(again.headers["X-Served-By"])
    assert other == {"web1", "web2"}


def test_every_static_file_is_served_with_far_future_caching(shape):
    manifest = json.loads((shape.folder / "static/staticfiles.json").read_text())["paths"]
    assert manifest, "collectstatic wrote no manifest"
    for hashed in manifest.values():
        answer = requests.get(f"{shape.url}/static/{hashed}", timeout=10)
        assert answer.status_code == 200, hashed
        assert "max-age=315360000" in answer.headers["Cache-Control"], hashed
        assert "immutable" in answer.headers["Cache-Control"], hashed
    page = requests.get(f"{shape.url}/", timeout=10).text
    assert "/static/css/site." in page  # pages link to the hashed names


def test_a_slow_query_cannot_hold_a_web_worker(shape):
    """Web processes run with a statement timeout (gunicorn.conf.py), under gunicorn's own."""
    code = (
        "from django.db import connection, utils\n"
        "c = connection.cursor()\n"
        "c.execute('SHOW statement_timeout'); print(c.fetchone()[0])\n"
        "try:\n"
        "    c.execute('SELECT pg_sleep(5)'); print('finished')\n"
        "except utils.OperationalError as e: print('cancelled', type(e.__cause__).__name__)\n"
    )
    env = shape.env() | {"DJANGO_STATEMENT_TIMEOUT_MS": "300"}
    out = python(["manage.py", "shell", "--no-imports", "-c", code], env)
    assert out == ["300ms", "cancelled", "QueryCanceled"], out
    # The web nodes get 20 s from gunicorn.conf.py, under its 60 s worker timeout.
    conf = "import runpy, os; c = runpy.run_path('gunicorn.conf.py'); "
    conf += "print(os.environ['DJANGO_STATEMENT_TIMEOUT_MS'], c['timeout'])"
    assert python(["-c", conf], shape.env()) == ["20000", "60"]


def python(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()


class Load:
    """Threads that browse and sign up through the proxy until stopped, counting answers."""

    def __init__(self, shape, readers=3, posters=1):
        self.shape = shape
        self.stop = threading.Event()
        self.results = []  # (monotonic time, kind, status or exception name)
        self.signed_up = []  # (address, status)
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._read) for _ in range(readers)]
        self.threads += [threading.Thread(target=self._sign_up, args=(n,)) for n in range(posters)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)

    def _record(self, kind, outcome):
        with self.lock:
            self.results.append((time.monotonic(), kind, outcome))

    def _read(self):
        paths = ["/organisations/", "/projects/", "/search/?q=lab", "/", "/blog/"]
        n = 0
        while not self.stop.is_set():
            path = paths[n % len(paths)] + ("&" if "?" in paths[n % len(paths)] else "?") + f"n={n}"
            n += 1
            try:
                answer = requests.get(f"{self.shape.url}{path}", timeout=15)
                self._record("get", answer.status_code)
            except requests.RequestException as error:
                self._record("get", type(error).__name__)

    def _sign_up(self, thread):
        n = 0
        session = requests.Session()
        while not self.stop.is_set():
            n += 1
            address = f"load{thread}-{n}@example.org"
            try:
                token, _ = csrf_token(session, f"{self.shape.url}/newsletter/")
                answer = session.post(
                    f"{self.shape.url}/newsletter/",
                    data={"csrfmiddlewaretoken": token, "email": address, "consent": "on"},
                    headers={"Referer": f"{self.shape.url}/newsletter/"},
                    allow_redirects=False,
                    timeout=15,
                )
                outcome = answer.status_code
            except (requests.RequestException, AttributeError) as error:
                outcome = type(error).__name__
            with self.lock:
                self.signed_up.append((address, outcome))
            self._record("post", outcome)
            time.sleep(0.1)

    def failures_after(self, moment):
        return [r for r in self.results if r[0] >= moment and r[2] not in (200, 302, 429)]


def test_postgresql_restarted_under_load_answers_again_within_ten_seconds(shape):
    with Load(shape) as load:
        time.sleep(3)
        restarted_at = time.monotonic()
        shape.postgres.restart()
        back = wait_until(
            lambda: any(r[0] > restarted_at and r[2] == 200 for r in load.results[-20:]),
            timeout=10,
        )
        time.sleep(10)
    assert back, "no page answered within 10 s of the restart"
    first_ok = min(r[0] for r in load.results if r[0] > restarted_at and r[2] == 200)
    failed = [r for r in load.results if r[0] >= restarted_at and r[2] not in (200, 302, 429)]
    print(
        f"PostgreSQL restart: first 200 after {first_ok - restarted_at:.2f} s, "
        f"{len(failed)} of {len(load.results)} requests failed, {Counter(r[2] for r in failed)}"
    )
    # Ten seconds after the restart, every answer is a normal one again (gunicorn untouched).
    assert not load.failures_after(restarted_at + 10), load.failures_after(restarted_at + 10)[:5]
    assert all(process.poll() is None for process in shape.web.values())
    # No POST half-stored: every sign-up that was answered as done is stored with its email;
    # none is stored without it.
    done = [address for address, outcome in load.signed_up if outcome == 302]
    assert done
    stored = dict(
        rows(
            shape,
            "SELECT email, confirmation_email_id IS NOT NULL FROM newsletter_subscriber "
            "WHERE email LIKE 'load%%'",
        )
    )
    assert set(done) <= set(stored)
    assert all(stored.values()), [email for email, has_mail in stored.items() if not has_mail]


def test_a_killed_web_node_is_routed_around(shape):
    with Load(shape, readers=3, posters=0) as load:
        time.sleep(2)
        killed_at = time.monotonic()
        shape.kill_web("web2")
        time.sleep(6)
    failed = load.failures_after(killed_at - 0.5)
    print(f"web2 killed: {len(failed)} of {len(load.results)} requests failed")
    # Only requests in flight when the node died may fail: at most one per thread.
    assert len(failed) <= 3, failed
    assert len([r for r in load.results if r[0] > killed_at + 3]) > 20
    assert shape.served_by(tries=6) == {"web1"}
    shape.start_web("web2")
    assert wait_until(lambda: shape.served_by() == {"web1", "web2"}, timeout=15)
