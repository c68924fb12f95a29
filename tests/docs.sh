#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's screenshot: docs/screenshot.py renders a captured 80x24 screen as a PNG, and the
# PNG in docs/ is the rendering of the captured screen kept beside it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
if ! "$PY" -c 'import PIL' 2>/dev/null || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]; then
	not_ok "docs/screenshot.py can run" "needs python3-pil and fonts-dejavu-core (./quickstart.sh test installs them)"
	done_testing
fi
grep -q '](docs/wizard-step7.png)' README.md && ok "the README shows docs/wizard-step7.png" ||
	not_ok "the README shows docs/wizard-step7.png"
run "$PY" docs/screenshot.py docs/wizard-step7.txt "$TMP/shot.png"
expect "docs/screenshot.py renders the captured screen" 0
info=$("$PY" - "$TMP/shot.png" docs/wizard-step7.png docs/wizard-step7.txt <<'PY'
import hashlib, sys
from PIL import Image
new, kept = Image.open(sys.argv[1]), Image.open(sys.argv[2])
src = hashlib.sha256(open(sys.argv[3], "rb").read()).hexdigest()
print(new.size[0] > 80 * 8 and new.size[1] > 24 * 14, new.size == kept.size,
      kept.text.get("Source-SHA256") == src, kept.text.get("Source"))
PY
)
read -r big same fresh source <<<"$info"
[ "$big" = True ] && ok "the picture holds 80x24 cells" || not_ok "the picture holds 80x24 cells" "$info"
[ "$same" = True ] && [ "$fresh" = True ] && [ "$source" = wizard-step7.txt ] &&
	ok "docs/wizard-step7.png is the rendering of docs/wizard-step7.txt" ||
	not_ok "docs/wizard-step7.png is the rendering of docs/wizard-step7.txt" "$info" \
		"run: docs/screenshot.py docs/wizard-step7.txt docs/wizard-step7.png"
[ "$(sed -n '1p' docs/wizard-step7.txt | cut -c1-18)" = " o365-oauth-setup " ] && [ "$(wc -l <docs/wizard-step7.txt)" -le 24 ] &&
	ok "docs/wizard-step7.txt is a captured wizard screen" || not_ok "docs/wizard-step7.txt is a captured wizard screen"
done_testing
