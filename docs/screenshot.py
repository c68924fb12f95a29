#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders a captured screen (a golden file of tests/screens/expected/, 80x24 text) as a PNG the
way a terminal shows it, for the README:

    docs/screenshot.py tests/screens/expected/refused-7-mailbox docs/wizard-step7.png

The text is the captured screen, character for character. The colours are the wizard's own
(ui_attr() in src/ui/draw.c): the title bar white on blue, OK green, WARN yellow, FAIL red, the fix
after "->" yellow, the key line cyan. The source's name and SHA-256 are kept in the PNG's text
chunks, so a stale picture can be told from a current one."""
import hashlib
import os
import re
import sys

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SIZE = 16
BG, FG = (0x1e, 0x1e, 0x1e), (0xd0, 0xd0, 0xd0)
BLUE, WHITE = (0x1f, 0x4e, 0xa8), (0xff, 0xff, 0xff)
GREEN, YELLOW, RED, CYAN = (0x4e, 0xc9, 0x4e), (0xe5, 0xc0, 0x3a), (0xf0, 0x50, 0x50), (0x4e, 0xc9, 0xd6)
TAG = re.compile(r"^  (OK|WARN|FAIL|INFO)\b")


def styles(lines):
    """(foreground, background, bold) for each line, from the wizard's drawing roles."""
    out, in_fix = [], False
    for i, line in enumerate(lines):
        if i == 0:
            out.append((WHITE, BLUE, True))
            continue
        m = TAG.match(line)
        if m:
            in_fix = False
            colour = {"OK": GREEN, "WARN": YELLOW, "FAIL": RED, "INFO": FG}[m.group(1)]
            out.append(([(2, 2 + len(m.group(1)), colour, True)], None, False))
            continue
        if line.strip().startswith("->"):
            in_fix = True
        elif not line.strip() or not line.startswith("        "):
            in_fix = False
        if in_fix:
            out.append((YELLOW, None, True))
        elif i == len(lines) - 1 and line.startswith(" Enter"):
            out.append((CYAN, None, True))
        else:
            out.append((FG, None, False))
    return out


def render(src, dst, cols=80, rows=24):
    text = open(src, encoding="utf-8").read()
    lines = (text.split("\n") + [""] * rows)[:rows]
    regular = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono.ttf"), SIZE)
    bold = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono-Bold.ttf"), SIZE)
    cw = round(regular.getlength("M"))
    ascent, descent = regular.getmetrics()
    ch = ascent + descent + 2
    pad = 12
    img = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), BG)
    draw = ImageDraw.Draw(img)
    for y, (line, (fg, bg, strong)) in enumerate(zip(lines, styles(lines))):
        line = line.ljust(cols)[:cols]
        top = pad + y * ch
        if bg:
            draw.rectangle([pad, top, pad + cols * cw - 1, top + ch - 1], fill=bg)
        spans = fg if isinstance(fg, list) else []
        for x, c in enumerate(line):
            colour, font = (fg if not spans else FG), (bold if strong else regular)
            for a, b, span_colour, span_bold in spans:
                if a <= x < b:
                    colour, font = span_colour, (bold if span_bold else regular)
            if c != " ":
                draw.text((pad + x * cw, top + 1), c, font=font, fill=colour)
    meta = PngInfo()
    meta.add_text("Source", os.path.basename(src))
    meta.add_text("Source-SHA256", hashlib.sha256(text.encode()).hexdigest())
    img.save(dst, pnginfo=meta, optimize=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshot.py SCREEN.txt OUT.png")
    render(sys.argv[1], sys.argv[2])
