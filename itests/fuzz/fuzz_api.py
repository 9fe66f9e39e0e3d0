#!/usr/bin/env python3
"""Fuzzes a running Axion through its own OpenAPI document.

Usage:
  fuzz_api.py --base http://127.0.0.1:8080 --password PW [--cases 2000] [--seed 1] [--only REGEX] [--list]
  (or AXION_URL, AXION_ADMIN_PASSWORD / AXION_TOKEN, AXION_FUZZ_CASES, AXION_FUZZ_SEED)

Logs in as admin, reads /api/v1/openapi.json, and for every operation lets hypothesis generate requests from the
operation's parameter and body schemas: valid ones and broken ones (wrong types, missing fields, huge strings,
unicode, negative and overflowing numbers, `..` and `%2F` in path segments, malformed JSON, odd content types),
most with the admin token, some without a token or with a forged one. Every answer must hold:
  - no 5xx, and an answer at all;
  - every 4xx is application/problem+json with `type`, `title` and `status` equal to the HTTP status;
  - a 2xx is declared by the operation, and its JSON validates against the declared response schema;
  - a secured operation never succeeds without a valid token;
  - a refused (non-2xx) POST/PUT/PATCH/DELETE changed nothing: instances, users, quota limits, jobs and hosts
    read before it equal those read after it.
Prints one line per operation and exits 1 with hypothesis' shrunk (minimal) failing example for each violation.

For test distributions only: it creates users and hosts, sets quota limits (restored at the end) and queues
instance creates, which all name an image that does not exist (axion/no-such-image) so that they fail in the job
and never start a real instance. Standard library and hypothesis (Debian's python3-hypothesis) only.
"""

import argparse
import collections
import dataclasses
import http.client
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import zlib

# Hypothesis caches its Unicode tables in ./.hypothesis unless told otherwise: keep them out of the work tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "axion-fuzz-hypothesis"))

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NO_SUCH_IMAGE = "axion/no-such-image"
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}
# WebSocket endpoints are not Jersey resources and so not in today's document; should one appear, a plain HTTP
# request tells nothing about it.
WEBSOCKET_PATH = re.compile(r"/(ws|websocket|events|exec|console|terminal)(/|$)")
# Once an operation has failed, this many more requests go to shrinking it; hypothesis alone may spend five
# minutes per failure, far beyond a CI budget. Past it, new inputs pass unsent and the best example so far stands.
SHRINK_BUDGET = 150
REQUEST_TIMEOUT_SECONDS = 30
QUIET_JOBS_SECONDS = 15


# --- problems found --------------------------------------------------------------------------------------------
# One class per kind, so that hypothesis shrinks and reports each kind of failure of an operation on its own.

class Violation(AssertionError):
    pass


class ServerError(Violation):
    """A 5xx."""


class NoAnswer(Violation):
    """The connection broke or timed out instead of an answer."""


class NotAProblem(Violation):
    """A 4xx that is not RFC 9457 problem+json with type, title and the right status."""


class BrokenResponseSchema(Violation):
    """A 2xx that the operation does not declare, or whose body breaks the declared schema."""


class ServedWithoutToken(Violation):
    """A secured operation answered 2xx to a request without a valid token."""


class RefusedButChanged(Violation):
    """A refused mutating request changed the state all the same."""


# --- HTTP ------------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Answer:
    status: int
    content_type: str
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Http:
    """One keep-alive connection to Axion; paths are sent exactly as given (already percent-encoded)."""

    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        self.https = parsed.scheme == "https"
        self.host = parsed.hostname
        self.port = parsed.port or (443 if self.https else 80)
        self.connection = None

    def _connect(self):
        if self.https:
            import ssl
            context = ssl._create_unverified_context()  # test distributions use a self-signed certificate
            return http.client.HTTPSConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS, context=context)
        return http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS)

    def send(self, method, path, headers=None, body=None):
        # A keep-alive connection the server closed while idle fails on reuse: that one retry is no finding.
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = self._connect()
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return Answer(response.status, response.getheader("Content-Type", ""), data)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                self.close()
                if attempt == 2:
                    raise NoAnswer(f"{method} {path}: connection broke: {error!r}") from None
            except (OSError, http.client.HTTPException) as error:
                self.close()
                raise NoAnswer(f"{method} {path}: {error!r}") from None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class Axion:
    """The server under test, seen through the admin's token."""

    def __init__(self, http_client, token):
        self.http = http_client
        self.token = token

    def get_json(self, path):
        answer = self.http.send("GET", path, {"Authorization": "Bearer " + self.token, "Accept": "application/json"})
        if answer.status != 200:
            raise Violation(f"GET {path} answered {answer.status}: {answer.body[:300]!r}")
        return answer.json()

    def put_json(self, path, value):
        return self.http.send("PUT", path, {"Authorization": "Bearer " + self.token,
                                            "Content-Type": "application/json"}, json.dumps(value).encode())


def log_in(http_client, username, password):
    body = json.dumps({"username": username, "password": password}).encode()
    for _ in range(30):  # the auth feature may still be starting
        answer = http_client.send("POST", "/api/v1/auth/login", {"Content-Type": "application/json"}, body)
        if answer.status == 200:
            return answer.json()["token"]
        time.sleep(1)
    raise SystemExit(f"fuzz_api: login as {username} answered {answer.status}: {answer.body[:300]!r}")


