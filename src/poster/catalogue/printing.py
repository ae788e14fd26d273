"""Messages of the print checks: `poster check` (preflight) and `poster tile`."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # a brand colour the press cannot print (FILE is the colour): a warning
    "print.out-of-gamut": (
        "outside {condition}, the press's colours: printed as {inks}, ΔE00 {delta:.1f} from it",
        "nằm ngoài gam màu in {condition}: sẽ in thành {inks}, lệch ΔE00 {delta:.1f}",
    ),
}
