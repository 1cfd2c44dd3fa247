#!/usr/bin/env python3
"""Writes server/data/world-110m.tsv: one line per country, its ISO 3166 alpha-3 code
and an SVG path in an equirectangular projection (x 0..720, y 0..286 for latitudes 85
to -58; Antarctica left out), from Natural Earth's 1:110m countries as the npm package
world-atlas 2.0.2 ships them (TopoJSON), and the numeric-to-alpha-3 table of
i18n-iso-countries 7.14.0. Run it again only to change the map:

    cd /tmp && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    tar xzf world-atlas-2.0.2.tgz && mv package world-atlas
    tar xzf i18n-iso-countries-7.14.0.tgz && mv package iso
    python3 scripts/make-world-map.py /tmp/world-atlas /tmp/iso > server/data/world-110m.tsv
"""
import json
import sys

atlas, iso = sys.argv[1], sys.argv[2]
topo = json.load(open(f"{atlas}/countries-110m.json"))
alpha3 = {numeric: a3 for _, a3, numeric, _ in json.load(open(f"{iso}/codes.json"))}
(sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]

arcs = []
for arc in topo["arcs"]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        lon, lat = x * sx + tx, y * sy + ty
        points.append(((lon + 180) * 2, (85 - lat) * 2))
    arcs.append(points)


def ring(indices):
    points = []
    for i in indices:
        part = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(part if not points else part[1:])
    # A ring crossing the antimeridian is kept whole past the map's edge, and drawn
    # again from the other edge, so no line runs across the map.
    shift, unwrapped = 0.0, [points[0]]
    for (x0, _), (x, y) in zip(points, points[1:]):
        if x - x0 > 360:
            shift -= 720
        elif x0 - x > 360:
            shift += 720
        unwrapped.append((x + shift, y))
    kept = [unwrapped[0]]
    for p in unwrapped[1:]:
        if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= 0.6:
            kept.append(p)
    if len(kept) < 3:
        return ""
    copies = [0.0]
    if max(x for x, _ in kept) > 720:
        copies.append(-720.0)
    if min(x for x, _ in kept) < 0:
        copies.append(720.0)
    return "".join(
        "M" + "L".join(f"{x + dx:.1f} {y:.1f}" for x, y in kept) + "Z" for dx in copies
    )


for g in topo["objects"]["countries"]["geometries"]:
    code = alpha3.get(g.get("id", ""))
    if not code or code == "ATA":
        continue
    polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
    path = "".join(ring(r) for polygon in polygons for r in polygon)
    if path:
        print(f"{code}\t{path}")