# --- the OpenAPI document --------------------------------------------------------------------------------------

@dataclasses.dataclass
class Operation:
    method: str
    path: str
    operation_id: str
    parameters: list
    body_media: str
    body_schema: dict
    responses: dict
    secured: bool

    @property
    def route(self):
        return f"{self.method} {self.path}"

    @property
    def mutating(self):
        return self.method in MUTATING

    def params(self, where):
        return [p for p in self.parameters if p.get("in") == where]


def operations_of(document):
    found = []
    for path, methods in sorted(document.get("paths", {}).items()):
        if WEBSOCKET_PATH.search(path):
            continue
        for method, spec in sorted(methods.items()):
            if method not in HTTP_METHODS:
                continue
            body_media, body_schema = None, None
            for media, content in spec.get("requestBody", {}).get("content", {}).items():
                body_media, body_schema = media, content.get("schema", {})
            found.append(Operation(method.upper(), path, spec.get("operationId", method + path),
                                   spec.get("parameters", []), body_media, body_schema,
                                   spec.get("responses", {}), bool(spec.get("security"))))
    return found


class Routes:
    """Which operation a sent path reaches: an empty last segment (`GET /api/v1/users/`) is the list route, not
    `GET /api/v1/users/{username}`, and its answer is judged by that route's schema."""

    def __init__(self, operations):
        self.operations = operations

    def reached(self, method, path):
        segments = [s.split(";", 1)[0] for s in path.split("?", 1)[0].rstrip("/").split("/")]
        best, best_literals = None, -1
        for op in self.operations:
            template = op.path.rstrip("/").split("/")
            if op.method != method or len(template) != len(segments):
                continue
            literals = matching_literals(template, segments)
            if literals is not None and literals > best_literals:
                best, best_literals = op, literals
        return best


def matching_literals(template, segments):
    """How many literal segments match, or None when the path does not fit the template."""
    literals = 0
    for expected, actual in zip(template, segments):
        if expected.startswith("{"):
            if not actual:
                return None
        elif expected == actual:
            literals += 1
        else:
            return None
    return literals


class Schemas:
    """Resolves the document's local `$ref`s."""

    def __init__(self, document):
        self.document = document

    def resolve(self, schema):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema:
            pointer = schema["$ref"]
            if not pointer.startswith("#/") or seen > 32:
                raise ValueError(f"unsupported $ref {pointer}")
            schema = self.document
            for part in pointer[2:].split("/"):
                schema = schema[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
        return schema if isinstance(schema, dict) else {}


# --- a validator for the JSON Schema subset the document uses -------------------------------------------------

DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)?$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$|^/\S*$")
JSON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def json_type_name(value):
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if JSON_TYPES[name](value):
            return name
    return type(value).__name__


def schema_errors(schemas, schema, value, where="$"):
    """What breaks `schema` in `value`: anyOf, type, properties, required, items, enum, additionalProperties,
    format."""
    schema = schemas.resolve(schema)
    if not schema:
        return []
    if "anyOf" in schema:
        branches = [schema_errors(schemas, branch, value, where) for branch in schema["anyOf"]]
        if not any(not errors for errors in branches):
            return min(branches, key=len)
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        if not any(JSON_TYPES.get(t, lambda v: True)(value) for t in allowed):
            return [f"{where}: {json_type_name(value)} {short(value)} where the schema says {'/'.join(allowed)}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {short(value)} is not one of {schema['enum']}")
    if isinstance(value, str):
        errors += format_errors(schema.get("format"), value, where)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(schemas, schema["items"], item, f"{where}[{index}]")
    if isinstance(value, dict):
        errors += object_errors(schemas, schema, value, where)
    return errors


def object_errors(schemas, schema, value, where):
    errors = [f"{where}: required property '{name}' is missing" for name in schema.get("required", [])
              if name not in value]
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            errors += schema_errors(schemas, properties[name], item, f"{where}.{name}")
        elif extra is False:
            errors.append(f"{where}: property '{name}' is not declared")
        elif isinstance(extra, dict):
            errors += schema_errors(schemas, extra, item, f"{where}.{name}")
    return errors


def format_errors(fmt, value, where):
    if fmt == "date-time" and not DATE_TIME.match(value):
        return [f"{where}: {short(value)} is not a date-time"]
    if fmt == "uri" and not URI.match(value):
        return [f"{where}: {short(value)} is not a URI"]
    return []


def short(value, limit=80):
    text = json.dumps(value, ensure_ascii=True) if not isinstance(value, bytes) else repr(value)
    return text if len(text) <= limit else text[:limit] + f"...({len(text)} chars)"


# --- generated requests ----------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Request:
    """One generated request; its repr is the reproducer hypothesis prints for a failing example."""
    method: str
    path: str
    auth: str  # "token", "none", or the name of a forged token
    content_type: str
    body: bytes
    intent: str  # how the request was broken, e.g. "body:wrong_type:cpu"
    accept: str = ""

    def __repr__(self):
        parts = [f"{self.method} {shorten(self.path, 400)}", f"auth={self.auth}", f"intent={self.intent}"]
        if self.content_type:
            parts.append(f"content-type={self.content_type}")
        if self.accept:
            parts.append(f"accept={self.accept}")
        if self.body is not None:
            parts.append(f"body={shorten(self.body.decode('utf-8', 'backslashreplace'), 600)}")
        return "Request(" + ", ".join(parts) + ")"


