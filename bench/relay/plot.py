#!/usr/bin/env python3
"""Draws a relay benchmark results directory as one self-contained SVG.

    python3 bench/relay/plot.py RESULTS_DIR OUT.svg

Reads every step JSON that bench/relay/run.sh left in RESULTS_DIR (typingrace-250.json, bare-500.json,
cohort-200.json, ...) and draws two panels against racers (log scale, since the steps double): p99 latency
in ms, with the 100 ms limit dashed, and server CPU per accepted key in µs
(serverProcess.cpuPercent / 100 * 1e6 / acceptedKeysPerSecond). One line per server; a filled marker is a
step the server held (p99 <= 100 ms, no errors, every racer connected), an open one a step it missed.
The title carries the `- settings:` line of RESULTS_DIR/machine.md when there is one.

Python 3 standard library only. Fields a step lacks are left out of the picture; unknown fields are ignored.
Exit code 2 on bad usage or a directory without step JSON.
"""

import json
import math
import os
import sys
from xml.sax.saxutils import escape

LATENCY_LIMIT_MS = 100.0

# The order and names of bench/relay/run.sh's table (RelayTable.cs); other servers follow, by name.
SERVER_ORDER = ["typingrace", "cohort", "bare"]
SERVER_NAMES = {"typingrace": "TypingRace", "cohort": "TypingRace, cohort round", "bare": "bare relay"}

# Okabe-Ito colours, which stay apart for colour-blind readers; markers and dashes differ as well, so the
# lines stay apart in greyscale too.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "7 4", "2 3", "9 3 2 3", "4 2", "1 2"]
MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down", "cross"]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

WIDTH = 1010
PANEL_WIDTH = 400
PANEL_HEIGHT = 300
PANEL_LEFT = [82, 592]


def usage(message):
    print(f"bench/relay/plot.py: {message}", file=sys.stderr)
    print("usage: python3 bench/relay/plot.py RESULTS_DIR OUT.svg", file=sys.stderr)
    sys.exit(2)


