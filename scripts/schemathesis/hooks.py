"""Schemathesis hooks for ThingData: generated bodies that name other entries get ids
of entries that exist (categories and parents name top-level categories), media items
name a file that is stored, and procedure steps get distinct positions.

A schema can say that `thing_id` is a UUID, not that a thing with that id exists, nor
that two steps may not share an `order`; so generated bodies would almost never be
accepted, and the server rightly answers 422. This hook changes only values that are
already valid (a well-formed id, a whole-number order), so a body generated to break
the schema still breaks it. Ids are read from the API at the time, as the run deletes
entries as it goes.
"""

import json
import os
import re
import struct
import urllib.error
import urllib.request
import zlib

import schemathesis

BASE = os.environ["THINGDATA_URL"]
PLURAL = {"thing": "things", "story": "stories", "guide": "guides", "relationship": "relationships",
          "event": "events"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HASH = re.compile(r"^[0-9a-f]{64}$")
KEY = re.compile(r"[a-z][a-z0-9_-]{0,39}")
TOKEN = os.environ.get("THINGDATA_TOKEN", "")
_stored = []
MAX_ORDER = 10_000


def known(kind):
    return isinstance(kind, str) and kind in PLURAL


def get(path):
    try:
        with urllib.request.urlopen(f"{BASE}{path}", timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError:
        return {}


def live_ids(kind):
    """Ids of the newest live entries of `kind`."""
    return [e["id"] for e in get(f"/api/v1/{PLURAL[kind]}?limit=50").get("items", [])]


def point_at_live(body, field, kind, avoid=()):
    value = body.get(field)
    if not isinstance(value, str) or not UUID.match(value) or not known(kind):
        return
    found = [i for i in live_ids(kind) if i not in avoid]
    if found:
        body[field] = found[0]


def top_categories(avoid=None):
    """Ids of top-level categories other than `avoid`. One with no parent is below no
    other category, so naming it as a parent makes no cycle unless it is the category
    being edited."""
    return [n["id"] for n in get("/api/v1/categories/tree").get("roots", []) if n["id"] != avoid]


def point_list_at_categories(body, field, own=None):
    items = body.get(field)
    if not isinstance(items, list):
        return
    found = top_categories(own)
    for i, item in enumerate(items):
        if found and isinstance(item, str) and UUID.match(item):
            items[i] = found[i % len(found)]


def related(kind, entry):
    """The entry and those already related to it either way: a second relationship
    between the same two is refused as a duplicate."""
    r = get(f"/api/v1/{PLURAL[kind]}/{entry}/relationships")
    rels = r.get("outgoing", []) + r.get("incoming", [])
    return {x for rel in rels for x in (rel["source_id"], rel["target_id"])} | {entry}


def png():
    """A valid 2 × 2 PNG, made here."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([200, 40, 40] * 2) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def stored_media():
    """The hash of a file stored on the server, uploaded once."""
    if not _stored:
        boundary = "hooks-boundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n\r\n".encode()
                + png() + f"\r\n--{boundary}--\r\n".encode())
        req = urllib.request.Request(f"{BASE}/api/v1/media", data=body, method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            _stored.append(json.load(r)["hash"])
    return _stored[0]


def stored_files(items):
    """Media items that name a well-formed hash name the stored file instead."""
    if not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and HASH.match(item["id"]):
            item["id"] = stored_media()


def distinct_orders(steps):
    """Gives steps that share a valid position the lowest free ones instead."""
    if not isinstance(steps, list):
        return
    valid = [s for s in steps if isinstance(s, dict) and type(s.get("order")) in (int, float)
             and s["order"] == int(s["order"]) and 1 <= s["order"] <= MAX_ORDER]
    taken, seen = {int(s["order"]) for s in valid}, set()
    free = (n for n in range(1, MAX_ORDER + 1) if n not in taken)
    for s in valid:
        n = int(s["order"])
        if n in seen:
            s["order"] = next(free, n)
        seen.add(int(s["order"]))


def fix(path, body, own=None):
    if not isinstance(body, dict):
        return body
    if path.startswith("/api/v1/categories"):
        point_list_at_categories(body, "parents", own)
        # A top-level category is below no other, so merging into it is always allowed
        # (by the merge action's `into`, or a category body's `merged_into`).
        for field in ("into", "merged_into"):
            if isinstance(body.get(field), str) and UUID.match(body[field]):
                found = top_categories(own)
                if found:
                    body[field] = found[0]
        # A split moves only what is filed directly under the category, which a
        # generated id never is (422 not_filed_here): well-formed moves are left out.
        for part in body.get("parts") if path.endswith("/split") and isinstance(body.get("parts"), list) else []:
            moves = part.get("moves") if isinstance(part, dict) else None
            if isinstance(moves, list) and all(isinstance(m, str) and UUID.match(m) for m in moves):
                part["moves"] = []
    if path.startswith(("/api/v1/things", "/api/v1/stories", "/api/v1/guides")):
        point_list_at_categories(body, "categories")
        stored_files(body.get("media"))
        content = body.get("content")
        for steps in (body.get("procedure"), content.get("procedure") if isinstance(content, dict) else None):
            for step in steps if isinstance(steps, list) else []:
                if isinstance(step, dict):
                    stored_files(step.get("media"))
    if path.startswith(("/api/v1/stories", "/api/v1/guides")):
        point_at_live(body, "thing_id", "thing")
        distinct_orders(body.get("procedure"))
        content = body.get("content")
        if isinstance(content, dict):
            distinct_orders(content.get("procedure"))
    elif path.startswith(("/api/v1/terms", "/api/v1/vocabularies/")):
        # A key is unique in its vocabulary (422 duplicate_term): a well-formed one gets
        # a random ending, so two generated terms do not collide.
        key = body.get("key")
        if isinstance(key, str) and KEY.fullmatch(key):
            body["key"] = f"{key[:31]}-{os.urandom(4).hex()}"
        point_at_live(body, "thing_id", "thing")
    elif path == "/api/v1/suggested-terms/map":
        # The term must be one of the named vocabulary's (422 not_found otherwise).
        vocabulary = body.get("vocabulary")
        term = body.get("term")
        if vocabulary in ("materials", "tools") and isinstance(term, str) and UUID.match(term):
            found = [t["id"] for t in get(f"/api/v1/vocabularies/{vocabulary}").get("terms", [])]
            if found:
                body["term"] = found[0]
    elif path.startswith("/api/v1/repairs"):
        # What a record names must exist and be of its kind (422 not_found otherwise).
        for field, kind in (("x_thing_id", "thing"), ("x_story_id", "story"), ("x_guide_id", "guide")):
            point_at_live(body, field, kind)
        # A record made at an event names the event's group and day (422
        # event_mismatch otherwise); with no event to name, it names none.
        event = body.get("x_event_id")
        if isinstance(event, str) and UUID.match(event):
            events = get("/api/v1/events?limit=1").get("items", [])
            if events:
                body["x_event_id"] = events[0]["id"]
                body["group_identifier"] = events[0]["group_identifier"]
                body["event_date"] = events[0]["event_date"]
            else:
                del body["x_event_id"]
    elif path.startswith("/api/v1/outcomes"):
        # An outcome is about a live story or guide, and names a live thing.
        point_at_live(body, "entry_id", body.get("entry_type"))
        point_at_live(body, "thing_id", "thing")
    elif path.startswith("/api/v1/relationships"):
        source_kind = body.get("source_type")
        point_at_live(body, "source_id", source_kind)
        if known(source_kind) and isinstance(body.get("source_id"), str):
            point_at_live(body, "target_id", body.get("target_type"), related(source_kind, body["source_id"]))
    return body


# Bodies drawn from the schema pass through map_body (every phase that draws them);
# the coverage phase builds its cases otherwise, and they pass through map_case. Only
# map_case knows the entry a PUT edits, which a category must not name as its parent.
@schemathesis.hook
def map_body(ctx, body):
    return fix(ctx.operation.path, body)


@schemathesis.hook
def map_case(ctx, case):
    if isinstance(case.body, dict):
        own = (case.path_parameters or {}).get("id")
        case.body = fix(case.operation.path, case.body, own)
    return case