def shorten(text, limit):
    return text if len(text) <= limit else f"{text[:limit]}...({len(text)} chars)"


def encode_segment(text):
    return urllib.parse.quote(text.encode("utf-8", "surrogatepass"), safe="")


# Segments sent as they stand: already encoded, or deliberately raw, to probe Jetty's and Jersey's path handling.
RAW_SEGMENTS = [
    "..", ".", "%2e%2e", "%2E%2E%2F", "a%2Fb", "%2F", "..%2F..%2Fetc%2Fpasswd", "%00", "a%00b", "%FF", "%C0%AE",
    ";", "a;b=c", "%3B", "%20", "%09", "%25", "%252F", "-1", "0", "99999999999999999999", "%E2%80%AE", "~", "*",
    "a%5Cb", "%5C..%5C", "null", "%7B%7D", "{name}", "%0d%0aX-Injected:%201", "a?b", "a#b", "%3F", "%23",
]
TRICKY_TEXT = [
    "", " ", "\u0000", "\ud800", "\udfff", "\u202e", "\ufeff", "\u00e9", "e\u0301", "\U0001f600", "\uff41\uff44",
    "\u0130", "\u212a", "a" * 64, "A", "-", "_", ".", "..", "../../etc/passwd", "C:\\Windows", "' OR 1=1 --",
    "${jndi:ldap://127.0.0.1/x}", "<script>", "%s%n", "\r\nX-Injected: 1", "null", "true", "0", "-1",
]
HUGE_LENGTHS = [300, 4096, 70_000, 1_100_000]
# A URL past Jetty's 8 KiB header limit is refused with 414 already at 9,000 characters; longer ones only race the
# server's early close against the client's sending.
HUGE_URL_LENGTHS = [300, 4096, 9000]
BAD_NUMBERS = [-1, 0, -(2 ** 31) - 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63, 2 ** 64, 10 ** 30, -(10 ** 30), 1.5, -0.0,
               1e308, 1e-308, 0.1]
MALFORMED_JSON = [
    b"", b"{", b"}", b"[", b'{"a":}', b"{'a':1}", b'{"a":NaN}', b'{"a":Infinity}', b'{"a":1,}', b"{,}",
    b'{"a":1}{"b":2}', b'{"a":1', b"\xff\xfe{}", b"\xef\xbb\xbf{}", b"nul", b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 3000 + b"1" + b"}" * 3000, b'{"a":"\\ud800"}', b'{"a":"\\u00"}', b"\x00", b"<xml/>", b"a=b&c=d",
]
ODD_CONTENT_TYPES = [
    "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=ebcdic",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/", "garbage",
    "application/problem+json", "",
]
ODD_ACCEPTS = ["application/xml", "text/html", "*/*", "application/problem+json", "garbage", "text/plain"]
FORGED_TOKENS = ["garbage", "tampered", "alg-none", "basic", "empty-bearer", "huge"]


def mostly(ordinary, rare, one_in):
    """`ordinary` about (one_in - 1) times in one_in, else one of `rare`. Hypothesis favours and shrinks toward the
    first choice of a sampled_from, so the ordinary one comes first: rare oddities then stay out of the minimal
    example unless they are what fails."""
    return st.sampled_from([False] * (one_in - 1) + [True]).flatmap(
        lambda rarely: st.sampled_from(rare) if rarely else st.just(ordinary))


PASSWORD = st.from_regex(r"\A[A-Za-z0-9]{16,32}\Z")
NAME = st.from_regex(r"\A[a-z][a-z0-9-]{0,20}[a-z0-9]\Z")
FUZZ_NAME = st.from_regex(r"\Afz[a-z0-9]{2,10}\Z")


def any_json(max_leaves=6):
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=max_leaves)


def text_like(huge=HUGE_URL_LENGTHS):
    return st.one_of(st.text(max_size=40), st.sampled_from(TRICKY_TEXT), st.sampled_from(huge).map(lambda n: "x" * n))