def number(value):
    """A finite float, or None for anything else (missing, null, a string, NaN)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def field(obj, *path):
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def read_steps(directory):
    steps = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not name.endswith(".json") or not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            print(f"bench/relay/plot.py: skipping {path}: {e}", file=sys.stderr)
            continue
        server = data.get("server") if isinstance(data, dict) else None
        racers = number(field(data, "racers"))
        if not isinstance(server, str) or not server or racers is None or racers <= 0:
            print(f"bench/relay/plot.py: skipping {path}: no server or racers", file=sys.stderr)
            continue
        p99 = number(field(data, "latencyMs", "p99"))
        cpu = number(field(data, "serverProcess", "cpuPercent"))
        keys = number(field(data, "acceptedKeysPerSecond"))
        per_key = cpu / 100 * 1e6 / keys if cpu is not None and keys is not None and keys > 0 else None
        errors = number(field(data, "errors"))
        connected = number(field(data, "connected"))
        held = not (
            (p99 is not None and p99 > LATENCY_LIMIT_MS)
            or (errors is not None and errors > 0)
            or (connected is not None and connected < racers)
        )
        steps.append({"server": server, "racers": racers, "p99": p99, "perKey": per_key, "held": held})
    return steps


def read_settings(directory):
    try:
        with open(os.path.join(directory, "machine.md"), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("- settings:"):
                    return line[len("- settings:"):].strip() or None
    except OSError:
        pass
    return None


def nice_step(span, ticks=5):
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def y_axis(values, at_least=0.0):
    top = max([v for v in values if v is not None] + [at_least])
    if top <= 0:
        top = 1.0
    step = nice_step(top)
    top = math.ceil(top / step - 1e-9) * step
    count = int(round(top / step))
    return top, [i * step for i in range(count + 1)]


def fmt(value):
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2g}"


def fmt_racers(value):
    return f"{int(round(value)):,}" if abs(value - round(value)) < 1e-9 else f"{value:g}"


def marker(shape, x, y, colour, filled, label):
    fill = colour if filled else "#ffffff"
    attrs = f'fill="{fill}" stroke="{colour}" stroke-width="1.8"'
    r = 4.5
    if shape == "circle":
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {attrs}>'
        end = "</circle>"
    else:
        if shape == "square":
            s = r * 0.9
            pts = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
        elif shape == "triangle":
            pts = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
        elif shape == "triangle-down":
            pts = [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
        elif shape == "diamond":
            pts = [(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)]
        else:  # cross
            a, b = r * 1.2, r * 0.4
            pts = [(x - a, y - b), (x - b, y - b), (x - b, y - a), (x + b, y - a), (x + b, y - b), (x + a, y - b),
                   (x + a, y + b), (x + b, y + b), (x + b, y + a), (x - b, y + a), (x - b, y + b), (x - a, y + b)]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        body = f'<polygon points="{points}" {attrs}>'
        end = "</polygon>"
    return f"{body}<title>{escape(label)}</title>{end}"


def wrap(text, width):
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def panel(out, left, top, title, y_label, key, unit, series, styles, x_of, x_ticks, limit=None):
    bottom = top + PANEL_HEIGHT
    right = left + PANEL_WIDTH
    values = [s[key] for points in series.values() for s in points]
    y_top, y_ticks = y_axis(values, at_least=limit * 1.1 if limit else 0.0)

    def y_of(v):
        return bottom - v / y_top * PANEL_HEIGHT

    out.append(f'<g aria-label="{escape(title)}">')
    out.append(f'<text x="{left + PANEL_WIDTH / 2:.1f}" y="{top - 12}" text-anchor="middle" font-size="15" font-weight="600">{escape(title)}</text>')
    # Grid and y ticks.
    for v in y_ticks:
        y = y_of(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#e3e3e3" stroke-width="1"/>')
        out.append(f'<line x1="{left - 5}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" stroke="#333"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{fmt(v)}</text>')
    # X ticks at the steps; a label too close to the one before is left out, its grid line kept.
    last_label = None
    for v in x_ticks:
        x = x_of(v)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#efefef" stroke-width="1"/>')
        out.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}" stroke="#333"/>')
        if last_label is None or x - last_label >= 34:
            out.append(f'<text x="{x:.1f}" y="{bottom + 19}" text-anchor="middle" font-size="12">{fmt_racers(v)}</text>')
            last_label = x
    # Axes.
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>')
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/>')
    out.append(f'<text x="{left + PANEL_WIDTH / 2:.1f}" y="{bottom + 40}" text-anchor="middle" font-size="13">racers (log scale)</text>')
    cy = top + PANEL_HEIGHT / 2
    out.append(f'<text x="{left - 52}" y="{cy:.1f}" text-anchor="middle" font-size="13" transform="rotate(-90 {left - 52} {cy:.1f})">{escape(y_label)}</text>')
    if limit is not None:
        y = y_of(limit)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#444" stroke-width="1.3" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{right - 4}" y="{y - 5:.1f}" text-anchor="end" font-size="12" fill="#444" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{fmt(limit)} {unit} limit</text>')
    if not any(v is not None for v in values):
        out.append(f'<text x="{left + PANEL_WIDTH / 2:.1f}" y="{cy:.1f}" text-anchor="middle" font-size="13" fill="#666">no data</text>')
    # One line per server, through the steps that have the figure; every line first, then the markers on top.
    for server, points in series.items():
        colour, dash, shape = styles[server]
        present = [p for p in points if p[key] is not None]
        if len(present) > 1:
            d = " ".join(f"{'M' if i == 0 else 'L'}{x_of(p['racers']):.1f},{y_of(p[key]):.1f}" for i, p in enumerate(present))
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.2"{dash_attr} stroke-linejoin="round"/>')
    for server, points in series.items():
        colour, dash, shape = styles[server]
        present = [p for p in points if p[key] is not None]
        for p in present:
            label = f"{SERVER_NAMES.get(server, server)}, {fmt_racers(p['racers'])} racers: {fmt(round(p[key], 1))} {unit}" + ("" if p["held"] else " (missed)")
            out.append(marker(shape, x_of(p["racers"]), y_of(p[key]), colour, p["held"], label))
    out.append("</g>")


def draw(steps, settings, source):
    servers = sorted({s["server"] for s in steps}, key=lambda n: (SERVER_ORDER.index(n) if n in SERVER_ORDER else len(SERVER_ORDER), n))
    series = {name: sorted((s for s in steps if s["server"] == name), key=lambda s: s["racers"]) for name in servers}
    styles = {name: (COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]) for i, name in enumerate(servers)}

    x_ticks = sorted({s["racers"] for s in steps})
    lo, hi = math.log(x_ticks[0]), math.log(x_ticks[-1])
    pad = max((hi - lo) * 0.06, math.log(1.15))
    lo, hi = lo - pad, hi + pad

    title = "Keystroke relay: p99 latency and server CPU per key against racers"
    settings_lines = wrap(settings, 120) if settings else []
    legend_top = 56 + 18 * len(settings_lines)
    panel_top = legend_top + 84
    height = panel_top + PANEL_HEIGHT + 58

    desc = [f"Two line charts drawn from the step results in {source}, one line per server, racers on a log-scale x axis."]
    desc.append("Left: p99 keystroke latency in milliseconds, with the 100 ms limit as a dashed line. Right: server CPU time per accepted key in microseconds.")
    if settings:
        desc.append(f"Settings: {settings}.")
    for name in servers:
        parts = []
        for p in series[name]:
            p99 = f"p99 {fmt(round(p['p99'], 1))} ms" if p["p99"] is not None else "p99 unknown"
            per_key = f"{fmt(round(p['perKey']))} µs per key" if p["perKey"] is not None else "CPU per key unknown"
            parts.append(f"{fmt_racers(p['racers'])} racers {p99}, {per_key}" + ("" if p["held"] else " (missed)"))
        desc.append(f"{SERVER_NAMES.get(name, name)}: " + "; ".join(parts) + ".")

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="title desc" font-family="{escape(FONT, {chr(34): "&quot;"})}" fill="#1a1a1a">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(" ".join(desc))}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{WIDTH / 2:.0f}" y="30" text-anchor="middle" font-size="18" font-weight="700">{escape(title)}</text>',
    ]
    for i, line in enumerate(settings_lines):
        out.append(f'<text x="{WIDTH / 2:.0f}" y="{52 + 18 * i}" text-anchor="middle" font-size="13" fill="#444">{escape(line)}</text>')

    # The legend: one entry per server, then what the markers mean.
    entry_widths = [48 + 7.5 * len(SERVER_NAMES.get(n, n)) + 24 for n in servers]
    x = (WIDTH - sum(entry_widths)) / 2
    y = legend_top + 8
    for name, w in zip(servers, entry_widths):
        colour, dash, shape = styles[name]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x + 38:.1f}" y2="{y}" stroke="{colour}" stroke-width="2.2"{dash_attr}/>')
        out.append(marker(shape, x + 19, y, colour, True, SERVER_NAMES.get(name, name)))
        out.append(f'<text x="{x + 46:.1f}" y="{y + 4.5}" font-size="13">{escape(SERVER_NAMES.get(name, name))}</text>')
        x += w
    note = f"filled marker: the server held the step (p99 ≤ {fmt(LATENCY_LIMIT_MS)} ms, no errors, every racer connected); open marker: it missed"
    out.append(f'<text x="{WIDTH / 2:.0f}" y="{y + 26}" text-anchor="middle" font-size="12" fill="#444">{escape(note)}</text>')

    def x_of_for(left):
        return lambda v: left + (math.log(v) - lo) / (hi - lo) * PANEL_WIDTH

    panel(out, PANEL_LEFT[0], panel_top, "p99 keystroke latency", "p99 latency (ms)", "p99", "ms",
          series, styles, x_of_for(PANEL_LEFT[0]), x_ticks, limit=LATENCY_LIMIT_MS)
    panel(out, PANEL_LEFT[1], panel_top, "Server CPU per accepted key", "server CPU per key (µs)", "perKey", "µs",
          series, styles, x_of_for(PANEL_LEFT[1]), x_ticks)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        usage("expects a results directory and the SVG to write")
    directory, target = argv[1], argv[2]
    if not os.path.isdir(directory):
        usage(f"{directory} is not a directory")
    steps = read_steps(directory)
    if not steps:
        usage(f"{directory} holds no step JSON (files like typingrace-250.json with .server and .racers)")
    # Named from the repository's root when it is inside it, so the picture does not carry this machine's paths.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    source = os.path.relpath(os.path.abspath(directory), root)
    if source.startswith(".."):
        source = os.path.basename(os.path.normpath(os.path.abspath(directory)))
    svg = draw(steps, read_settings(directory), source)
    try:
        with open(target, "w", encoding="utf-8") as f:
            f.write(svg)
    except OSError as e:
        print(f"bench/relay/plot.py: cannot write {target}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
