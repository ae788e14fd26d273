"""Draw the generic placeholder emblem shipped with the example brands.

It is deliberately not a real emblem: a ring with the word LOGO, to be replaced
by the locality's own logo file. Run: python tools/make_placeholder_emblem.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 480
out = Path(__file__).resolve().parents[1] / "content" / "brands" / "placeholder-emblem.png"
font_path = Path(__file__).resolve().parents[1] / "fonts" / "BeVietnamPro-ExtraBold.ttf"

img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=(255, 255, 255, 255))
d.ellipse((34, 34, SIZE - 34, SIZE - 34), outline=(201, 162, 39, 255), width=14)
d.ellipse((70, 70, SIZE - 70, SIZE - 70), outline=(201, 162, 39, 255), width=4)
font = ImageFont.truetype(str(font_path), 96)
w = d.textlength("LOGO", font=font)
d.text(((SIZE - w) / 2, SIZE / 2 - 62), "LOGO", font=font, fill=(120, 120, 120, 255))
img.save(out, optimize=True)
print(out)