class Hints:
    """What a field or parameter of a given name usually holds, so that valid requests get past validation into
    the server's real work (what must never be sent is kept out by RequestFactory.make_safe and Protected)."""

    def __init__(self, known):
        self.known = known  # names that exist at the start: users, instances, hosts, job ids
        self.roles = st.sampled_from(["admin", "operator", "viewer"])

    def property_value(self, name):
        """A value the server should accept for a body property of this name, or None when there is no hint."""
        return {
            "name": FUZZ_NAME, "username": FUZZ_NAME, "project": FUZZ_NAME,
            "role": self.roles,
            "password": PASSWORD, "newPassword": PASSWORD,
            "currentPassword": PASSWORD,  # never the real one (see make_safe): a refused password change
            "image": st.just(NO_SUCH_IMAGE),
            "cpu": st.integers(1, 2), "memoryMiB": st.integers(16, 512), "diskGiB": st.integers(1, 5),
            "hostPort": st.integers(10000, 60000), "containerPort": st.integers(1, 65535),
            "protocol": st.sampled_from(["tcp", "udp"]),
            "host": st.sampled_from(self.known["hosts"] + ["fz-no-such-host"]),
            "url": st.sampled_from(["https://127.0.0.1:1", "https://[::1]:1", "https://localhost:1"]),
            "socket": st.sampled_from(["/tmp/axion-fuzz-no-such.sock", "/nonexistent/unix.socket"]),
            "start": st.booleans(),
        }.get(name)

    def query_value(self, name):
        return st.one_of({
            "limit": st.sampled_from(["1", "200", "1000", "1001", "0", "-1", "abc", "", "1e3", "0x10", " 5",
                                      "99999999999999999999", "2147483648"]),
            "force": st.sampled_from(["true", "false", "1", "yes", "maybe", ""]),
            "path": st.sampled_from(["/etc/hostname", "/", "/tmp", "../../etc/passwd", "relative", "/a\u0000b",
                                     "/" + "a" * 5000, "//", "/tmp/../etc"]),
            "state": st.sampled_from(["PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "pending", "NOPE"]),
            "type": st.sampled_from(["file", "directory", "symlink", "socket", ""]),
            "mode": st.sampled_from(["0644", "0777", "7777", "-1", "abc", "4294967296"]),
            "uid": st.sampled_from(["0", "1000", "-1", "abc", "4294967296"]),
            "gid": st.sampled_from(["0", "1000", "-1", "abc", "4294967296"]),
            "host": st.sampled_from(self.known["hosts"] + ["fz-no-such-host"]),
            "user": st.sampled_from(self.known["users"] + ["fz-nobody"]),
            "instance": st.sampled_from(self.known["instances"] + ["fz-none"]),
        }.get(name, NAME), text_like())

    def path_value(self, name):
        pools = {"username": self.known["users"], "name": self.known["instances"] + self.known["hosts"],
                 "id": self.known["jobs"]}
        known = pools.get(name, [])
        numbers = st.integers(-(2 ** 64), 2 ** 64).map(str)
        return st.one_of(NAME, FUZZ_NAME, numbers, st.sampled_from(known or ["fz-none"]), text_like())


def main_type(schema):
    """The schema's type, or the first that is not null of a list such as ["string", "null"]."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind


def first_not_null(branches):
    return next((b for b in branches if not (isinstance(b, dict) and b.get("type") == "null")), {})


class RequestFactory:
    """Hypothesis strategies for the requests of one operation, valid and broken, built from its schemas."""

    def __init__(self, schemas, hints, protected):
        self.schemas = schemas
        self.hints = hints
        self.protected = protected

    # values from a schema ------------------------------------------------------------------------------------
    def valid(self, schema, depth=0, semantic=False):
        """Values that match `schema`; `semantic` ones also hold what the server checks beyond it (names, sizes,
        roles), from the hints, so that they get past validation into the server's real work."""
        schema = self.schemas.resolve(schema)
        if depth > 4 or not schema:
            return any_json(3)
        if "anyOf" in schema:  # "this or null": generate the thing itself
            return self.valid(first_not_null(schema["anyOf"]), depth, semantic)
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kind = main_type(schema)
        if kind == "object":
            return self.valid_object(schema, depth, semantic)
        if kind == "array":
            return st.lists(self.valid(schema.get("items", {}), depth + 1, semantic), max_size=4)
        return self.valid_scalar(kind, schema.get("format"))

    def valid_object(self, schema, depth, semantic):
        properties = schema.get("properties", {})
        if not properties:
            extra = schema.get("additionalProperties", {})
            extra = extra if isinstance(extra, dict) else {}
            return st.dictionaries(st.text(max_size=8), self.valid(extra, depth + 1), max_size=3)
        required, optional = {}, {}
        for name, sub in properties.items():
            hinted = self.hints.property_value(name) if semantic else None
            into = required if hinted is not None or name in schema.get("required", []) else optional
            into[name] = hinted if hinted is not None else self.valid(sub, depth + 1, semantic)
        return st.fixed_dictionaries(required, optional=optional)

    @staticmethod
    def valid_scalar(kind, fmt):
        if kind == "string" and fmt == "date-time":
            return st.datetimes().map(lambda d: d.isoformat() + "Z")
        return {
            "string": st.text(max_size=24),
            "integer": st.one_of(st.integers(0, 64), st.integers(-(2 ** 31), 2 ** 31 - 1)),
            "number": st.floats(allow_nan=False, allow_infinity=False),
            "boolean": st.booleans(),
            "null": st.none(),
        }.get(kind, any_json(3))

    # broken values -------------------------------------------------------------------------------------------
    @staticmethod
    def wrong_type(schema):
        kind = main_type(schema)
        others = {"string": st.one_of(st.integers(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)),
                  "integer": st.one_of(st.text(max_size=10), st.booleans(), st.none(), st.sampled_from(BAD_NUMBERS),
                                       st.just({})),
                  "number": st.one_of(st.text(max_size=10), st.booleans(), st.just([])),
                  "boolean": st.one_of(st.sampled_from(["true", "yes", 1, 0, None]), st.just({})),
                  "object": st.one_of(st.text(max_size=5), st.integers(), st.just([]), st.none()),
                  "array": st.one_of(st.text(max_size=5), st.just({}), st.integers())}
        return others.get(kind, st.one_of(st.integers(), st.text(max_size=5), st.just([])))

    def broken_property(self, draw, schema, properties):
        """A valid object with one property broken; returns (the property, how)."""
        name = draw(st.sampled_from(sorted(properties)))
        sub = self.schemas.resolve(properties[name])
        how = draw(st.sampled_from(["wrong_type", "huge", "unicode", "number", "null", "missing"]))
        if how == "wrong_type":
            return name, how, draw(self.wrong_type(sub))
        if how == "huge":
            return name, how, "x" * draw(st.sampled_from(HUGE_LENGTHS))
        if how == "unicode":
            return name, how, draw(st.one_of(st.sampled_from(TRICKY_TEXT), st.text(min_size=1, max_size=30)))
        if how == "number":
            return name, how, draw(st.sampled_from(BAD_NUMBERS))
        if how == "null":
            return name, how, None
        return name, how, MISSING

    def body(self, draw, op):
        """(content type, body bytes, intent) for the operation's request body."""
        if op.body_media is None:
            unexpected = draw(mostly(None, [b"{}", b"[1]", b"x" * 70_000], 10))  # a body the route takes none of
            return ("", None, "no-body") if unexpected is None else ("application/json", unexpected, "body:unexpected")
        if op.body_media != "application/json":
            data = draw(st.one_of(st.binary(max_size=2048), st.sampled_from([b"", b"x" * 200_000])))
            media = draw(st.sampled_from(["application/octet-stream", op.body_media] + ODD_CONTENT_TYPES[:3]))
            return media, data, "body:binary"
        schema = self.schemas.resolve(op.body_schema)
        mode = draw(st.sampled_from(["valid", "valid", "schema", "property", "property", "property", "top_level",
                                     "malformed", "content_type", "extra"]))
        value = draw(self.valid(op.body_schema, semantic=mode != "schema"))
        intent = "body:" + mode
        if mode == "property" and isinstance(value, dict) and schema.get("properties"):
            name, how, broken = self.broken_property(draw, schema, schema["properties"])
            value = dict(value)
            if broken is MISSING:
                value.pop(name, None)
            else:
                value[name] = broken
            intent = f"body:{how}:{name}"
        elif mode == "top_level":
            value = draw(st.one_of(st.just([]), st.just(None), st.integers(), st.text(max_size=8), st.just(True),
                                   st.lists(st.just(value), min_size=1, max_size=2)))
        elif mode == "malformed":
            return "application/json", draw(st.sampled_from(MALFORMED_JSON)), intent
        elif mode == "extra":
            value = dict(value) if isinstance(value, dict) else {}
            value[draw(st.sampled_from(["__proto__", "constructor", "id", "role", "x" * 300, ""]))] = \
                draw(any_json(3))
        value = self.make_safe(op, value)
        media = "application/json" if mode != "content_type" else draw(st.sampled_from(ODD_CONTENT_TYPES))
        return media, encode_json(draw, value), intent

    def make_safe(self, op, value):
        """Keeps generated bodies from starting real instances or reaching beyond loopback."""
        if not isinstance(value, dict):
            return value
        value = dict(value)
        image = value.get("image")
        if op.route == "POST /api/v1/instances" and isinstance(image, str) and (":" in image or image.strip() == ""):
            # `remote:alias` makes LXD pull from the internet; an empty image may mean a default one.
            value["image"] = NO_SUCH_IMAGE
        if op.route == "POST /api/v1/instances" and isinstance(image, str) and image.strip() in self.protected.images:
            value["image"] = NO_SUCH_IMAGE
        url = value.get("url")
        if isinstance(url, str) and "://" in url and not loopback_url(url):
            value["url"] = "https://127.0.0.1:1"
        if op.route == "POST /api/v1/auth/password" and value.get("currentPassword") == self.protected.password:
            value["currentPassword"] = "fz-" + value["currentPassword"]
        return value

    # the whole request ---------------------------------------------------------------------------------------
    def path(self, draw, op):
        path = op.path
        for param in op.params("path"):
            segment = draw(mostly(None, RAW_SEGMENTS, 6))
            if segment is None:
                segment = encode_segment(draw(self.hints.path_value(param["name"])))
            if op.mutating and self.protected.names(op, param["name"], segment):
                segment = "fz-protected-skipped"
            path = path.replace("{" + param["name"] + "}", segment)
        return path

    def query(self, draw, op):
        pairs = []
        for param in op.params("query"):
            if draw(st.booleans()):
                pairs.append((param["name"], draw(self.hints.query_value(param["name"]))))
        if pairs and draw(mostly(False, [True], 8)):
            pairs.append(pairs[0])  # the same parameter twice
        if draw(mostly(False, [True], 10)):
            pairs.append((draw(st.sampled_from(["x", "", "limit", "a[b]", "%00"])), draw(text_like())))
        return "&".join(encode_segment(k) + "=" + encode_segment(v) for k, v in pairs)

    def strategy(self, op):
        @st.composite
        def requests(draw):
            path = self.path(draw, op)
            query = self.query(draw, op)
            content_type, body, intent = self.body(draw, op)
            auth = draw(mostly("token", ["none"] + FORGED_TOKENS, 5))
            accept = draw(mostly("", ODD_ACCEPTS, 12))
            return Request(op.method, path + ("?" + query if query else ""), auth, content_type, body, intent, accept)
        return requests()


MISSING = object()


def encode_json(draw, value):
    # ensure_ascii=False with lone surrogates gives bytes that are not UTF-8: a broken encoding of its own.
    if draw(st.booleans()):
        return json.dumps(value).encode()
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def loopback_url(url):
    host = urllib.parse.urlsplit(url).hostname or ""
    return host in ("127.0.0.1", "::1", "localhost")


def normalized(text):
    return unicodedata.normalize("NFKC", text).casefold().strip()


class Protected:
    """What generated requests must never touch: the admin account, the hosts and images that exist at the start."""

    def __init__(self, admin, password, hosts, images):
        self.admin = admin
        self.password = password
        self.hosts = set(hosts)
        self.images = set(images)

    def names(self, op, param, segment):
        decoded = normalized(urllib.parse.unquote(segment))
        if op.path.startswith("/api/v1/users/{username}") and param == "username":
            return decoded == normalized(self.admin)  # DELETE admin, or a new password for admin
        if op.path.startswith("/api/v1/hosts/{name}") and param == "name":
            return decoded in {normalized(h) for h in self.hosts}
        return False


# --- state, to see what a refused request changed --------------------------------------------------------------

def snapshot(axion):
    """Names, ids and limits; never usage figures, states or times that move by themselves."""
    instances = axion.get_json("/api/v1/instances")
    users = axion.get_json("/api/v1/users")
    quota = axion.get_json("/api/v1/quota")
    jobs = axion.get_json("/api/v1/jobs?limit=200")
    hosts = axion.get_json("/api/v1/hosts")
    return {
        "instances": sorted((i.get("name"), i.get("image"), i.get("cpu"), i.get("memoryMiB"), i.get("host"))
                            for i in instances),
        "users": sorted((u.get("username"), u.get("role"), u.get("passwordChangedAt")) for u in users),
        "quota": quota_limits(quota),
        "jobs": sorted(j.get("id") for j in jobs),
        "hosts": sorted((h.get("name"), h.get("url"), h.get("socket"), h.get("project")) for h in hosts),
    }


def quota_limits(quota):
    def limit(part):
        return (part or {}).get("limit")
    return (limit(quota.get("cpu")), limit(quota.get("memoryMiB")),
            sorted((h.get("host"), limit(h.get("cpu")), limit(h.get("memoryMiB"))) for h in quota.get("hosts", [])))


def differences(before, after):
    lines = []
    for key in before:
        gone = [x for x in before[key] if x not in after[key]] if isinstance(before[key], list) else []
        new = [x for x in after[key] if x not in before[key]] if isinstance(after[key], list) else []
        if before[key] != after[key]:
            lines.append(f"{key}: gone {gone} new {new}" if isinstance(before[key], list)
                         else f"{key}: {before[key]} -> {after[key]}")
    return lines


def wait_for_quiet_jobs(axion):
    """After an accepted change, lets its jobs end, so that they do not move the state under the next check."""
    deadline = time.monotonic() + QUIET_JOBS_SECONDS
    while time.monotonic() < deadline:
        jobs = axion.get_json("/api/v1/jobs?limit=200")
        if not any(j.get("state") in ("PENDING", "IN_PROGRESS") for j in jobs):
            return
        time.sleep(0.2)


# --- checks ----------------------------------------------------------------------------------------------------

def media_type(content_type):
    return content_type.split(";", 1)[0].strip().lower()


def check_problem(schemas, op, answer, where):
    if media_type(answer.content_type) != "application/problem+json":
        raise NotAProblem(f"{where}: {answer.status} with Content-Type '{answer.content_type}', not "
                          f"application/problem+json: {answer.body[:300]!r}")
    try:
        problem = answer.json()
    except ValueError:
        raise NotAProblem(f"{where}: {answer.status} problem+json that is not JSON: {answer.body[:300]!r}") from None
    if not isinstance(problem, dict):
        raise NotAProblem(f"{where}: {answer.status} problem that is not an object: {answer.body[:300]!r}")
    missing = [f for f in ("type", "title", "status") if f not in problem]
    if missing or problem.get("status") != answer.status:
        raise NotAProblem(f"{where}: {answer.status} problem without {missing or 'the right status'}: "
                          f"{answer.body[:300]!r}")
    schema = op.responses.get("default", {}).get("content", {}).get("application/problem+json", {}).get("schema")
    errors = schema_errors(schemas, schema, problem) if schema else []
    if errors:
        raise NotAProblem(f"{where}: {answer.status} problem breaks the declared schema: " + "; ".join(errors[:5]))


def declared_response(op, status):
    for key in (str(status), f"{status // 100}XX"):
        if key in op.responses:
            return op.responses[key]
    return None


def check_success(schemas, op, answer, where):
    declared = declared_response(op, answer.status)
    if declared is None:
        raise BrokenResponseSchema(f"{where}: {answer.status} is not among the declared responses "
                                   f"{sorted(op.responses)}: {answer.body[:200]!r}")
    content = declared.get("content", {})
    if not content or not answer.body:
        return
    media = media_type(answer.content_type)
    if media not in content and "*/*" not in content:
        raise BrokenResponseSchema(f"{where}: {answer.status} with Content-Type '{answer.content_type}', declared "
                                   f"{sorted(content)}")
    schema = content.get(media, content.get("*/*", {})).get("schema", {})
    if not media.endswith("json") or not schemas.resolve(schema):
        return
    try:
        value = answer.json()
    except ValueError:
        raise BrokenResponseSchema(f"{where}: {answer.status} {media} that is not JSON: {answer.body[:200]!r}") \
            from None
    errors = schema_errors(schemas, schema, value)
    if errors:
        raise BrokenResponseSchema(f"{where}: {answer.status} breaks its declared schema ({len(errors)} errors): "
                                   + "; ".join(errors[:5]))


# --- running ---------------------------------------------------------------------------------------------------

class Fuzzer:
    """Runs one hypothesis test per operation and keeps what each one saw."""

    def __init__(self, axion, schemas, routes, factory, forged_tokens):
        self.axion = axion
        self.routes = routes
        self.schemas = schemas
        self.factory = factory
        self.forged_tokens = forged_tokens
        self.stats = collections.OrderedDict()

    def headers(self, request):
        headers = {}
        if request.auth == "token":
            headers["Authorization"] = "Bearer " + self.axion.token
        elif request.auth != "none":
            headers["Authorization"] = self.forged_tokens[request.auth]
        if request.content_type:
            headers["Content-Type"] = request.content_type
        if request.accept:
            headers["Accept"] = request.accept
        return headers

    def check(self, op, request):
        """Sends one request and raises a Violation for anything it breaks."""
        watch = op.mutating
        before = snapshot(self.axion) if watch else None
        answer = self.axion.http.send(request.method, request.path, self.headers(request), request.body)
        self.stats[op.route]["statuses"][answer.status] += 1  # counted for the operation that generated it
        where = f"{request.method} {shorten(request.path, 200)}"
        op = self.routes.reached(request.method, request.path) or op
        if answer.status >= 500:
            raise ServerError(f"{where}: {answer.status} {answer.content_type}: {answer.body[:300]!r}")
        if 400 <= answer.status < 500:
            check_problem(self.schemas, op, answer, where)
        elif 200 <= answer.status < 300:
            if op.secured and request.auth != "token":
                raise ServedWithoutToken(f"{where}: {answer.status} with auth={request.auth}")
            check_success(self.schemas, op, answer, where)
        else:
            check_success(self.schemas, op, answer, where)  # a 1xx/3xx is declared nowhere
        if not watch:
            return
        if 200 <= answer.status < 300:
            self.undo_slow_creation(op, answer)
            wait_for_quiet_jobs(self.axion)
            return
        changed = differences(before, snapshot(self.axion))
        if changed:
            raise RefusedButChanged(f"{where}: answered {answer.status} yet changed " + "; ".join(changed))

    def undo_slow_creation(self, op, answer):
        """Removes a host an accepted request added: each unreachable host makes every later list call of the
        server about 2 s slower, which would stretch a bounded run into hours."""
        if op.route != "POST /api/v1/hosts":
            return
        try:
            name = answer.json().get("name")
        except (ValueError, AttributeError):
            return
        if isinstance(name, str) and name not in self.factory.protected.hosts:
            self.axion.http.send("DELETE", "/api/v1/hosts/" + encode_segment(name),
                                 {"Authorization": "Bearer " + self.axion.token})

    def run(self, op, examples, op_seed):
        stats = self.stats.setdefault(op.route, {"cases": 0, "statuses": collections.Counter(), "failure": None})
        failed = {}  # request -> violation: a known failure is raised again, never re-sent (the state may have moved)
        spent_after_failure = [0]

        @seed(op_seed)
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), verbosity=Verbosity.normal,
                  phases=[Phase.explicit, Phase.generate, Phase.shrink], report_multiple_bugs=True)
        @given(self.factory.strategy(op))
        def case(request):
            if request in failed:
                raise failed[request]
            if failed:
                spent_after_failure[0] += 1
                if spent_after_failure[0] > SHRINK_BUDGET:
                    return
            stats["cases"] += 1
            try:
                self.check(op, request)
            except Violation as violation:
                failed[request] = violation
                raise

        try:
            case()
        except Exception as error:  # hypothesis' notes on it hold the shrunk example(s)
            stats["failure"] = error
            print(f"FAILED {op.route}: {describe(error)}", flush=True)


