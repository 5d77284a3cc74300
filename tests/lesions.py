"""Procedural skin-lesion-like pictures, their transformed copies and their look-alikes.

Shared by the image tests (a few small pictures) and `bench/bench_images.py` (thousands). Every
picture is drawn from a seed, so a benchmark is the same on every machine. Needs numpy and Pillow.

- `lesion(seed)`: a skin-toned background with smooth shading, fine texture, a vignette and a
  few hairs, and a dark irregular blob near the centre with its own mottling.
- `sibling(seed, k)`: a *different* lesion drawn with the same background, framing, size and
  colours as `lesion(seed)`: the kind of look-alike (same disease, same framing) that must not be
  called a copy.
- `TRANSFORMS`: the changes that copies on community platforms make, each a function
  (image, rng) -> image.
"""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

SIZE = 256


def _smooth_noise(rng: np.random.Generator, size: int, cells: int) -> np.ndarray:
    """Noise in [0, 1] that varies over `cells` cells across the picture (bicubic upsampling)."""
    small = rng.random((cells, cells)).astype(np.float32)
    picture = Image.fromarray((small * 255).astype(np.uint8)).resize(
        (size, size), Image.Resampling.BICUBIC)
    return np.asarray(picture, dtype=np.float32) / 255


def _params(seed: int) -> dict:
    r = random.Random(seed)
    return {
        "skin": np.array([r.uniform(190, 235), r.uniform(140, 185), r.uniform(110, 160)]),
        "lesion": np.array([r.uniform(70, 130), r.uniform(40, 80), r.uniform(25, 60)]),
        "centre": (r.uniform(0.42, 0.58), r.uniform(0.42, 0.58)),
        "radius": r.uniform(0.18, 0.3),
        "vignette": r.uniform(0.2, 0.45),
        "hairs": r.randrange(0, 4),
        "background": r.randrange(1 << 30),
    }


def _draw(p: dict, shape_seed: int, size: int) -> Image.Image:
    bg = np.random.default_rng(p["background"])
    own = np.random.default_rng(shape_seed)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    shade = 0.85 + 0.25 * _smooth_noise(bg, size, 4)
    grain = 0.94 + 0.12 * _smooth_noise(bg, size, 48)
    picture = p["skin"][None, None, :] * (shade * grain)[:, :, None]
    # the lesion: a radius that wobbles with the angle (a few harmonics), soft edge, mottled inside
    cx, cy = p["centre"]
    angle = np.arctan2(y - cy, x - cx)
    wobble = np.ones_like(angle)
    for k in range(2, 7):
        wobble += own.uniform(0, 0.22 / k ** 0.5) * np.cos(k * angle + own.uniform(0, 2 * np.pi))
    distance = np.hypot(x - cx, y - cy) / (p["radius"] * wobble)
    inside = np.clip((1.0 - distance) * 8, 0, 1)
    mottle = 0.55 + 0.9 * _smooth_noise(own, size, 12) * _smooth_noise(own, size, 5)
    colour = p["lesion"][None, None, :] * mottle[:, :, None]
    picture = picture * (1 - inside[:, :, None]) + colour * inside[:, :, None]
    # dark corners, as dermoscopy pictures have
    corner = np.clip(np.hypot(x - 0.5, y - 0.5) * 1.5 - 0.45, 0, 1) * p["vignette"] * 2
    picture *= (1 - np.clip(corner, 0, 0.9))[:, :, None]
    image = Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8), "RGB")
    from PIL import ImageDraw

    pen = ImageDraw.Draw(image)
    for _ in range(p["hairs"]):
        points = [tuple(float(v) for v in own.uniform(0, size, 2)) for _ in range(3)]
        pen.line(points, fill=(40, 30, 25), width=max(1, size // 180))
    return image


def lesion(seed: int, size: int = SIZE) -> Image.Image:
    return _draw(_params(seed), seed * 7919 + 1, size)


def sibling(seed: int, k: int = 1, size: int = SIZE) -> Image.Image:
    """Another lesion in the same frame as `lesion(seed)`: only its shape and mottling differ."""
    return _draw(_params(seed), seed * 7919 + 1 + 104729 * k, size)


# ----------------------------------------------------------------------------- transformations

def resize(image: Image.Image, rng: random.Random) -> Image.Image:
    scale = rng.uniform(0.35, 0.8)
    size = (max(16, round(image.width * scale)), max(16, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR)


def jpeg(image: Image.Image, rng: random.Random) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randrange(30, 76))
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def crop(image: Image.Image, rng: random.Random) -> Image.Image:
    """Up to 10 % of the width and of the height cut away, unevenly between the two sides."""
    w, h = image.size
    cut_w, cut_h = rng.uniform(0.04, 0.10) * w, rng.uniform(0.04, 0.10) * h
    left, top = rng.uniform(0, 1) * cut_w, rng.uniform(0, 1) * cut_h
    return image.crop((round(left), round(top), round(w - (cut_w - left)),
                       round(h - (cut_h - top))))


def brightness_contrast(image: Image.Image, rng: random.Random) -> Image.Image:
    image = ImageEnhance.Brightness(image).enhance(rng.choice([rng.uniform(0.7, 0.85),
                                                               rng.uniform(1.15, 1.3)]))
    return ImageEnhance.Contrast(image).enhance(rng.choice([rng.uniform(0.7, 0.85),
                                                            rng.uniform(1.15, 1.3)]))


def mirror(image: Image.Image, rng: random.Random) -> Image.Image:
    return ImageOps.mirror(image) if rng.random() < 0.5 else ImageOps.flip(image)


def rotate90(image: Image.Image, rng: random.Random) -> Image.Image:
    return image.transpose(rng.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180,
                                       Image.Transpose.ROTATE_270]))


def grey(image: Image.Image, rng: random.Random) -> Image.Image:
    return image.convert("L")


TRANSFORMS = {
    "resize": resize,
    "jpeg": jpeg,
    "crop": crop,
    "brightness-contrast": brightness_contrast,
    "mirror": mirror,
    "rotate90": rotate90,
    "grey": grey,
}
