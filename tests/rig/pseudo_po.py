#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns a .pot into a pseudo-translation in which every message is altered: the text between
printf directives is reversed, the directives stay in order, leading and trailing blanks stay in
place. A program whose decisions depend on its own wording behaves differently under it.

    pseudo_po.py IN.pot > OUT.po"""
import re
import sys

DIRECTIVE = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcspn%]")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a"}


def unquote(lines):
    s = "".join(re.match(r'^(?:msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(.*)"\s*$', ln).group(1) for ln in lines)
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), s)


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


def alter(s):
    out, last = [], 0
    for m in DIRECTIVE.finditer(s):
        out.append(flip(s[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(flip(s[last:]))
    return "".join(out)


def flip(seg):
    core = seg.strip()
    if not core:
        return seg
    head = seg[: len(seg) - len(seg.lstrip())]
    tail = seg[len(seg.rstrip()):]
    return head + core[::-1] + tail


def entries(text):
    block = []
    for ln in text.splitlines():
        if not ln.strip():
            if block:
                yield block
            block = []
        else:
            block.append(ln)
    if block:
        yield block


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    print('msgid ""\nmsgstr ""\n"Project-Id-Version: pseudo\\n"\n"PO-Revision-Date: 2000-01-01 00:00+0000\\n"\n'
          '"Last-Translator: none\\n"\n"Language-Team: none\\n"\n"Language: qps\\n"\n"MIME-Version: 1.0\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
    n = 0
    for block in entries(text):
        fields, cur = {}, None
        for ln in block:
            if ln.startswith("#"):
                continue
            m = re.match(r"^(msgid_plural|msgid|msgstr(?:\[\d+\])?)\s", ln)
            if m:
                cur = m.group(1)
                fields[cur] = [ln]
            elif cur and ln.startswith('"'):
                fields[cur].append(ln)
        if "msgid" not in fields:
            continue
        mid = unquote(fields["msgid"])
        if not mid:
            continue  # the header
        print("msgid " + quote(mid))
        if "msgid_plural" in fields:
            plural = unquote(fields["msgid_plural"])
            print("msgid_plural " + quote(plural))
            print("msgstr[0] " + quote(alter(mid)))
            print("msgstr[1] " + quote(alter(plural)))
        else:
            print("msgstr " + quote(alter(mid)))
        print()
        n += 1
    print(f"# {n} messages altered", file=sys.stderr)


if __name__ == "__main__":
    main()