def describe(error):
    """The violation and, from hypothesis' notes on it, the shrunk example that raised it."""
    inner = getattr(error, "exceptions", None)
    if inner:
        return "\n".join(describe(e) for e in inner)
    notes = [n for n in getattr(error, "__notes__", []) if not n.startswith("You can add @seed")]
    return "\n    ".join([f"{type(error).__name__}: {error}"] + notes)


def budgets(operations, total):
    """Splits `total` cases across operations, more to those with more to vary."""
    weights = [1 + len(op.parameters) + (3 if op.body_schema else 0) for op in operations]
    return [max(5, round(total * w / sum(weights))) for w in weights]


def forged_tokens(token):
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    _, _, rest = token.partition(".")
    return {
        "garbage": "Bearer garbage",
        "tampered": "Bearer " + tampered,
        "alg-none": "Bearer eyJhbGciOiJub25lIn0." + rest.partition(".")[0] + ".",
        "basic": "Basic YWRtaW46YWRtaW4=",
        "empty-bearer": "Bearer ",
        "huge": "Bearer " + "A" * 9000,
    }


def known_names(axion):
    """What exists before the run: path parameters sometimes name it, and the protected part must stay as it is."""
    health = axion.http.send("GET", "/api/v1/health").json()
    hosts = (health.get("lxd") or {}).get("hosts") or []
    hosts = list(hosts) + [h.get("name") for h in axion.get_json("/api/v1/hosts")]
    images = axion.get_json("/api/v1/images")
    return {
        "users": sorted({u["username"] for u in axion.get_json("/api/v1/users")}),
        "instances": sorted({i["name"] for i in axion.get_json("/api/v1/instances")}),
        "hosts": sorted({h for h in hosts if h}),
        "jobs": sorted({j["id"] for j in axion.get_json("/api/v1/jobs?limit=20")}),
        "images": sorted({a for i in images for a in (i.get("aliases") or [])}
                         | {i.get("fingerprint") for i in images if i.get("fingerprint")}),
    }


