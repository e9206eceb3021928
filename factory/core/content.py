"""Fake but plausible content for generated screens: faker in several locales plus UI vocabulary."""

from __future__ import annotations

import importlib
import json
import random
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

LOCALES = ("en_US", "de_DE", "ja_JP", "ru_RU", "zh_CN", "ar_AA", "he_IL")
# Right-to-left scripts: pages of these locales are laid out mirrored (<html dir="rtl">). ar_AA is faker's Arabic
# without a region (Arabic lorem and jobs); its addresses and companies come from faker's ar_DZ, whose are Arabic
# (ar_AA's and ar_SA's are American templates with Arabic names: "New هادي", "NJ 52554").
RTL_LOCALES = frozenset({"ar_AA", "he_IL"})
LANGUAGE_TAGS = {"ar_AA": "ar"}  # BCP 47 tags where "xx-YY" is not one (AA is no region)
_EXTRA_PROVIDERS = {"ar_AA": ("faker.providers.address.ar_DZ", "faker.providers.company.ar_DZ")}
# Dates come from a fixed window, never relative to today: faker's date() ends at the current date, so the
# same seed would give other dates (and other pixels) on another day. Whole days from an offset rather than
# faker's date_between_dates, which goes through timestamps in the machine's local time zone.
DATE_FIRST = date(1970, 1, 1)
DATE_DAYS = (date(2025, 12, 31) - DATE_FIRST).days
CURRENCY = {"en_US": "${:,.2f}", "de_DE": "{:,.2f} €", "ja_JP": "¥{:,.0f}", "ru_RU": "{:,.0f} ₽", "zh_CN": "¥{:,.2f}",
            "ar_AA": "{:,.2f} ر.س", "he_IL": "{:,.2f} ₪"}


@lru_cache(maxsize=1)
def _ui_strings() -> dict[str, dict[str, str]]:
    """Every ui_strings*.json of factory/data merged (one file per group of families keeps merges apart); a key
    that two files give different words for is a packaging error, not something to resolve silently."""
    data = resources.files("factory.data")
    merged: dict[str, dict[str, str]] = {}
    for name in sorted(f.name for f in data.iterdir() if f.name.startswith("ui_strings") and f.name.endswith(".json")):
        for locale, words in json.loads(data.joinpath(name).read_text(encoding="utf-8")).items():
            into = merged.setdefault(locale, {})
            clash = sorted(k for k, v in words.items() if into.get(k, v) != v)
            if clash:
                raise RuntimeError(f"factory/data/{name} redefines UI words of {locale}: {', '.join(clash)}")
            into.update(words)
    return merged


@lru_cache(maxsize=None)
def _faker(locale: str):
    from faker import Faker  # imported here: faker's import is slow and `factory --help` must stay fast

    fake = Faker(locale)
    for module in _EXTRA_PROVIDERS.get(locale, ()):
        fake.add_provider(importlib.import_module(module).Provider)
    return fake


def text_direction(locale: str) -> str:
    """'rtl' for right-to-left locales, else 'ltr' (the dir attribute of a page, Qt's layout direction)."""
    return "rtl" if locale in RTL_LOCALES else "ltr"


def language_tag(locale: str) -> str:
    """The BCP 47 tag of a locale, e.g. 'en-US' (a page's lang attribute)."""
    return LANGUAGE_TAGS.get(locale) or locale.replace("_", "-")


class Content:
    """Content for one sample: a seeded Faker for `locale` and the RNG that drives choices."""

    def __init__(self, locale: str, seed: int, rng: random.Random):
        if locale not in LOCALES:
            raise ValueError(f"unknown locale {locale!r}; known: {', '.join(LOCALES)}")
        self.locale = locale
        self.rng = rng
        self.fake = _faker(locale)
        self.fake.seed_instance(seed)

    def ui(self, key: str) -> str:
        """A UI word (button label, menu entry) in this locale."""
        return _ui_strings()[self.locale][key]

    def name(self) -> str:
        return self.fake.name()

    def company(self) -> str:
        return self.fake.company()

    def address(self) -> str:
        return self.fake.address().replace("\n", ", ")

    def city(self) -> str:
        return self.fake.city()

    def email(self) -> str:
        return self.fake.email()

    def date(self) -> str:
        """An ISO date (YYYY-MM-DD) in 1970..2025, from the seeded faker, whatever the day of the run."""
        return (DATE_FIRST + timedelta(days=self.fake.random_int(0, DATE_DAYS))).isoformat()

    def job(self) -> str:
        return self.fake.job()

    def word(self) -> str:
        return self.fake.word().capitalize()

    def sentence(self, words: int = 8) -> str:
        return self.fake.sentence(nb_words=words)

    def sentence_words(self, words: int = 8) -> tuple[list[str], str, str]:
        """A sentence as its words (the first capitalised), the locale's word connector ('' in Chinese and Japanese)
        and its full stop: `connector.join(words) + stop` is the sentence. A paragraph with inline links needs the
        words to cut it at (rules.paragraph)."""
        lorem = next(p for p in self.fake.providers if hasattr(p, "word_connector"))
        ws = self.fake.words(nb=max(1, words))
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return ws, lorem.word_connector, lorem.sentence_punctuation

    def title(self, words: int = 3) -> str:
        return self.fake.sentence(nb_words=words).rstrip(".。 ")

    def price(self, low: float = 1, high: float = 2000) -> str:
        return CURRENCY[self.locale].format(self.rng.uniform(low, high))

    def number(self, low: int = 0, high: int = 10000) -> str:
        return f"{self.rng.randint(low, high):,}"

    def percent(self) -> str:
        return f"{self.rng.uniform(-30, 60):+.1f}%"


def ui_words(locale: str) -> dict[str, str]:
    """The UI words (key -> text) of `locale` that Content.ui draws from; {} for a locale without them."""
    return dict(_ui_strings().get(locale, {}))