def parse_arguments(argv):
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Fuzzes a running Axion through its OpenAPI document.")
    parser.add_argument("--base", default=env("AXION_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--username", default=env("AXION_ADMIN_USER", "admin"))
    parser.add_argument("--password", default=env("AXION_ADMIN_PASSWORD"))
    parser.add_argument("--token", default=env("AXION_TOKEN"), help="an admin token instead of logging in")
    parser.add_argument("--cases", type=int, default=int(env("AXION_FUZZ_CASES", "2000")))
    parser.add_argument("--seed", type=int, default=int(env("AXION_FUZZ_SEED", "1")))
    parser.add_argument("--only", default=None, help="a regular expression on 'METHOD /path'")
    parser.add_argument("--list", action="store_true", help="print the operations and exit")
    arguments = parser.parse_args(argv)
    if not arguments.password and not arguments.token:
        parser.error("give --password (or AXION_ADMIN_PASSWORD) or --token (or AXION_TOKEN)")
    return arguments


def print_summary(fuzzer, seconds, seed_value):
    width = max(len(route) for route in fuzzer.stats)
    for route, stats in fuzzer.stats.items():
        statuses = " ".join(f"{s}:{n}" for s, n in sorted(stats["statuses"].items()))
        verdict = "FAIL " + type(stats["failure"]).__name__ if stats["failure"] else "ok"
        print(f"{route:<{width}}  {stats['cases']:>5} cases  {verdict:<24} {statuses}")
    failed = sum(1 for s in fuzzer.stats.values() if s["failure"])
    total = sum(s["cases"] for s in fuzzer.stats.values())
    print(f"fuzz_api: {total} requests to {len(fuzzer.stats)} operations, seed {seed_value}, {seconds:.0f} s")
    print(f"fuzz_api: {len(fuzzer.stats) - failed} passed, {failed} failed")
    return failed


def main(argv):
    arguments = parse_arguments(argv)
    http_client = Http(arguments.base)
    token = arguments.token or log_in(http_client, arguments.username, arguments.password)
    axion = Axion(http_client, token)
    document = axion.get_json("/api/v1/openapi.json")
    schemas = Schemas(document)
    operations = [op for op in operations_of(document)
                  if not arguments.only or re.search(arguments.only, op.route)]
    if arguments.list:
        for op in operations:
            print(op.route, op.operation_id)
        return 0
    if not operations:
        raise SystemExit("fuzz_api: no operation to fuzz")
    known = known_names(axion)
    protected = Protected(arguments.username, arguments.password, known["hosts"], known["images"])
    factory = RequestFactory(schemas, Hints(known), protected)
    fuzzer = Fuzzer(axion, schemas, Routes(operations_of(document)), factory, forged_tokens(token))
    original_quota = quota_limits(axion.get_json("/api/v1/quota"))
    started = time.monotonic()
    print(f"fuzz_api: {len(operations)} operations of {arguments.base}, about {arguments.cases} cases, "
          f"seed {arguments.seed}", flush=True)
    try:
        for op, examples in zip(operations, budgets(operations, arguments.cases)):
            fuzzer.run(op, examples, zlib.crc32(f"{arguments.seed}:{op.route}".encode()))
    finally:
        restore_quota(axion, original_quota)
    return 1 if print_summary(fuzzer, time.monotonic() - started, arguments.seed) else 0


def restore_quota(axion, limits):
    """Puts back the quota limits that generated PUTs may have changed."""
    cpu, memory, _ = limits
    if quota_limits(axion.get_json("/api/v1/quota"))[:2] != (cpu, memory):
        axion.put_json("/api/v1/quota", {"cpu": cpu, "memoryMiB": memory})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
